"""Reference outputs for the runtime's parity test: PyTorch runs corpus models in eval mode on a random input.

    /usr/bin/python3 tests/corpus/parity.py OUT_DIR python/lenet5_ok.py [train:runtime/training_mode_ok.py ...]

For each file, OUT_DIR/<file stem>/ gets state_dict.pt (torch.save of the state_dict), input0.bin ... (the inputs), and
output0.bin ... (the eval-mode outputs under torch.no_grad; one per tuple item), all raw little-endian float32 (int64 for :int64 inputs), with
meta.json giving the shapes and dtypes (output_dtypes: int64 for argmax outputs). BatchNorm running statistics are randomized first, so eval mode uses
them. A file given as train:FILE also gets train_output0.bin ...: its outputs in training mode (BatchNorm normalizing
with batch statistics), run after the state_dict is saved; only for dropout-free models, whose training-mode output is
deterministic. Models are loaded with groundtruth.py's loader (top level never runs). Nothing from ShapeSafe is imported.
"""

import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import groundtruth  # noqa: E402


def write(path, tensor):
    array = tensor.detach().contiguous().numpy()
    array.astype(array.dtype.newbyteorder("<")).tofile(path)


def main(out_dir, files):
    for file in files:
        train = file.startswith("train:")
        file = file[len("train:"):] if train else file
        cls, _, inputs = groundtruth.load(os.path.join(HERE, file))
        torch.manual_seed(0)
        model = cls()
        for m in model.modules():
            if isinstance(m, torch.nn.modules.batchnorm._BatchNorm) and m.track_running_stats:
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
        model.eval()
        xs = [torch.randint(0, groundtruth.INT64_HIGH, shape) if dtype == "int64" else torch.randn(shape) for shape, dtype in inputs]
        with torch.no_grad():
            y = model(*xs)
        folder = os.path.join(out_dir, os.path.splitext(os.path.basename(file))[0])
        os.makedirs(folder, exist_ok=True)
        torch.save(model.state_dict(), os.path.join(folder, "state_dict.pt"))
        for i, x in enumerate(xs):
            write(os.path.join(folder, "input%d.bin" % i), x)
        ys = list(y) if isinstance(y, (tuple, list)) else [y]
        for i, t in enumerate(ys):
            write(os.path.join(folder, "output%d.bin" % i), t)
        if train:
            model.train()
            with torch.no_grad():
                y = model(*xs)
            for i, t in enumerate(list(y) if isinstance(y, (tuple, list)) else [y]):
                write(os.path.join(folder, "train_output%d.bin" % i), t)
        meta = {"inputs": [{"shape": list(x.shape), "dtype": str(x.dtype).replace("torch.", "")} for x in xs],
                "outputs": [list(t.shape) for t in ys],
                "output_dtypes": [str(t.dtype).replace("torch.", "") for t in ys]}
        with open(os.path.join(folder, "meta.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
