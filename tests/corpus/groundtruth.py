"""Ground truth for the ShapeSafe PyTorch corpus, computed by running real PyTorch.

Run with the system interpreter (PyTorch 1.13, CPU):

    /usr/bin/python3 tests/corpus/groundtruth.py            # writes tests/corpus/groundtruth.json
    /usr/bin/python3 tests/corpus/groundtruth.py --check    # also fails unless *_ok run and *_broken fail in forward

Every .py file under tests/corpus/python and tests/corpus/seed is loaded WITHOUT executing its top level: the file is
parsed with `ast`, and only imports, function and class definitions, and assignments of literal values are compiled and
executed (under the file's own path, so traceback line numbers are the file's). Arbitrary top-level calls, the
`if __name__ == "__main__":` block and the seed write-up's usage code never run. This script imports nothing from
ShapeSafe.
"""

import argparse
import ast
import contextlib
import io
import json
import os
import re
import sys
import traceback

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS_DIRS = ("python", "seed")
INPUT_COMMENT = re.compile(r"^\s*#\s*shapesafe:\s*input\s+(.+?)\s*$")
INPUT_ITEM = re.compile(r"^(\d+(?:x\d+)*)(?::(float32|int64))?$")
INT64_HIGH = 10  # int64 inputs (token ids) are drawn from randint(0, INT64_HIGH)
CANARY_DIR = "/tmp/shapesafe-danger-canary"  # python/danger_toplevel.py would delete these if its top level ran
CANARY_FILE = "/tmp/shapesafe-danger-canary.txt"


class CorpusError(Exception):
    """A corpus file breaks the corpus conventions (not a PyTorch error)."""


def parse_inputs(spec):
    """'2x3x32x32, 2x10:int64' -> [([2, 3, 32, 32], 'float32'), ([2, 10], 'int64')]."""
    inputs = []
    for item in spec.split(","):
        m = INPUT_ITEM.match(item.strip())
        if not m:
            raise CorpusError("bad input spec %r" % item)
        inputs.append(([int(d) for d in m.group(1).split("x")], m.group(2) or "float32"))
    return inputs


