#!/usr/bin/env bash
# CUDA proof for ShapeSafe's training: trains the seed model (3x64x64, batch 512) and the
# Fashion-MNIST model (1x28x28, batch 1024) with `shapesafe train --device cuda` on generated data,
# then runs the same model files in PyTorch eager (bench/pytorch_compare.py) on the same GPU, and
# prints training images/s for both.
#
# For a GPU machine that has PyTorch with CUDA (2.x) but no .NET. Build the CLI elsewhere, without
# the CPU libtorch (the CUDA libtorch of the PyTorch install is used instead):
#
#   dotnet publish src/ShapeSafe.Cli -c Release -r linux-x64 --self-contained -p:ShapeSafeNoLibTorch=true -o pub
#
# then copy pub/, examples/ and bench/ to the GPU machine and run, from the repository root:
#
#   bench/cuda/run_cuda_check.sh pub
#
# Environment: PYTHON (default python3), SHAPESAFE_LIBTORCH (default: python's torch/lib),
# DEVICE (default cuda; cpu for a dry run), SEED_PER_CLASS (1200), FASHION_PER_CLASS (3000),
# EPOCHS (2: the first epoch warms up cuDNN and the allocator, the last one is reported), STEPS (50).
set -euo pipefail

PUB=${1:?usage: bench/cuda/run_cuda_check.sh PUBLISH_DIR [REPO_DIR]}
REPO=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
PYTHON=${PYTHON:-python3}
DEVICE=${DEVICE:-cuda}
SEED_PER_CLASS=${SEED_PER_CLASS:-1200}
FASHION_PER_CLASS=${FASHION_PER_CLASS:-3000}
EPOCHS=${EPOCHS:-2}
STEPS=${STEPS:-50}
SHAPESAFE=$(cd "$PUB" && pwd)/shapesafe
[ -x "$SHAPESAFE" ] || { echo "error: $SHAPESAFE is not an executable: publish the CLI first (see the top of this script)" >&2; exit 2; }

echo "== machine"
nvidia-smi -L 2>/dev/null || echo "(nvidia-smi not found)"
"$PYTHON" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")'
LIBTORCH=${SHAPESAFE_LIBTORCH:-$("$PYTHON" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')}
echo "libtorch: $LIBTORCH"
export SHAPESAFE_LIBTORCH=$LIBTORCH

WORK=$(mktemp -d "${TMPDIR:-/tmp}/shapesafe-cuda-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "== generated data"
"$SHAPESAFE" make-data "$WORK/seed-data" --classes 10 --per-class "$SEED_PER_CLASS" --size 64x64 --channels 3
"$SHAPESAFE" make-data "$WORK/fashion-data" --classes 10 --per-class "$FASHION_PER_CLASS" --size 28x28 --channels 1

# The images/s of the last epoch's training steps (metrics.csv column images_per_s).
last_rate() { tail -n 1 "$1/metrics.csv" | cut -d, -f6; }

run_model() { # name model data batch
  local name=$1 model=$2 data=$3 batch=$4
  echo "== $name: shapesafe train --device $DEVICE --batch-size $batch"
  "$SHAPESAFE" train "$REPO/examples/$model" --data "$data" --epochs "$EPOCHS" --batch-size "$batch" \
    --device "$DEVICE" --libtorch "$LIBTORCH" --out "$WORK/$name-run"
  echo "== $name: PyTorch eager, batch $batch"
  "$PYTHON" "$REPO/bench/pytorch_compare.py" --model "$REPO/examples/$model" --batch "$batch" --device "$DEVICE" \
    --steps "$STEPS" --warmup 10 --only train,infer | tee "$WORK/$name-pytorch.txt"
}

run_model seed seed_fixed.model "$WORK/seed-data" 512
run_model fashion fashion_mnist.model "$WORK/fashion-data" 1024

echo "== training images/s on $DEVICE (ShapeSafe: last epoch of train, data included; PyTorch: random input, no data loading)"
printf '%-10s %14s %14s\n' model shapesafe pytorch
for name in seed fashion; do
  printf '%-10s %14s %14s\n' "$name" "$(last_rate "$WORK/$name-run")" \
    "$(tail -n 1 "$WORK/$name-pytorch.txt" | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["train"])')"
done
