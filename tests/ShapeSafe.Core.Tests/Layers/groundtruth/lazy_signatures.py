"""Writes lazy_signatures.json: every nn.Lazy* class of PyTorch 1.13 with its constructor parameters and defaults,
and, for a 3-channel input, the number of parameters (learnable and buffers, not num_batches_tracked) each has after
its first forward call. Run: /usr/bin/python3 lazy_signatures.py (replayed by LazySignatureTests without Python)."""
import inspect
import json
import os

import torch
import torch.nn as nn

INPUTS = {"1d": (2, 3, 8), "2d": (2, 3, 8, 8), "3d": (2, 3, 4, 4, 4)}
REQUIRED = {"out_features": 4, "out_channels": 4, "kernel_size": 1}

layers = []
for name in sorted(n for n in dir(nn) if n.startswith("Lazy")):
    cls = getattr(nn, name)
    params = []
    kwargs = {}
    for p in list(inspect.signature(cls.__init__).parameters.values())[1:]:
        has_default = p.default is not inspect.Parameter.empty
        params.append({"name": p.name, "default": repr(p.default) if has_default else None})
        if not has_default:
            kwargs[p.name] = REQUIRED[p.name]
    module = cls(**kwargs)
    suffix = name[-2:] if name[-2:] in INPUTS else "1d"
    shape = (2, 3) if name == "LazyLinear" else INPUTS[suffix]
    module(torch.zeros(shape))
    state = sum(t.numel() for k, t in module.state_dict().items() if not k.endswith("num_batches_tracked"))
    layers.append({"type": name, "parameters": params, "call": kwargs, "input": list(shape), "weights": state,
                   "learnable": sum(p.numel() for p in module.parameters())})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lazy_signatures.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "layers": layers}, f, indent=1)
    f.write("\n")
