#!/usr/bin/env python3
"""ShapeSafe side by side with PyTorch 1.13, and with itself: interleaved rounds, ratios with their spread.

Run through bench/compare.sh, which builds what this needs first. Every measurement is a fresh process: in each round
the two sides of a pair run one after the other, the side that goes first alternating from round to round, so that a
change in the machine's load hits both sides alike. A pair's ratio is taken within each round; the table shows the
median and the range (min-max) over the rounds, of each side and of the ratio. A ratio above 1 means the first side
(ShapeSafe, or the part of ShapeSafe under test) is faster.

Sections (--only, comma-separated; all by default):
  pytorch    training and inference images/s, seed and Fashion-MNIST models, vs PyTorch eager (same model files)
  loader     the loader from the IDX files (read, normalize, one shuffled epoch of batches) vs the same in PyTorch
  check      whole-process `shapesafe check` vs `python3 -c` building and running the same model once
  graph      the graph runtime (GraphModule) vs ModuleBuilder's Sequential, same model files (issue 8: within 3%)
  trainer    `train`'s step throughput vs a raw TorchSharp loop, same model and data (issue 10: at least 95%)
  resnet18   bench/models/resnet18_cifar.py trained by ShapeSafe's graph runtime vs PyTorch eager (issue 8: >= 1)
  onnx       ONNX Runtime vs TorchSharp inference, batch 1 and --batch (issue 9: faster at batch 1)
  onednn     ShapeSafe with oneDNN as its start-up check leaves it vs SHAPESAFE_ONEDNN=off (libtorch's own kernels)
  malloc     ShapeSafe keeping freed tensor memory (its default) vs SHAPESAFE_MALLOC=default (glibc's defaults)
  pytorch-malloc  ShapeSafe vs PyTorch run with the same glibc malloc settings (GLIBC_TUNABLES), for a like-for-like view

ShapeSafe's side of every row is the graph runtime (GraphModule), which `shapesafe train` runs for model files and .py
models alike; the graph section compares it with ModuleBuilder's Sequential.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DLL = os.path.join(ROOT, "bench", "ShapeSafe.Bench", "bin", "Release", "net10.0", "ShapeSafe.Bench.dll")
PYTHON = "/usr/bin/python3"
SECTIONS = ["pytorch", "loader", "check", "graph", "trainer", "resnet18", "onnx", "onednn", "malloc", "pytorch-malloc"]
# glibc's malloc as ShapeSafe sets it with mallopt (src/ShapeSafe.Torch/Native/MallocTuning.cs), for another process.
GLIBC_KEEP_FREED = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647"
MODELS = {"seed": "seed (3x64x64)", "fashion": "Fashion-MNIST (1x28x28)"}
RESNET = "bench/models/resnet18_cifar.py"

# The check rows: the file `shapesafe check` reads, and the Python that builds and runs the same model once.
CHECK_PYTHON = {
    "examples/fashion_mnist.model": (
        "import sys, torch; sys.path.insert(0, 'bench'); from pytorch_compare import load_model; "
        "m, s = load_model('examples/fashion_mnist.model'); m.eval(); "
        "torch.no_grad().__enter__(); print(tuple(m(torch.randn(1, *s)).shape))"),
    RESNET: (
        "import sys, torch; sys.path.insert(0, 'bench'); from pytorch_compare import load_python_model; "
        "m, s = load_python_model('bench/models/resnet18_cifar.py'); m.eval(); "
        "torch.no_grad().__enter__(); print(tuple(m(torch.randn(1, *s)).shape))"),
}


class Job:
    """One process to run each round: its command, and how its figures are read (the last JSON line, or wall time)."""

    def __init__(self, name, command, timed=False, env=None):
        self.name, self.command, self.timed, self.env = name, command, timed, env or {}
        self.values = []  # one dict per round (None where the process failed)


class Pair:
    """A row of the table: a figure of job A against a figure of job B."""

    def __init__(self, section, label, a, b, key_a, key_b, unit, goal=None):
        self.section, self.label, self.a, self.b = section, label, a, b
        self.key_a, self.key_b, self.unit, self.goal = key_a, key_b, unit, goal


def bench(*args):
    return ["dotnet", BENCH_DLL, *args]


def plan(args):
    """The jobs and the rows of the selected sections."""
    jobs, pairs = {}, []
    common = ["--batch", str(args.batch), "--threads", str(args.threads), "--steps", str(args.steps), "--warmup", str(args.warmup)]

    def job(name, command, timed=False, env=None):
        return jobs.setdefault(name, Job(name, command, timed, env))

    only = args.only.split(",")
    def shapesafe(model, env=None, suffix=""):
        return job(f"ss-{model}{suffix}", bench("throughput", "--model", model, "--only", "train,infer", "--runtime", "graph", *common), env=env)

    if "pytorch" in only:
        for model, title in MODELS.items():
            a = shapesafe(model)
            b = job(f"py-{model}", [PYTHON, "bench/pytorch_compare.py", "--model", model, "--only", "train,infer", *common])
            for what in ("train", "infer"):
                pairs.append(Pair("ShapeSafe vs PyTorch 1.13", f"{title}, {what}, batch {args.batch}", a, b, what, what, "images/s"))
    if "loader" in only:
        a = job("ss-idx", bench("throughput", "--model", "fashion", "--only", "idx", "--batch", str(args.batch), "--threads", str(args.threads)))
        b = job("py-idx", [PYTHON, "bench/pytorch_compare.py", "--model", "fashion", "--only", "idx", "--batch", str(args.batch), "--threads", str(args.threads)])
        pairs.append(Pair("ShapeSafe vs PyTorch 1.13", f"loader: Fashion-MNIST IDX (60,000) to batches of {args.batch}", a, b, "idx", "idx", "images/s"))
    if "check" in only:
        for path, code in CHECK_PYTHON.items():
            a = job(f"ss-check-{path}", ["./shapesafe", "check", path], timed=True)
            b = job(f"py-check-{path}", [PYTHON, "-c", code], timed=True)
            pairs.append(Pair("ShapeSafe vs PyTorch 1.13", f"whole process: `shapesafe check {path}` vs PyTorch running it once", a, b, "seconds", "seconds", "s"))
    if "graph" in only:
        for model, title in MODELS.items():
            a = shapesafe(model)
            b = job(f"seq-{model}", bench("throughput", "--model", model, "--only", "train,infer", "--runtime", "sequential", *common))
            for what in ("train", "infer"):
                pairs.append(Pair("graph runtime vs Sequential", f"{title}, {what}, batch {args.batch}", a, b, what, what, "images/s", ">= 0.97"))
    if "trainer" in only:
        settings = ["--model", "fashion", "--limit", str(args.limit), "--epochs", "2", "--batch", str(args.batch), "--threads", str(args.threads)]
        a = job("train-service", bench("trainer", "--mode", "service", *settings))
        b = job("train-raw", bench("trainer", "--mode", "raw", *settings))
        pairs.append(Pair("train vs raw TorchSharp", f"Fashion-MNIST, {args.limit} images, 2nd epoch, batch {args.batch}", a, b, "service", "raw", "images/s", ">= 0.95"))
    if "resnet18" in only:
        a = job("ss-resnet18", bench("throughput", "--model", RESNET, "--runtime", "graph", "--only", "train", *common))
        b = job("py-resnet18", [PYTHON, "bench/pytorch_compare.py", "--model", RESNET, "--only", "train", *common])
        pairs.append(Pair("ShapeSafe vs PyTorch 1.13", f"ResNet-18 (.py, 3x32x32), train, batch {args.batch}", a, b, "train", "train", "images/s", ">= 1"))
    if "onnx" in only:
        for model, title in MODELS.items():
            onnx_side = ["--model", model, "--batches", f"1,{args.batch}", "--threads", str(args.threads)]
            a = job(f"onnx-{model}", bench("onnx", "--side", "onnx", *onnx_side))
            b = job(f"torch-{model}", bench("onnx", "--side", "torch", *onnx_side))
            for batch in (1, args.batch):
                pairs.append(Pair("ONNX Runtime vs TorchSharp", f"{title}, inference, batch {batch}", a, b, f"b{batch}", f"b{batch}", "images/s", "faster at batch 1" if batch == 1 else None))
    if "onednn" in only:
        for model, title in MODELS.items():
            a, b = shapesafe(model), shapesafe(model, {"SHAPESAFE_ONEDNN": "off"}, "-onednn-off")
            for what in ("train", "infer"):
                pairs.append(Pair("oneDNN (start-up check) vs off", f"{title}, {what}, batch {args.batch}", a, b, what, what, "images/s"))
    if "malloc" in only:
        for model, title in MODELS.items():
            a, b = shapesafe(model), shapesafe(model, {"SHAPESAFE_MALLOC": "default"}, "-malloc-default")
            for what in ("train", "infer"):
                pairs.append(Pair("freed memory kept vs glibc defaults", f"{title}, {what}, batch {args.batch}", a, b, what, what, "images/s"))
    if "pytorch-malloc" in only:
        for model, title in MODELS.items():
            a = shapesafe(model)
            b = job(f"py-{model}-malloc", [PYTHON, "bench/pytorch_compare.py", "--model", model, "--only", "train,infer", *common], env={"GLIBC_TUNABLES": GLIBC_KEEP_FREED})
            for what in ("train", "infer"):
                pairs.append(Pair("ShapeSafe vs PyTorch, same malloc", f"{title}, {what}, batch {args.batch}", a, b, what, what, "images/s"))
    return list(jobs.values()), pairs


def run(job, threads, timeout):
    """Runs the job once: its figures, or None (the reason goes to stderr)."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), **job.env)
    start = time.perf_counter()
    try:
        done = subprocess.run(job.command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"  {job.name}: no result within {timeout} s", file=sys.stderr)
        return None
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        print(f"  {job.name}: exit {done.returncode}: {' | '.join(tail)}", file=sys.stderr)
        return None
    if job.timed:
        return {"seconds": seconds}
    for line in reversed(done.stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    print(f"  {job.name}: printed no JSON line", file=sys.stderr)
    return None


def number(value):
    """Three significant digits, thousands separated, never in e-notation: 0.45, 28.6, 8,040."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def spread(values):
    if not values:
        return "n/a"
    return f"{number(statistics.median(values))} ({number(min(values))}-{number(max(values))})"


def ratio_spread(values):
    if not values:
        return "n/a"
    return f"**{statistics.median(values):.3f}** ({min(values):.3f}-{max(values):.3f})"


def table(pairs, rounds):
    """The markdown table: each side's median (min-max) over the rounds and the per-round ratio's."""
    lines = ["| comparison | measure | A | B | unit | ratio A/B, > 1: A faster | goal |",
             "| --- | --- | ---: | ---: | --- | ---: | --- |"]
    for p in pairs:
        a_values, b_values, ratios = [], [], []
        for r in range(rounds):
            a, b = p.a.values[r], p.b.values[r]
            av = a.get(p.key_a) if a else None
            bv = b.get(p.key_b) if b else None
            if av is not None:
                a_values.append(av)
            if bv is not None:
                b_values.append(bv)
            if av and bv:
                # Throughput: A/B. Time: B/A. Either way above 1 means A is faster.
                ratios.append(bv / av if p.unit == "s" else av / bv)
        names = {"ShapeSafe vs PyTorch 1.13": ("ShapeSafe", "PyTorch"), "graph runtime vs Sequential": ("graph", "Sequential"),
                 "train vs raw TorchSharp": ("train", "raw loop"), "ONNX Runtime vs TorchSharp": ("ONNX Runtime", "TorchSharp"),
                 "oneDNN (start-up check) vs off": ("oneDNN", "off"), "freed memory kept vs glibc defaults": ("kept", "glibc"),
                 "ShapeSafe vs PyTorch, same malloc": ("ShapeSafe", "PyTorch + GLIBC_TUNABLES")}[p.section]
        lines.append(f"| {p.section} | {p.label} | {names[0]}: {spread(a_values)} | {names[1]}: {spread(b_values)} | {p.unit} "
                     f"| {ratio_spread(ratios)} | {p.goal or ''} |")
    return "\n".join(lines)


def pytorch_blas():
    """PyTorch's version and the BLAS library it loaded (issue 10 asks for OpenBLAS: apt-get install libopenblas0-pthread)."""
    code = ("import torch; x = torch.randn(64, 64); x @ x; "
            "libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower() and '/' in l}); "
            "print(torch.__version__, ', '.join(libs) or 'no BLAS library mapped')")
    done = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "PyTorch not importable by " + PYTHON


def machine():
    model = cores = "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Model name":
                model = value.strip()
            elif key.strip() == "CPU(s)":
                cores = value.strip()
    except OSError:
        pass
    with open("/proc/loadavg", encoding="ascii") as f:
        load = " ".join(f.read().split()[:3])
    return model, cores, load


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--threads", type=int, default=2, help="threads on both sides (default 2)")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=30, help="timed steps per throughput measurement (default 30)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up steps before them (default 5)")
    parser.add_argument("--limit", type=int, default=12800, help="images per epoch of the trainer section (default 12800)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections: " + ",".join(SECTIONS))
    parser.add_argument("--timeout", type=int, default=1800, help="seconds a single process may take (default 1800)")
    parser.add_argument("--out", help="also write the markdown here")
    parser.add_argument("--json", help="also write every round's raw figures here")
    args = parser.parse_args()
    unknown = [s for s in args.only.split(",") if s not in SECTIONS]
    if unknown or args.rounds < 1 or args.threads < 1 or args.batch < 1 or args.steps < 1 or args.warmup < 0 or args.limit < args.batch:
        parser.error(f"unknown section(s) {', '.join(unknown)}" if unknown else "--rounds, --threads, --batch, --steps must be >= 1, --limit >= --batch")
    if not os.path.exists(BENCH_DLL):
        parser.error(f"{BENCH_DLL} is missing: run bench/compare.sh, which builds it")

    model, cores, load = machine()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    jobs, pairs = plan(args)
    for r in range(rounds := args.rounds):
        order = jobs if r % 2 == 0 else [j for pair in zip(jobs[1::2], jobs[0::2]) for j in pair] + jobs[len(jobs) - len(jobs) % 2:]
        print(f"round {r + 1}/{rounds} (load {machine()[2]})", file=sys.stderr)
        for job in order:
            job.values.append(run(job, args.threads, args.timeout))
            print(f"  {job.name}: {job.values[-1]}", file=sys.stderr)

    command = "bench/compare.sh " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    report = "\n".join([
        f"Machine: {model}, {cores} logical CPUs; load average at start {load} (1, 5, 15 min), at end {machine()[2]}; "
        f"{started}; {args.threads} threads on both sides; {rounds} interleaved rounds.",
        "",
        f"Command: `{command}`",
        "",
        table(pairs, rounds),
        "",
        "Each side: median (min-max) over the rounds; the ratio is taken within each round. PyTorch " + pytorch_blas() + ".",
    ])
    print(report)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(report + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({j.name: {"command": j.command, "values": j.values} for j in jobs}, f, indent=1)


if __name__ == "__main__":
    main()
