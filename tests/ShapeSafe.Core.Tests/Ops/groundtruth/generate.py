"""Random tensor-op calls run in real PyTorch 1.13; writes cases.json for OpGroundTruthTests (not part of CI).

Each case: the op, its arguments (shapes as lists of ints, plain ints and lists), and what PyTorch did: the output
shape(s), or the first line of the error message. The C# test replays every case through ShapeSafe.Ops and compares.
Usage: /usr/bin/python3 tests/ShapeSafe.Core.Tests/Ops/groundtruth/generate.py
"""
import json
import os
import random
import warnings

import torch
import torch.nn.functional as F

warnings.filterwarnings("ignore")
rng = random.Random(1234)


def shape(min_rank=0, max_rank=4, zero=0.05):
    rank = rng.randint(min_rank, max_rank)
    return [0 if rng.random() < zero else rng.choice([1, 1, 2, 3, 4, 5]) for _ in range(rank)]


def like(s, change=0.3):
    """A shape often equal or broadcast-compatible with s, sometimes not."""
    out = [d if rng.random() > change else rng.choice([1, d + 1, 2]) for d in s]
    if rng.random() < 0.3 and out:
        out = out[rng.randint(0, len(out)):]
    if rng.random() < 0.15:
        out = [rng.choice([1, 2])] + out
    return out


def dim(rank, extra=0):
    r = max(rank + extra, 1)
    return rng.randint(-r - 1, r)


def t(s):
    return torch.zeros(*s) if s else torch.zeros(())


def index_items(s):
    items = []
    for _ in range(rng.randint(1, len(s) + 1)):
        k = rng.random()
        if k < 0.3:
            items.append({"int": rng.randint(-5, 5)})
        elif k < 0.65:
            items.append({"slice": [rng.choice([None, -3, -1, 0, 1, 2, 5]), rng.choice([None, -2, 0, 1, 3, 6]), rng.choice([None, 1, 2, 3])]})
        elif k < 0.75:
            items.append({"none": True})
        elif k < 0.82 and not any("ellipsis" in i for i in items):
            items.append({"ellipsis": True})
        else:
            items.append({"long": shape(1, 2)})
    return items


def to_python_index(items):
    out = []
    for it in items:
        if "int" in it:
            out.append(it["int"])
        elif "slice" in it:
            out.append(slice(*it["slice"]))
        elif "none" in it:
            out.append(None)
        elif "ellipsis" in it:
            out.append(Ellipsis)
        else:
            out.append(torch.zeros(*it["long"], dtype=torch.long))
    return out[0] if len(out) == 1 else tuple(out)


