#!/usr/bin/env python3
"""Runs the same model files in PyTorch eager, for side-by-side throughput with ShapeSafe.Bench.

Reads a ShapeSafe model file (``input NxCxHxW``, then one ``name = nn.Type(args)`` per line, a bare
name reusing that module) and builds it with torch.nn, Lazy* layers materialized by one dry run; or a PyTorch
``.py`` file, whose class (``--class``, else the one under ``# shapesafe: input``) is built with no arguments.
Measures, as bench/ShapeSafe.Bench does on random input: training images/s (forward,
cross-entropy, backward, Adam step), inference images/s (eval, no_grad), and the equivalent of
ShapeSafe's loader (index_select of a shuffled uint8 tensor, then scale and shift into float32), and
``idx``: the loader from the files (read a gzip IDX set, normalize, one shuffled epoch of batches).

    /usr/bin/python3 bench/pytorch_compare.py --model seed --batch 128 --threads 2
    python3 bench/pytorch_compare.py --model fashion --batch 1024 --device cuda

Works with Debian's python3-torch 1.13 (CPU) and PyTorch 2.x (CPU or CUDA).
"""
import argparse
import gzip
import json
import os
import re
import struct
import time

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = {"seed": "examples/seed_fixed.model", "fashion": "examples/fashion_mnist.model"}


def load_model(path):
    """The model file as (nn.Sequential, (C, H, W)): the same layers, in order, shared modules shared."""
    shape, layers, named = None, [], {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("input "):
                dims = re.split(r"[xX,*]", line[len("input "):].strip())
                shape = tuple(int(d) for d in dims[1:])
                continue
            name, _, call = line.partition("=") if "=" in line.split("(", 1)[0] else ("", "", line)
            name, call = name.strip(), call.strip()
            if "(" not in call:  # a bare name: the same module again
                layers.append(named[call])
                continue
            module = eval(call if call.startswith("nn.") else "nn." + call, {"nn": nn})
            if name and name not in named:
                named[name] = module
            elif name and repr(named[name]) == repr(module):
                module = named[name]
            layers.append(module)
    model = nn.Sequential(*layers)
    with torch.no_grad():
        model.eval()
        model(torch.zeros(2, *shape))  # materializes Lazy* layers
    return model, shape


def load_python_model(path, class_name=None):
    """A .py model as (module, (C, H, W)): its class built with no arguments, the size from ``# shapesafe: input``."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    marker = re.search(r"#\s*shapesafe:\s*input\s+\w+[xX](\d+)[xX](\d+)[xX](\d+)\s*\n\s*class\s+(\w+)", source)
    if marker is None:
        raise SystemExit(f"{path}: no '# shapesafe: input NxCxHxW' line above a class")
    namespace = {"__name__": "model"}
    exec(compile(source, path, "exec"), namespace)
    model = namespace[class_name or marker.group(4)]()
    return model, tuple(int(marker.group(i)) for i in (1, 2, 3))


def read_idx(path):
    """An IDX file (gzip or raw) as a uint8 tensor of its dimensions."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(data[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def idx_epoch(folder, batch, device):
    """Images/s of reading Fashion-MNIST's training IDX files, computing the normalization and one shuffled epoch."""
    start = time.perf_counter()
    def find(stem):
        for name in (stem + ".gz", stem):
            if os.path.exists(os.path.join(folder, name)):
                return os.path.join(folder, name)
        raise SystemExit(f"{folder}: no {stem}(.gz)")
    images = read_idx(find("train-images-idx3-ubyte")).unsqueeze(1).to(device)
    labels = read_idx(find("train-labels-idx1-ubyte")).long().to(device)
    pixels = images.float().div_(255)
    mean, std = pixels.mean().item(), pixels.std().item()
    del pixels
    scale = torch.full((1, 1, 1, 1), 1 / (255 * std), device=device)
    shift = torch.full((1, 1, 1, 1), -mean / std, device=device)
    order = torch.randperm(images.shape[0], device=device)
    for b in range(0, images.shape[0], batch):
        ids = order[b:b + batch]
        images.index_select(0, ids).float().mul(scale).add_(shift)
        labels.index_select(0, ids)
    sync(device)
    return images.shape[0] / (time.perf_counter() - start)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def timed(step, steps, warmup, images_per_step, device):
    for _ in range(warmup):
        step()
    sync(device)
    start = time.perf_counter()
    for _ in range(steps):
        step()
    sync(device)
    return steps * images_per_step / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="seed", help="seed, fashion or a model file path")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (CPU)")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--only", default="train,infer,loader", help="any of train,infer,loader,idx")
    parser.add_argument("--class", dest="class_name", default=None, help="the class of a .py model")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="the IDX folder of --only idx")
    args = parser.parse_args()

    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    device = torch.device(args.device)
    path = MODELS.get(args.model, args.model)
    path = path if os.path.isabs(path) else os.path.join(ROOT, path)
    model, (c, h, w) = load_python_model(path, args.class_name) if path.endswith(".py") else load_model(path)
    model.to(device)
    classes = model(torch.zeros(1, c, h, w, device=device)).shape[1]
    print(f"model {path}, batch {args.batch}, {args.steps} timed steps after {args.warmup} warm-up, "
          f"device {device}, torch {torch.__version__}, {torch.get_num_threads()} threads")
    x = torch.randn(args.batch, c, h, w, device=device)
    y = torch.randint(classes, (args.batch,), device=device)
    results = {}
    only = args.only.split(",")

    if "train" in only:
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()

        def train_step():
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()

        results["train"] = timed(train_step, args.steps, args.warmup, args.batch, device)

    if "infer" in only:
        model.eval()

        def infer_step():
            with torch.no_grad():
                model(x).argmax(1)

        results["infer"] = timed(infer_step, args.steps, args.warmup, args.batch, device)

    if "loader" in only:
        count = args.batch * 20
        images = torch.randint(0, 256, (count, c, h, w), dtype=torch.uint8, device=device)
        scale = torch.full((1, c, 1, 1), 1 / (255 * 0.3), device=device)
        shift = torch.full((1, c, 1, 1), -0.5 / 0.3, device=device)
        batches = count // args.batch

        def loader_epoch():
            order = torch.randperm(count, device=device)
            for b in range(batches):
                ids = order[b * args.batch:(b + 1) * args.batch]
                images.index_select(0, ids).float().mul(scale).add_(shift)

        results["loader"] = timed(loader_epoch, 10, 1, args.batch * batches, device)

    if "idx" in only:
        results["idx"] = idx_epoch(args.data, args.batch, device)

    for name, value in results.items():
        print(f"{name:<7} {value:10.0f} images/s")
    if "train" in results and "loader" in results:
        print(f"loader / train: {results['loader'] / results['train']:.1f}x")
    print(json.dumps({k: round(v, 1) for k, v in results.items()}))


if __name__ == "__main__":
    main()
