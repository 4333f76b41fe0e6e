#!/usr/bin/env python3
"""The PyTorch side of ShapeSafe's interop tests, independent of ShapeSafe.

It reads a model file's lines itself (``input ...``, ``name = nn.Type(args)``, a bare ``name`` to call a layer
again, ``#`` comments), builds the same network in PyTorch with the same module names (so the state_dict keys
are conv1.weight, bn1.running_mean, ...), and either

  run MODEL WEIGHTS INPUT.npy OUTPUT.npy
      loads WEIGHTS (.pt from torch.save, or .safetensors, parsed here with numpy) with strict=True and writes the
      eval-mode output for INPUT.npy; or

  save MODEL INPUT.npy WEIGHTS.pt OUTPUT.npy SEED
      initializes the network from SEED, randomizes BatchNorm running statistics and num_batches_tracked, saves
      torch.save(model.state_dict()) and writes its eval-mode output for INPUT.npy.
"""
import collections
import json
import re
import sys

import numpy as np
import torch
from torch import nn

LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(nn\.[A-Za-z0-9_]+\(.*\))\s*$")
BARE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")


class ModelFileNetwork(nn.Module):
    """The layers of a model file, registered once under their names, called in file order."""

    def __init__(self, path):
        super().__init__()
        self.order = []
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.split("#", 1)[0].rstrip()
                if not line.strip() or line.lstrip().startswith("input "):
                    continue
                m = LINE.match(line)
                if m:
                    name, constructor = m.groups()
                    if name not in self._modules:
                        self.add_module(name, eval(constructor, {"nn": nn}))
                    self.order.append(name)
                    continue
                m = BARE.match(line)
                if m and m.group(1) in self._modules:
                    self.order.append(m.group(1))
                    continue
                raise SystemExit(f"{path}: cannot read the line {raw.strip()!r}")

    def forward(self, x):
        for name in self.order:
            x = self._modules[name](x)
        return x


SAFETENSORS_TYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "U8": np.uint8, "BOOL": np.bool_}


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    state = collections.OrderedDict()
    for key, entry in header.items():
        if key == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype=SAFETENSORS_TYPES[entry["dtype"]]).reshape(entry["shape"])
        state[key] = torch.from_numpy(array.copy())
    return state


def materialized(model_path, x):
    model = ModelFileNetwork(model_path)
    model.eval()
    with torch.no_grad():
        model(torch.zeros_like(x))  # initializes Lazy modules' parameters (LazyLinear's in_features)
    return model


def run(model_path, weights_path, input_path, output_path):
    x = torch.from_numpy(np.load(input_path)).float()
    model = materialized(model_path, x)
    state = load_safetensors(weights_path) if weights_path.endswith(".safetensors") else torch.load(weights_path)
    model.load_state_dict(state, strict=True)
    model.eval()
    with torch.no_grad():
        np.save(output_path, model(x).numpy().astype(np.float32))


def save(model_path, input_path, weights_path, output_path, seed):
    torch.manual_seed(seed)
    x = torch.from_numpy(np.load(input_path)).float()
    model = materialized(model_path, x)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                module.running_mean.uniform_(-0.5, 0.5)
                module.running_var.uniform_(0.5, 2.0)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
                module.num_batches_tracked.fill_(17)
    torch.save(model.state_dict(), weights_path)
    model.eval()
    with torch.no_grad():
        np.save(output_path, model(x).numpy().astype(np.float32))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "run":
        run(*sys.argv[2:6])
    elif len(sys.argv) == 7 and sys.argv[1] == "save":
        save(*sys.argv[2:6], int(sys.argv[6]))
    else:
        raise SystemExit(__doc__)