def case():
    op = rng.choice(["add", "matmul", "mm", "bmm", "linear", "view", "flatten", "unflatten", "squeeze", "unsqueeze",
                     "transpose", "permute", "movedim", "cat", "stack", "sum", "max_dim", "index", "split", "split_sizes",
                     "chunk", "expand", "repeat", "pad", "topk", "gather", "masked_fill", "addmm", "baddbmm", "mv", "dot",
                     "hstack", "vstack", "amax", "argmax", "unbind", "tensor_split", "repeat_interleave", "kthvalue",
                     "zeros", "arange", "where", "min_all"])
    a = shape()
    r = len(a)
    if op == "add":
        b = like(a); return op, {"a": a, "b": b}, lambda: t(a) + t(b)
    if op in ("matmul", "mm", "bmm"):
        a = shape(1 if op == "matmul" else 2, 4 if op == "matmul" else 3)
        b = like(a[::-1][:2][::-1] if rng.random() < 0.5 else a, 0.3)
        if len(a) >= 2 and len(b) >= 2 and rng.random() < 0.6:
            b = b[:-2] + [a[-1], rng.choice([1, 2, 3])]
        f = {"matmul": torch.matmul, "mm": torch.mm, "bmm": torch.bmm}[op]
        return op, {"a": a, "b": b}, lambda: f(t(a), t(b))
    if op == "linear":
        a = shape(1, 4); k = a[-1] if rng.random() < 0.7 else a[-1] + 1
        w = [rng.choice([2, 3]), k] if rng.random() < 0.9 else [k]
        bias = None if rng.random() < 0.4 else ([w[0]] if rng.random() < 0.8 else like([w[0]]))
        return op, {"a": a, "w": w, "bias": bias}, lambda: F.linear(t(a), t(w), None if bias is None else t(bias))
    if op == "view":
        n = 1
        for d in a:
            n *= d
        sizes = []
        for _ in range(rng.randint(0, 3)):
            sizes.append(rng.choice([-1, -1, 1, 2, 3, 4, 6, n if n else 1, -2]))
        return op, {"a": a, "sizes": sizes}, lambda: t(a).view(*sizes) if sizes else t(a).view(())
    if op == "flatten":
        s, e = dim(r), dim(r)
        return op, {"a": a, "start": s, "end": e}, lambda: t(a).flatten(s, e)
    if op == "unflatten":
        d = dim(r); sizes = [rng.choice([-1, 1, 2, 3, 4]) for _ in range(rng.randint(1, 3))]
        return op, {"a": a, "dim": d, "sizes": sizes}, lambda: t(a).unflatten(d, sizes)
    if op == "squeeze":
        d = None if rng.random() < 0.3 else dim(r)
        return op, {"a": a, "dim": d}, lambda: t(a).squeeze() if d is None else t(a).squeeze(d)
    if op == "unsqueeze":
        d = dim(r, 1); return op, {"a": a, "dim": d}, lambda: t(a).unsqueeze(d)
    if op == "transpose":
        d0, d1 = dim(r), dim(r); return op, {"a": a, "d0": d0, "d1": d1}, lambda: t(a).transpose(d0, d1)
    if op == "permute":
        dims = list(range(r)); rng.shuffle(dims)
        if rng.random() < 0.3 and dims:
            dims[rng.randrange(len(dims))] = dim(r)
        if rng.random() < 0.15:
            dims = dims[:-1]
        return op, {"a": a, "dims": dims}, lambda: t(a).permute(*dims) if dims else t(a).permute(())
    if op == "movedim":
        n = rng.randint(1, 2); src = [dim(r) for _ in range(n)]; dst = [dim(r) for _ in range(n if rng.random() < 0.9 else n + 1)]
        return op, {"a": a, "src": src, "dst": dst}, lambda: torch.movedim(t(a), src, dst)
    if op in ("cat", "stack"):
        ts = [a] + [like(a, 0.2) if rng.random() < 0.8 else [0] for _ in range(rng.randint(0, 2))]
        d = dim(r, 1 if op == "stack" else 0)
        f = torch.cat if op == "cat" else torch.stack
        return op, {"tensors": ts, "dim": d}, lambda: f([t(x) for x in ts], d)
    if op == "sum":
        dims = None if rng.random() < 0.2 else [dim(r) for _ in range(rng.randint(1, 2))]
        keep = dims is not None and rng.random() < 0.5
        return op, {"a": a, "dims": dims, "keepdim": keep}, lambda: t(a).sum() if dims is None else t(a).sum(dims, keepdim=keep)
    if op == "max_dim":
        d = dim(r); keep = rng.random() < 0.5
        return op, {"a": a, "dim": d, "keepdim": keep}, lambda: t(a).max(d, keepdim=keep)
    if op == "index":
        items = index_items(a)
        return op, {"a": a, "items": items}, lambda: t(a)[to_python_index(items)]
    if op == "split":
        size = rng.choice([-1, 0, 1, 2, 3]); d = dim(r)
        return op, {"a": a, "size": size, "dim": d}, lambda: t(a).split(size, d)
    if op == "split_sizes":
        d = dim(r); sizes = [rng.choice([0, 1, 2, 3, -1]) for _ in range(rng.randint(1, 3))]
        return op, {"a": a, "sizes": sizes, "dim": d}, lambda: t(a).split(sizes, d)
    if op == "chunk":
        c = rng.choice([-1, 0, 1, 2, 3, 4]); d = dim(r)
        return op, {"a": a, "chunks": c, "dim": d}, lambda: t(a).chunk(c, d)
    if op == "expand":
        sizes = [rng.choice([-1, d, d, 1, 2, 3]) for d in a]
        if rng.random() < 0.3:
            sizes = [rng.choice([-1, 2, 3])] + sizes
        if rng.random() < 0.1 and sizes:
            sizes = sizes[1:]
        return op, {"a": a, "sizes": sizes}, lambda: t(a).expand(*sizes) if sizes else t(a).expand(())
    if op == "repeat":
        reps = [rng.choice([0, 1, 2, 3]) for _ in range(max(0, r + rng.randint(-1, 1)))]
        return op, {"a": a, "repeats": reps}, lambda: t(a).repeat(*reps) if reps else t(a).repeat(())
    if op == "pad":
        pad = [rng.choice([-2, -1, 0, 1, 2]) for _ in range(rng.randint(0, 2 * r + 1))]
        return op, {"a": a, "pad": pad}, lambda: F.pad(t(a), pad)
    if op == "topk":
        k = rng.randint(-1, 5); d = dim(r)
        return op, {"a": a, "k": k, "dim": d}, lambda: t(a).topk(k, d)
    if op == "gather":
        d = dim(r); idx = like(a, 0.3)
        return op, {"a": a, "dim": d, "index": idx}, lambda: torch.gather(t(a), d, torch.zeros(*idx, dtype=torch.long) if idx else torch.zeros((), dtype=torch.long))
    if op in ("addmm", "baddbmm"):
        n = 2 if op == "addmm" else 3
        m1 = shape(n - 1, n + 1, 0.02)
        m2 = like(m1, 0.3)
        if len(m1) >= 2 and len(m2) >= 2 and rng.random() < 0.6:
            m2 = m2[:-2] + [m1[-1], rng.choice([1, 2, 3])]
        bias = like(m1[:-1] + [m2[-1] if m2 else 1], 0.3)
        f = torch.addmm if op == "addmm" else torch.baddbmm
        return op, {"bias": bias, "a": m1, "b": m2}, lambda: f(t(bias), t(m1), t(m2))
    if op in ("mv", "dot"):
        m = shape(1, 3, 0.02); v = [m[-1] if rng.random() < 0.6 else rng.choice([1, 2, 3])] if rng.random() < 0.9 else shape(0, 2)
        f = torch.mv if op == "mv" else torch.dot
        return op, {"a": m, "b": v}, lambda: f(t(m), t(v))
    if op in ("hstack", "vstack"):
        ts = [a] + [like(a, 0.2) for _ in range(rng.randint(0, 2))]
        f = torch.hstack if op == "hstack" else torch.vstack
        return op, {"tensors": ts}, lambda: f([t(x) for x in ts])
    if op == "amax":
        dims = [dim(r) for _ in range(rng.randint(0, 2))]; keep = rng.random() < 0.5
        return op, {"a": a, "dims": dims, "keepdim": keep}, lambda: t(a).amax(dims, keepdim=keep)
    if op == "argmax":
        d = None if rng.random() < 0.3 else dim(r); keep = rng.random() < 0.5
        return op, {"a": a, "dim": d, "keepdim": keep}, lambda: t(a).argmax(d, keepdim=keep)
    if op == "unbind":
        d = dim(r); return op, {"a": a, "dim": d}, lambda: t(a).unbind(d)
    if op == "tensor_split":
        d = dim(r)
        arg = rng.choice([-1, 0, 1, 2, 3]) if rng.random() < 0.5 else sorted(rng.choice([0, 1, 2, 4, 6]) for _ in range(rng.randint(1, 3)))
        return op, {"a": a, "arg": arg, "dim": d}, lambda: t(a).tensor_split(arg, d)
    if op == "repeat_interleave":
        reps = rng.choice([-1, 0, 1, 2, 3]); d = None if rng.random() < 0.3 else dim(r)
        return op, {"a": a, "repeats": reps, "dim": d}, lambda: t(a).repeat_interleave(reps, dim=d)
    if op == "kthvalue":
        k = rng.randint(-1, 5); d = dim(r); keep = rng.random() < 0.5
        return op, {"a": a, "k": k, "dim": d, "keepdim": keep}, lambda: t(a).kthvalue(k, d, keepdim=keep)
    if op == "zeros":
        sizes = [rng.choice([-2, -1, 0, 1, 2, 3]) for _ in range(rng.randint(0, 3))]
        return op, {"sizes": sizes}, lambda: torch.zeros(sizes)
    if op == "arange":
        start, end, step = rng.choice([0, 0.5, 2, -3]), rng.choice([0, 1, 4.5, 7, -2]), rng.choice([1, 2, 0.3, -1, 0, -0.5])
        return op, {"start": start, "end": end, "step": step}, lambda: torch.arange(start, end, step)
    if op == "where":
        b, c = like(a), like(a)
        return op, {"a": a, "b": b, "c": c}, lambda: torch.where(t(a) > 0, t(b), t(c))
    if op == "min_all":
        return op, {"a": a}, lambda: t(a).min()
    b = like(a)
    return "masked_fill", {"a": a, "b": b}, lambda: t(a).masked_fill(t(b) > 0, 1.0)


def main():
    cases = []
    seen = set()
    while len(cases) < 5000:
        op, args, f = case()
        key = json.dumps([op, args], sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        entry = {"op": op, "args": args}
        try:
            r = f()
            entry["output"] = [list(x.shape) for x in r] if isinstance(r, (tuple, list)) else list(r.shape)
            entry["many"] = isinstance(r, (tuple, list))
        except Exception as e:
            entry["error"] = str(e).split("\n")[0]
            entry["type"] = type(e).__name__
        cases.append(entry)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json")
    with open(path, "w") as fh:
        json.dump({"torch": torch.__version__, "seed": 1234, "cases": cases}, fh, indent=None, separators=(",", ":"))
        fh.write("\n")
    print(len(cases), "cases,", sum("error" in c for c in cases), "errors")


if __name__ == "__main__":
    main()
