#!/usr/bin/env bash
# ShapeSafe and PyTorch 1.13 side by side, interleaved rounds, ratios with their spread (median, min-max), as a markdown
# table for docs/benchmarks.md. Run it on an idle machine; on a loaded one the figures are noise.
#   bench/compare.sh [--rounds 5] [--threads 2] [--batch 128] [--steps 30] [--warmup 5] [--limit 12800]
#                    [--only pytorch,loader,check,graph,trainer,resnet18,onnx,onednn,malloc,pytorch-malloc] [--out FILE] [--json FILE]
# Needs: .NET 10, Debian's python3-torch (1.13) and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread),
# and the Fashion-MNIST IDX files in /usr/share/datasets/fashion-mnist for the loader and trainer sections.
# bench/compare.py --help describes the sections.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "compare.sh: /usr/bin/python3 cannot import torch; apt-get install -y python3-torch libopenblas0-pthread" >&2
  exit 2
fi
echo "compare.sh: building bench/ShapeSafe.Bench and the CLI..." >&2
dotnet build bench/ShapeSafe.Bench -c Release --nologo -v quiet -clp:"ErrorsOnly;NoSummary" >&2
./shapesafe --version >/dev/null   # builds the CLI on first use (the check section runs ./shapesafe)
exec /usr/bin/python3 bench/compare.py "$@"
