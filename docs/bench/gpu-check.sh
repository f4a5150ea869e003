#!/usr/bin/env bash
# The WebGPU check for a GPU machine, in one go, with no network (after `npm ci`):
#   1. the adapter and every backend (jepa-lab doctor);
#   2. `bench` for cpu-small, vit-tiny (224 px, batch 64) and vit-small (224 px, batch 64)
#      on webgpu and on the best CPU backend, in the same run;
#   3. a 300-step cpu-small training on webgpu on the bundled digits: its loss must
#      fall and its features must not collapse (the run's collapse check, RankMe).
# It ends with PASS or FAIL and exits 0 or 1. Every part runs under a time limit
# so the whole stays under 8 minutes; a part over its limit is reported, not waited for.
#
# On a software adapter (llvmpipe, SwiftShader: no GPU, as on the CI machine) the
# GPU parts are slow, so they shrink and say so: tiny shapes, few steps, a
# shorter training on the tiny preset. GPU_CHECK_QUICK=1 forces that; =0 forbids it.
#
#   bash docs/bench/gpu-check.sh            # from the project root
#   GPU_CHECK_HOME=/tmp/x bash docs/bench/gpu-check.sh   # keep the training's lab home
set -uo pipefail
cd "$(dirname "$0")/../.."
export JEPA_LAB_BACKEND= # the CLI's own choice, per command
LAB="node bin/jepa-lab.mjs"
T0=$(date +%s)
HOME_DIR=${GPU_CHECK_HOME:-$(mktemp -d -t jepa-gpu-check-XXXXXX)}
OUT=$(mktemp -d -t jepa-gpu-check-out-XXXXXX)
fail=0
elapsed() { echo $(( $(date +%s) - T0 ))s; }
# the whole run stays under 8 minutes: a part's limit is cut to what is left of
# BUDGET seconds, less what the parts after it are promised (RESERVE)
budget() { local want=$1 reserve=$2 left=$(( BUDGET - ($(date +%s) - T0) - $2 )); [ "$left" -lt "$want" ] && want=$left; [ "$want" -lt 5 ] && want=5; echo "$want"; }
say() { printf '\n== %s [%s]\n' "$*" "$(elapsed)"; }
# run CMD under a time limit (seconds), its JSON to a file; a timeout is reported and the script goes on
limited() {
  local secs=$1 file=$2
  shift 2
  timeout --signal=TERM --kill-after=10 "$secs" "$@" >"$file" 2>"$file.err"
  local rc=$?
  if [ $rc = 124 ] || [ $rc = 137 ]; then echo "   (over its ${secs}s limit: stopped)"; return 124; fi
  if [ $rc != 0 ]; then echo "   failed (exit $rc): $(tail -3 "$file.err")"; fi
  return $rc
}
js() { node -e "$1" "${@:2}"; }

say "machine"
echo "   $(uname -srm), Node $(node --version), $(nproc) cores"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/   nvidia-smi: /'

