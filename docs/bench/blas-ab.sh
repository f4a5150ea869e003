#!/usr/bin/env bash
# Issue 23's acceptance commands, twice, alternating: the step against PyTorch, and
# cpu-small with the BLAS addon and without it. JSON results in /tmp/blas-ab.
set -u
cd "$(dirname "$0")/../.."
out=/tmp/blas-ab
mkdir -p $out
for i in 1 2; do
  npx jepa-lab bench --compare-torch --config docs/bench/issue7-step.json --steps 5 --json > $out/compare-torch-$i.json
  npx jepa-lab bench --preset cpu-small --steps 20 --json > $out/cpu-small-blas-$i.json
  JEPA_LAB_BLAS=0 npx jepa-lab bench --preset cpu-small --steps 20 --json > $out/cpu-small-off-$i.json
done
echo "results in $out"
