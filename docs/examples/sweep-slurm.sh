#!/bin/bash
# Slurm job array: 8 shards of one sweep, one array task per shard (docs/sweeps.md).
# Submit from the repository root:   sbatch docs/examples/sweep-slurm.sh
# A requeued or resubmitted task resumes its shard. When all tasks are done, merge:
#   sbatch --dependency=afterok:<jobid> --wrap "dessim merge --out results/sweep results/shards/{1..8}"
#SBATCH --job-name=dessim-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=01:00:00
#SBATCH --requeue
#SBATCH --output=results/shards/slurm-%A_%a.out
set -euo pipefail
dessim sweep scenarios/llama70b-h100-chat.yaml \
  --grid scenarios/grids/layouts-by-rate.yaml \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
  --jobs "${SLURM_CPUS_PER_TASK}" \
  --out "results/shards/${SLURM_ARRAY_TASK_ID}"
