#!/usr/bin/env python3
"""Compacts the aiconfigurator GEMM and NCCL tables into src/DesSim.Core/Cost/Data/ (run from the repo root,
with ../shared/profiles present). Keeps bf16 and fp8 GEMM rows on a power-of-two m grid and n,k >= 256, and the
half-precision NCCL rows (duplicates averaged, message size converted from elements to bytes)."""
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