say "backends (jepa-lab doctor)"
limited 120 "$OUT/doctor.json" $LAB doctor --json || fail=1
$LAB doctor 2>/dev/null | sed 's/^/   /'
read -r WEBGPU SOFTWARE CPU_BACKEND < <(js '
  const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const w = d.backends.find((b) => b.request === "webgpu");
  const node = d.backends.find((b) => b.package.startsWith("@tensorflow/tfjs-node ") && b.loads);
  const gpu = d.backends.find((b) => b.package.startsWith("@tensorflow/tfjs-node-gpu") && b.loads);
  // the best CPU backend: tfjs-node (when tfjs-node-gpu, tried first by --backend tensorflow, is absent), else wasm
  console.log(w && w.loads ? "yes" : "no", w && w.adapter && w.adapter.software ? w.adapter.software : "none", node && !gpu ? "tensorflow" : "wasm");
' "$OUT/doctor.json" 2>/dev/null || echo "no none wasm")
if [ "$WEBGPU" != yes ]; then
  echo "   no WebGPU adapter: nothing to check on a GPU (see the reasons above)"
  exit 1
fi
QUICK=${GPU_CHECK_QUICK:-}
if [ -z "$QUICK" ]; then [ "$SOFTWARE" != none ] && QUICK=1 || QUICK=0; fi
# 450 s on a GPU; a software adapter is not held to 8 minutes (it is the code paths that are checked there)
BUDGET=${GPU_CHECK_BUDGET:-$([ "$QUICK" = 1 ] && echo 1500 || echo 450)}
if [ "$QUICK" = 1 ]; then
  echo "   [slow: the adapter is software ($SOFTWARE) or GPU_CHECK_QUICK=1 — the GPU parts below run shrunk shapes and few steps]"
fi

# ── 2. bench: webgpu and the best CPU backend, same shapes, same run
say "bench: webgpu vs $CPU_BACKEND"
if [ "$QUICK" = 1 ]; then
  SHAPES=("cpu-small|--preset cpu-small --batch 16" "vit-tiny|--config $OUT/vit-tiny.json" "vit-small|--config $OUT/vit-small.json")
  # vit-tiny's and vit-small's widths at 64 px, batch 4, two blocks: the same kernels at a size a CPU-emulated GPU gets through
  shrunk() { echo "{\"data\": {\"crop_size\": 64, \"channels\": 3, \"batch_size\": 4}, \"mask\": {\"patch_size\": 16, \"min_keep\": 1}, \"model\": {\"embed_dim\": $1, \"num_heads\": $2, \"depth\": 2}, \"meta\": {\"pred_emb_dim\": 384, \"pred_depth\": 1}}"; }
  shrunk 192 3 >"$OUT/vit-tiny.json"
  shrunk 384 6 >"$OUT/vit-small.json"
  GPU_STEPS=2 CPU_STEPS=2 BENCH_LIMIT=150
else
  SHAPES=("cpu-small|--preset cpu-small" "vit-tiny|--preset vit-tiny --batch 64" "vit-small|--preset vit-small --batch 64")
  GPU_STEPS=${GPU_CHECK_GPU_STEPS:-5} CPU_STEPS=${GPU_CHECK_CPU_STEPS:-1} BENCH_LIMIT=${GPU_CHECK_BENCH_LIMIT:-120}
fi
printf '   %-10s %-9s %12s %12s %10s  %s\n' shape backend "ms/step" "images/s" "GFLOP/s" "micro-batch"
for s in "${SHAPES[@]}"; do
  name=${s%%|*}
  args=${s#*|}
  for b in webgpu "$CPU_BACKEND"; do
    steps=$([ "$b" = webgpu ] && echo "$GPU_STEPS" || echo "$CPU_STEPS")
    f="$OUT/bench-$name-$b.json"
    # shellcheck disable=SC2086
    # the training below is promised 200 s of the budget
    if limited "$(budget "$BENCH_LIMIT" 200)" "$f" $LAB bench $args --backend "$b" --steps "$steps" --json; then
      js 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
          console.log("   " + [process.argv[2].padEnd(10), process.argv[3].padEnd(9), r.ms_per_step.toFixed(0).padStart(12), r.images_per_s.toFixed(1).padStart(12), r.gflops.toFixed(1).padStart(10), "", r.micro_batch || "whole"].join(" "));' "$f" "$name" "$b"
    else
      printf '   %-10s %-9s %s\n' "$name" "$b" "no figure"
      [ "$b" = webgpu ] && fail=1
    fi
  done
done
js 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log("   webgpu adapter: " + r.backend);' "$OUT/bench-cpu-small-webgpu.json" 2>/dev/null

# ── 3. a training on webgpu: the loss falls, the features do not collapse
if [ "$QUICK" = 1 ]; then TRAIN="--preset tiny --steps 30"; TRAIN_LIMIT=240; else TRAIN="--preset cpu-small --steps 300"; TRAIN_LIMIT=${GPU_CHECK_TRAIN_LIMIT:-240}; fi
say "training on webgpu: $TRAIN on the bundled digits"
# shellcheck disable=SC2086
limited "$(budget "$TRAIN_LIMIT" 20)" "$OUT/train.jsonl" $LAB train $TRAIN --backend webgpu --name gpu-check --json --home "$HOME_DIR"
train_rc=$?
RUN=$(js 'const l = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((x) => { try { return JSON.parse(x); } catch { return {}; } }); const c = l.find((o) => o.event === "created"); console.log(c ? c.run_id : "");' "$OUT/train.jsonl" 2>/dev/null)
if [ -z "$RUN" ]; then
  echo "   the training did not start: $(tail -3 "$OUT/train.jsonl.err")"
  fail=1
else
  limited 60 "$OUT/export.log" $LAB export "$RUN" --format json --out "$OUT/metrics.json" --home "$HOME_DIR"
  limited 60 "$OUT/show.json" $LAB show "$RUN" --json --home "$HOME_DIR"
  if ! js '
    const fs = require("fs");
    const m = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const run = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const series = (n) => m.metrics.filter((p) => p.name === n).sort((a, b) => a.step - b.step);
    const loss = series("loss"), rank = series("rankme"), std = series("feature_std");
    const head = loss.slice(0, 5), tail = loss.slice(-5);
    const mean = (xs) => xs.reduce((a, p) => a + p.value, 0) / Math.max(1, xs.length);
    const falls = loss.length >= 10 && mean(tail) < mean(head);
    const collapsed = !!run.collapse_warning;
    console.log(`   run ${run.id} ${run.status} at step ${run.step}/${run.total_steps} on ${run.backend}`);
    console.log(`   loss ${mean(head).toFixed(4)} (first 5 logged) → ${mean(tail).toFixed(4)} (last 5): ${falls ? "falls" : "DOES NOT FALL"}`);
    if (rank.length) console.log(`   RankMe ${rank[0].value.toFixed(2)} → ${rank.at(-1).value.toFixed(2)}, feature std ${std.at(-1).value.toExponential(2)}: ${collapsed ? "COLLAPSE: " + run.collapse_warning : "no collapse"}`);
    const step = series("step_ms");
    if (step.length) console.log(`   ${(step.reduce((a, p) => a + p.value, 0) / step.length).toFixed(0)} ms per step on average`);
    process.exit(run.status === "completed" && falls && !collapsed ? 0 : 1);
  ' "$OUT/metrics.json" "$OUT/show.json"; then fail=1; fi
fi
[ $train_rc = 0 ] || fail=1

say "done"
rm -rf "$OUT"
[ -z "${GPU_CHECK_HOME:-}" ] && rm -rf "$HOME_DIR"
if [ $fail = 0 ]; then echo "PASS ($(elapsed))"; else echo "FAIL ($(elapsed))"; fi
exit $fail