def is_literal(node):
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def is_safe_statement(node):
    """Statements that may run when a corpus file is loaded: nothing that calls arbitrary code at top level."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, ast.Assign):
        return all(isinstance(t, ast.Name) for t in node.targets) and is_literal(node.value)
    if isinstance(node, ast.AnnAssign):
        return isinstance(node.target, ast.Name) and node.value is not None and is_literal(node.value)
    if isinstance(node, ast.Expr):  # a docstring or other bare constant
        return isinstance(node.value, ast.Constant)
    return False


def find_model(tree, lines):
    """Returns (class name, [(shape, dtype)]) for the class the file designates."""
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    marked = []
    for cls in classes.values():
        first = min([cls.lineno] + [d.lineno for d in cls.decorator_list])
        above = lines[first - 2] if first >= 2 else ""
        m = INPUT_COMMENT.match(above)
        if m:
            marked.append((cls.name, parse_inputs(m.group(1))))
    if len(marked) > 1:
        raise CorpusError("several classes carry a '# shapesafe: input' comment")
    if marked:
        return marked[0]
    # Seed write-ups: the class the top-level code instantiates, fed the tensors it builds with torch.randn(...).
    name, shapes = None, []
    for stmt in tree.body:
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(stmt):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Name) and f.id in classes and name is None:
                name = f.id
            elif (isinstance(f, ast.Attribute) and f.attr == "randn" and isinstance(f.value, ast.Name)
                  and f.value.id == "torch" and all(is_literal(a) for a in node.args)):
                shapes.append(([int(ast.literal_eval(a)) for a in node.args], "float32"))
    if name is None or not shapes:
        raise CorpusError("no '# shapesafe: input' comment and no top-level instantiation with torch.randn input")
    return name, shapes


def load(path):
    source = open(path, encoding="utf-8").read()
    tree = ast.parse(source, filename=path)
    cls_name, inputs = find_model(tree, source.splitlines())
    safe = ast.Module(body=[s for s in tree.body if is_safe_statement(s)], type_ignores=[])
    namespace = {"__name__": "shapesafe_corpus_model", "__file__": path, "__builtins__": __builtins__}
    exec(compile(safe, path, "exec"), namespace)
    return namespace[cls_name], cls_name, inputs


def shape_of(value):
    if isinstance(value, torch.Tensor):
        return list(value.shape)
    if isinstance(value, (tuple, list)):
        return [shape_of(v) for v in value]
    raise CorpusError("forward returned %s, not a tensor or a tuple of tensors" % type(value).__name__)


def describe_error(exc, path, phase):
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if os.path.abspath(f.filename) == path]
    message = str(exc).strip().splitlines()
    return {
        "type": type(exc).__name__,
        "message": message[0] if message else "",
        "phase": phase,
        "line": frames[-1].lineno if frames else None,
        "function": frames[-1].name if frames else None,
    }


def make_input(shape, dtype):
    if dtype == "int64":
        return torch.randint(0, INT64_HIGH, shape, dtype=torch.int64)
    return torch.randn(*shape)


def run_file(path):
    rel = os.path.relpath(path, HERE).replace(os.sep, "/")
    cls, cls_name, inputs = load(path)
    record = {
        "file": rel,
        "class": cls_name,
        "inputs": [shape for shape, _ in inputs],
        "input_dtypes": [dtype for _, dtype in inputs],
        "ok": False,
        "output_shape": None,
        "error": None,
    }
    torch.manual_seed(0)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            model = cls()
    except Exception as exc:  # noqa: BLE001 - every failure is ground truth
        record["error"] = describe_error(exc, path, "init")
        return record
    tensors = [make_input(shape, dtype) for shape, dtype in inputs]
    try:
        with torch.no_grad(), contextlib.redirect_stdout(io.StringIO()):  # models that print shapes stay quiet
            out = model(*tensors)
    except Exception as exc:  # noqa: BLE001
        record["error"] = describe_error(exc, path, "forward")
        return record
    record["ok"] = True
    record["output_shape"] = shape_of(out)
    return record


def corpus_files():
    files = []
    for d in CORPUS_DIRS:
        root = os.path.join(HERE, d)
        for dirpath, _, names in os.walk(root):
            files.extend(os.path.join(dirpath, n) for n in names if n.endswith(".py"))
    return sorted(files, key=lambda p: os.path.relpath(p, HERE))


def expectation_problems(record):
    name = os.path.basename(record["file"])
    err = record["error"]
    if name.endswith("_ok.py") and not record["ok"]:
        return "ok variant fails: %s" % err
    if name.endswith("_broken.py"):
        if record["ok"]:
            return "broken variant runs"
        if err["phase"] != "forward":
            return "broken variant fails in %s, not forward" % err["phase"]
        if err["line"] is None:
            return "broken variant's error has no frame in the file"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 unless ok variants run and broken ones fail")
    parser.add_argument("--out", default=os.path.join(HERE, "groundtruth.json"))
    args = parser.parse_args()
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))

    os.makedirs(CANARY_DIR, exist_ok=True)
    open(CANARY_FILE, "a").close()

    records, problems = [], []
    for path in corpus_files():
        record = run_file(path)
        records.append(record)
        problem = expectation_problems(record)
        if problem:
            problems.append("%s: %s" % (record["file"], problem))
        err = record["error"]
        status = "ok    %s" % (record["output_shape"],) if record["ok"] else "FAIL  %s:%s %s: %s" % (
            err["phase"], err["line"], err["type"], err["message"])
        print("%-52s %s" % (record["file"], status))

    doc = {"torch": torch.__version__.split("+")[0], "files": records}
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2, sort_keys=False)
        fh.write("\n")

    n_ok = sum(r["ok"] for r in records)
    print("\n%d files: %d run, %d fail (%d in __init__, %d in forward); torch %s -> %s" % (
        len(records), n_ok, len(records) - n_ok,
        sum(1 for r in records if r["error"] and r["error"]["phase"] == "init"),
        sum(1 for r in records if r["error"] and r["error"]["phase"] == "forward"),
        doc["torch"], os.path.relpath(args.out)))
    if not (os.path.isdir(CANARY_DIR) and os.path.isfile(CANARY_FILE)):
        problems.append("a corpus file's top level ran: the danger canaries are gone")
    for p in problems:
        print("PROBLEM " + p)
    if args.check and problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
