#!/usr/bin/env bash
# Whole-process time of `shapesafe check` on a generated 2,000-line PyTorch model file, side by side with
# PyTorch itself importing and running the same model once (what torchinfo or a dry run costs), interleaved,
# several rounds. Needs python3-torch (apt-get install python3-torch) for the PyTorch column.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-5}
file=$(mktemp --suffix .py)
trap 'rm -f "$file"' EXIT
dotnet run -c Release --project bench/ShapeSafe.Bench -- python-source 2000 "$file" >/dev/null
./shapesafe check "$file" >/dev/null   # builds the CLI on first use
runner=$(mktemp --suffix .py)
trap 'rm -f "$file" "$runner"' EXIT
cat > "$runner" <<PY
import sys, torch
source = open(sys.argv[1]).read()
namespace = {"__name__": "model"}
exec(compile(source, sys.argv[1], "exec"), namespace)
with torch.no_grad():
    print(tuple(namespace["Net"]()(torch.randn(8, 3, 32, 32)).shape))
PY
now() { date +%s.%N; }
echo "lines: $(wc -l < "$file")"
printf '%-6s %18s %18s\n' round "shapesafe check (s)" "pytorch run (s)"
for i in $(seq 1 "$rounds"); do
  t0=$(now); ./shapesafe check "$file" >/dev/null; t1=$(now)
  /usr/bin/python3 "$runner" "$file" >/dev/null; t2=$(now)
  printf '%-6s %18.3f %18.3f\n' "$i" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
done
