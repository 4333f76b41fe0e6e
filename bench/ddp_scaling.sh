#!/usr/bin/env bash
# DDP scaling of an exported project on this machine: training images/s of train_ddp.py with 1 and with 2 gloo (CPU)
# processes, next to `shapesafe train` (TorchSharp) on the same generated data, model and batch size.
# Usage: bench/ddp_scaling.sh [EPOCHS] [PER_CLASS] [BATCH]   (defaults 3 600 128: 10 classes of 28x28 grayscale)
# Needs python3-torch (apt-get install python3-torch). Figures go into docs/distributed.md's table.
# A smoke run: bench/ddp_scaling.sh 1 10 16
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
epochs=${1:-3}
per_class=${2:-600}
batch=${3:-128}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
model=examples/fashion_mnist.model
shapesafe=(${SHAPESAFE:-./shapesafe})   # SHAPESAFE="dotnet path/shapesafe.dll" uses an existing build

"${shapesafe[@]}" make-data "$work/data" --classes 10 --per-class "$per_class" --size 28x28 --channels 1 >/dev/null
"${shapesafe[@]}" export "$model" --to pytorch "$work/project" >/dev/null

# images/s of the last epoch in a metrics.json (train_ddp.py's {"epochs": [...]} or shapesafe's list/object of epochs).
rate() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
epochs = d["epochs"] if isinstance(d, dict) and "epochs" in d else d
print("%.0f" % epochs[-1]["images_per_second"])
PY
}

for procs in 1 2; do
  /usr/bin/python3 -m torch.distributed.run --standalone --nnodes=1 --nproc_per_node="$procs" --redirects 1 --tee 1 \
    "$work/project/train_ddp.py" --data "$work/data" --epochs "$epochs" --batch-size "$batch" --out "$work/run$procs" >/dev/null 2>&1
done
"${shapesafe[@]}" train "$model" --data "$work/data" --epochs "$epochs" --batch-size "$batch" --out "$work/shapesafe" >/dev/null 2>&1

printf '%-34s %12s\n' "trainer" "images/s"
printf '%-34s %12s\n' "train_ddp.py, 1 gloo process" "$(rate "$work/run1/metrics.json")"
printf '%-34s %12s\n' "train_ddp.py, 2 gloo processes" "$(rate "$work/run2/metrics.json")"
printf '%-34s %12s\n' "shapesafe train (TorchSharp)" "$(rate "$work/shapesafe/metrics.json")"
echo "($epochs epoch(s), $((per_class * 10)) images of 1x28x28, batch $batch per process, $(nproc) CPUs; last epoch)"
