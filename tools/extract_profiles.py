#!/usr/bin/env python3
"""Compacts the aiconfigurator GEMM and NCCL tables into src/DesSim.Core/Cost/Data/ (run from the repo root,
with ../shared/profiles present). Keeps bf16 and fp8 GEMM rows on a power-of-two m grid and n,k >= 256, and the
half-precision NCCL rows (duplicates averaged, message size converted from elements to bytes), and TensorRT-LLM's
custom all-reduce rows (bf16, strategy AUTO; message size converted from elements to bytes)."""
import csv, collections, os, sys
SRC = sys.argv[1] if len(sys.argv) > 1 else '../shared/profiles/aiconfigurator/data'
OUT = 'src/DesSim.Core/Cost/Data'
M = {1 << i for i in range(16)}
GEMM = {'h100_sxm': 'gemm/trtllm/1.3.0rc20', 'h200_sxm': 'gemm/trtllm/1.3.0rc20', 'a100_sxm': 'gemm/trtllm/1.0.0'}
NCCL = {'h100_sxm': 'comm/nccl/2.27.3', 'h200_sxm': 'comm/nccl/2.26.2', 'a100_sxm': 'comm/nccl/2.27.3'}
DT = {'bfloat16': 'bf16', 'fp8': 'fp8'}
for gpu, sub in GEMM.items():
    rows = collections.defaultdict(list)
    for r in csv.DictReader(open(f'{SRC}/{gpu}/{sub}/gemm_perf.csv')):
        d = DT.get(r['gemm_dtype'])
        m, n, k = int(r['m']), int(r['n']), int(r['k'])
        if d and m in M and n >= 256 and k >= 256:
            rows[(d, m, n, k)].append(float(r['latency']))
    with open(f'{OUT}/gemm_{gpu}.csv', 'w') as f:
        f.write('dtype,m,n,k,latency_ms\n')
        for key in sorted(rows):
            v = rows[key]
            f.write('%s,%d,%d,%d,%.6g\n' % (*key, sum(v) / len(v)))
for gpu, sub in NCCL.items():
    rows = collections.defaultdict(list)
    for r in csv.DictReader(open(f'{SRC}/{gpu}/{sub}/nccl_perf.csv')):
        if r['nccl_dtype'] == 'half':
            rows[(r['op_name'], int(r['num_gpus']), int(r['message_size']) * 2)].append(float(r['latency']))
    with open(f'{OUT}/nccl_{gpu}.csv', 'w') as f:
        f.write('op,num_gpus,bytes,latency_ms\n')
        for key in sorted(rows):
            v = rows[key]
            f.write('%s,%d,%d,%.6g\n' % (*key, sum(v) / len(v)))
CUSTOM_AR = {'h100_sxm': 'comm/trtllm/1.3.0rc20', 'h200_sxm': 'comm/trtllm/1.3.0rc20'}
for gpu, sub in CUSTOM_AR.items():
    rows = collections.defaultdict(list)
    for r in csv.DictReader(open(f'{SRC}/{gpu}/{sub}/custom_allreduce_perf.csv')):
        if r['allreduce_dtype'] == 'bfloat16' and r['op_name'] == 'all_reduce':
            rows[('all_reduce', int(r['num_gpus']), int(r['message_size']) * 2)].append(float(r['latency']))
    with open(f'{OUT}/custom_allreduce_{gpu}.csv', 'w') as f:
        f.write('op,num_gpus,bytes,latency_ms\n')
        for key in sorted(rows):
            v = rows[key]
            f.write('%s,%d,%d,%.6g\n' % (*key, sum(v) / len(v)))

# Attention (H100, H200): head_dim 128, no sliding window, bf16 attention; KV cache bf16 or fp8. Only the per-rank
# (heads, kv_heads) pairs the catalog models reach at TP 1..16.
MODELS = [(32, 32), (40, 40), (64, 8), (32, 8), (128, 8)]
PAIRS = set()
for h, kv in MODELS:
    for t in (1, 2, 4, 8, 16):
        if h % t == 0:
            PAIRS.add((h // t, max(1, kv // t)))
ATT = {'h100_sxm': 'attention/trtllm/1.3.0rc20', 'h200_sxm': 'attention/trtllm/1.3.0rc20'}
KV = {'bfloat16': 'bf16', 'fp8': 'fp8'}
for gpu, sub in ATT.items():
    for phase, fname in (('context', 'context_attention_perf.csv'), ('generation', 'generation_attention_perf.csv')):
        rows = collections.defaultdict(list)
        for r in csv.DictReader(open(f'{SRC}/{gpu}/{sub}/{fname}')):
            if r['head_dim'] != '128' or r['window_size'] != '0' or r['attn_dtype'] != 'bfloat16' or r['kv_cache_dtype'] not in KV:
                continue
            h, kv = int(r['num_heads']), int(r['num_key_value_heads'])
            if (h, kv) not in PAIRS:
                continue
            length = int(r['isl']) + (int(r['step']) if phase == 'generation' else 0)
            rows[(KV[r['kv_cache_dtype']], h, kv, int(r['batch_size']), length)].append(float(r['latency']))
        with open(f'{OUT}/attention_{phase}_{gpu}.csv', 'w') as f:
            f.write('kv_dtype,heads,kv_heads,batch,length,latency_ms\n')
            for key in sorted(rows):
                v = rows[key]
                f.write('%s,%d,%d,%d,%d,%.6g\n' % (*key, sum(v) / len(v)))
