"""Runs the Python examples of docs/diagnostics/SS04xx.md in real PyTorch (not part of CI).

Each page has two ```python blocks: the example, whose model must raise on the line marked `# E: SS04xx`, and the
fixed version, which must run. Inputs come from the `# shapesafe: input AxB, CxD` comment above the class, as in
tests/corpus. Usage: /usr/bin/python3 tests/ShapeSafe.Core.Tests/Ops/groundtruth/check_doc_examples.py
"""
import glob
import os
import re
import sys
import traceback

import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def run(block, name):
    lines = block.split("\n")
    spec = next(l for l in lines if l.startswith("# shapesafe: input "))
    shapes = [[int(d) for d in s.strip().split("x")] for s in spec[len("# shapesafe: input "):].split(",")]
    scope = {"__name__": name}
    exec(compile(block, name, "exec"), scope)
    torch.manual_seed(0)
    model = scope["Model"]()
    with torch.no_grad():
        return model(*[torch.randn(*s) for s in shapes])


def main():
    failures = 0
    for page in sorted(glob.glob(os.path.join(ROOT, "docs", "diagnostics", "SS04*.md"))):
        code = os.path.basename(page)[:-3]
        blocks = re.findall(r"```python\n(.*?)```", open(page).read(), re.S)
        example, fixed = blocks
        expected_line = next(i + 1 for i, l in enumerate(example.split("\n")) if f"# E: {code}" in l)
        try:
            run(example, code + "-example")
            print(f"{code}: example ran without error"); failures += 1
        except Exception as e:
            tb = traceback.extract_tb(e.__traceback__)
            line = next((f.lineno for f in reversed(tb) if f.filename == code + "-example"), None)
            ok = line == expected_line
            failures += not ok
            print(f"{code}: {'ok' if ok else 'WRONG LINE'} line {line} (expected {expected_line}): {type(e).__name__}: {str(e).splitlines()[0]}")
        try:
            run(fixed, code + "-fixed")
        except Exception as e:
            print(f"{code}: fixed version fails: {type(e).__name__}: {e}"); failures += 1
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
