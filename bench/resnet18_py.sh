#!/usr/bin/env bash
# A .py ResNet-18 for 32x32 inputs (bench/models/resnet18_cifar.py, 11.2 M parameters) trained by ShapeSafe's graph
# runtime (the C# API: GraphModule, forward, cross-entropy, backward, Adam on random input) vs the same file in
# PyTorch eager, same batch and threads, interleaved rounds; prints the images/s ratio (issue 8 wants >= 1).
#   bench/resnet18_py.sh [--rounds 5] [--threads 2] [--batch 128] [--steps 30] [--warmup 5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec bench/compare.sh --only resnet18 "$@"
