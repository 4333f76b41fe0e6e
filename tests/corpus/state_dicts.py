"""PyTorch's state_dict keys and shapes for every tests/corpus/python/*_ok.py model, for the runtime's key test.

    /usr/bin/python3 tests/corpus/state_dicts.py     # writes tests/corpus/state_dicts.json

Models are loaded with groundtruth.py's loader (top level never runs) and built as it builds them: torch.manual_seed(0),
the class instantiated with no arguments. Nothing from ShapeSafe is imported.
"""

import glob
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import groundtruth  # noqa: E402


def main():
    models = []
    for path in sorted(glob.glob(os.path.join(HERE, "python", "*_ok.py"))):
        cls, name, _ = groundtruth.load(path)
        torch.manual_seed(0)
        model = cls()
        models.append({
            "file": os.path.relpath(path, HERE),
            "class": name,
            "state_dict": [[key, list(t.shape)] for key, t in model.state_dict().items()],
        })
    with open(os.path.join(HERE, "state_dicts.json"), "w", encoding="utf-8") as f:
        # One model a line: small diffs when a model changes, and a file that stays readable.
        f.write('{"torch": %s, "models": [\n' % json.dumps(torch.__version__))
        f.write(",\n".join(json.dumps(m, separators=(",", ":")) for m in models))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
