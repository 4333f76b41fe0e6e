#!/usr/bin/env python3
"""Train this exported ShapeSafe model with PyTorch DistributedDataParallel.

One process:            python3 train_ddp.py --data DATA --out run
One machine, G GPUs:    torchrun --nproc_per_node=G train_ddp.py --data DATA --out run
Several machines:       torchrun --nnodes=M --nproc_per_node=G --rdzv_backend c10d --rdzv_endpoint HOST:PORT train_ddp.py ...

Plain Python and PyTorch only (1.13 or 2.x). The data formats, normalization, optimizer defaults, seed and validation
split are those of `shapesafe train`. Rank 0 writes into --out after each epoch, atomically: weights.pt (a state_dict),
weights.safetensors when the safetensors package is importable, state.pt (optimizer and epoch, for resuming),
metrics.json and checkpoint.json (what `shapesafe import RUN_DIR --out CHECKPOINT` needs). A second run with the same
--out resumes after its last epoch.
"""

import argparse
import gzip
import json
import math
import os
import struct
import sys
import time
import zlib

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
GENERATED_MARKER = "shapesafe-generated.json"
MIN_STD = 1e-6


try:
    import PIL.Image  # noqa: F401  (decodes faster than the plain-Python PNG reader below, which is the fallback)
    HAS_PIL = True
except ImportError:
    HAS_PIL = False


class DataError(Exception):
    """A data problem, reported as one line and exit status 2."""


# --- .NET's System.Random(seed): shapesafe train's validation split is a Fisher-Yates shuffle driven by it ---------

class DotNetRandom:
    """System.Random(seed) (the seeded, Knuth subtractive generator), so the split equals shapesafe train's."""

    MBIG = 2147483647
    MSEED = 161803398

    def __init__(self, seed):
        seed_array = [0] * 56
        subtraction = 2147483647 if seed == -2147483648 else abs(seed)
        mj = self.MSEED - subtraction
        seed_array[55] = mj
        mk = 1
        for i in range(1, 55):
            ii = (21 * i) % 55
            seed_array[ii] = mk
            mk = mj - mk
            if mk < 0:
                mk += self.MBIG
            mj = seed_array[ii]
        for _ in range(1, 5):
            for i in range(1, 56):
                seed_array[i] -= seed_array[1 + (i + 30) % 55]
                seed_array[i] = ((seed_array[i] + 2147483648) % 4294967296) - 2147483648
                if seed_array[i] < 0:
                    seed_array[i] += self.MBIG
        self.seed_array = seed_array
        self.inext = 0
        self.inextp = 21

    def _internal_sample(self):
        inext = self.inext + 1
        if inext >= 56:
            inext = 1
        inextp = self.inextp + 1
        if inextp >= 56:
            inextp = 1
        value = self.seed_array[inext] - self.seed_array[inextp]
        if value == self.MBIG:
            value -= 1
        if value < 0:
            value += self.MBIG
        self.seed_array[inext] = value
        self.inext = inext
        self.inextp = inextp
        return value

    def next(self, max_value):
        return int(self._internal_sample() * (1.0 / self.MBIG) * max_value)


def permutation(count, seed):
    """shapesafe's Shuffle.Permutation: Fisher-Yates over 0..count-1 with System.Random(seed)."""
    order = list(range(count))
    random = DotNetRandom(seed)
    for i in range(count - 1, 0, -1):
        j = random.next(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def hold_out(count, fraction, seed):
    """shapesafe's ImageSet.HoldOut: (train indices, validation indices), each sorted."""
    if count < 2:
        raise DataError("holds %d image(s); at least 2 are needed to hold some out for validation" % count)
    order = permutation(count, seed)
    held = min(max(int(round(fraction * count)), 1), count - 1)
    return sorted(order[held:]), sorted(order[:held])


# --- IDX folders -------------------------------------------------------------------------------------------------

def _idx_file(folder, prefix, suffix):
    for name in ("%s-%s" % (prefix, suffix), "%s-%s.gz" % (prefix, suffix), "%s.%s" % (prefix, suffix), "%s.%s.gz" % (prefix, suffix)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def is_idx_folder(folder):
    return os.path.isdir(folder) and (_idx_file(folder, "train", "images-idx3-ubyte") or _idx_file(folder, "t10k", "images-idx3-ubyte")) is not None


def _read_idx(path, rank, what):
    try:
        if path.lower().endswith(".gz"):
            with gzip.open(path, "rb") as f:
                data = f.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except (OSError, EOFError, zlib.error) as e:
        raise DataError("%s: cannot be read (%s)" % (path, e))
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 8 or data[3] != rank:
        raise DataError("%s: bad magic number: expected 0x0000080%d for an IDX file of %s" % (path, rank, what))
    header = 4 + 4 * rank
    if len(data) < header:
        raise DataError("%s: is truncated: %d bytes is shorter than the %d-byte header" % (path, len(data), header))
    dims = list(struct.unpack(">" + "i" * rank, data[4:header]))
    expected = 1
    for d in dims:
        expected *= d
    if len(data) - header != expected:
        raise DataError("%s: the header promises %s (%d bytes of data) but %d bytes follow it" % (path, "x".join(map(str, dims)), expected, len(data) - header))
    return dims, data[header:]


def idx_class_names(folder):
    listing = os.path.join(folder, "classes.txt")
    if os.path.isfile(listing):
        with open(listing, encoding="utf-8") as f:
            names = [line.strip() for line in f if line.strip()]
        if len(names) < 2:
            raise DataError("%s: names %d class(es); a classifier needs at least 2, one name per line" % (listing, len(names)))
        return names
    name = os.path.basename(os.path.normpath(os.path.abspath(folder)))
    return list(FASHION_MNIST_CLASSES) if "fashion" in name.lower() else [str(i) for i in range(10)]


def load_idx(folder, split):
    prefix = "train" if split == "train" else "t10k"
    images_path = _idx_file(folder, prefix, "images-idx3-ubyte")
    labels_path = _idx_file(folder, prefix, "labels-idx1-ubyte")
    if images_path is None or labels_path is None:
        missing = "%s-images-idx3-ubyte[.gz]" % prefix if images_path is None else "%s-labels-idx1-ubyte[.gz]" % prefix
        raise DataError("%s: has no %s; an IDX folder holds %s-images-idx3-ubyte and %s-labels-idx1-ubyte, gzipped or not" % (folder, missing, prefix, prefix))
    classes = idx_class_names(folder)
    (count, rows, cols), pixels = _read_idx(images_path, 3, "images")
    (label_count,), labels = _read_idx(labels_path, 1, "labels")
    if label_count != count:
        raise DataError("%s: holds %d labels but %s holds %d images; the counts must match" % (labels_path, label_count, os.path.basename(images_path), count))
    if count == 0:
        raise DataError("%s: holds no images" % images_path)
    labels = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()
    if int(labels.max()) >= len(classes):
        index = int((labels >= len(classes)).nonzero()[0])
        raise DataError("%s: label %d at index %d is out of range: the data set has %d classes" % (labels_path, int(labels[index]), index, len(classes)))
    images = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).reshape(count, 1, rows, cols)
    return images, labels, classes, "idx"


# --- image folders -----------------------------------------------------------------------------------------------

def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(path):
    """A PNG as an H x W x 4 uint8 tensor (RGBA): 8- or 16-bit, every colour type, not interlaced; plain Python."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise DataError("%s: does not decode as an image (not a PNG file)" % path)
    pos, idat, palette, transparency = 8, [], None, None
    width = height = depth = colour = interlace = None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"PLTE":
            palette = chunk
        elif kind == b"tRNS":
            transparency = chunk
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    if width is None or not idat:
        raise DataError("%s: is truncated: the image data ends early" % path)
    if interlace != 0 or depth not in (8, 16):
        return None
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    bpp = channels * depth // 8
    stride = width * bpp
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as e:
        raise DataError("%s: does not decode as an image (%s)" % (path, e))
    if len(raw) < (stride + 1) * height:
        raise DataError("%s: is truncated: the image data ends early" % path)
    out = bytearray(stride * height)
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                upper_left = previous[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, previous[i], upper_left)) & 255
        out[y * stride:(y + 1) * stride] = line
        previous = line
    pixels = torch.frombuffer(out, dtype=torch.uint8).reshape(height, width, channels * depth // 8)
    if depth == 16:
        pixels = pixels[:, :, 0::2]
    if colour == 3:
        table = torch.frombuffer(bytearray(palette), dtype=torch.uint8).reshape(-1, 3)
        alpha = torch.full((table.shape[0], 1), 255, dtype=torch.uint8)
        if transparency:
            alpha[:len(transparency), 0] = torch.frombuffer(bytearray(transparency), dtype=torch.uint8)
        return torch.cat([table, alpha], 1)[pixels[:, :, 0].long()]
    if colour in (0, 4):
        gray = pixels[:, :, :1]
        return torch.cat([gray, gray, gray, pixels[:, :, 1:2] if colour == 4 else torch.full_like(gray, 255)], 2)
    if colour == 2:
        return torch.cat([pixels, torch.full_like(pixels[:, :, :1], 255)], 2)
    return pixels


def decode_other(path):
    """Any image through Pillow or torchvision, whichever is installed, as H x W x 4 (RGBA)."""
    try:
        from PIL import Image
        with Image.open(path) as image:
            rgba = image.convert("RGBA")
            return torch.frombuffer(bytearray(rgba.tobytes()), dtype=torch.uint8).reshape(rgba.height, rgba.width, 4)
    except ImportError:
        pass
    except Exception as e:
        raise DataError("%s: does not decode as an image (%s)" % (path, e))
    try:
        from torchvision.io import ImageReadMode, read_image
        image = read_image(path, ImageReadMode.RGB_ALPHA)
        return image.permute(1, 2, 0).contiguous()
    except ImportError:
        raise DataError("%s: reading JPEG images needs Pillow or torchvision (apt-get install python3-pil)" % path)
    except Exception as e:
        raise DataError("%s: does not decode as an image (%s)" % (path, e))


def read_image(path, channels, height, width):
    """One image as shapesafe prepares it: C x H x W bytes, gray = (299 R + 587 G + 114 B + 500) // 1000, alpha dropped."""
    rgba = decode_other(path) if HAS_PIL or not path.lower().endswith(".png") else decode_png(path)
    if rgba is None:
        rgba = decode_other(path)
    rgb = rgba[:, :, :3].permute(2, 0, 1).contiguous()
    if rgb.shape[1] != height or rgb.shape[2] != width:
        # shapesafe resizes with bilinear filtering and mipmaps; antialiased bilinear is PyTorch's nearest equivalent.
        resized = F.interpolate(rgb.float().unsqueeze(0), size=(height, width), mode="bilinear", align_corners=False, antialias=True)
        rgb = resized.squeeze(0).round().clamp(0, 255).to(torch.uint8)
    if channels == 1:
        weights = torch.tensor([299, 587, 114], dtype=torch.int32).view(3, 1, 1)
        return ((rgb.int() * weights).sum(0, keepdim=True) + 500).div(1000, rounding_mode="floor").to(torch.uint8)
    return rgb


def image_class_names(folder):
    if not os.path.isdir(folder):
        raise DataError("%s: does not exist" % folder)
    names = sorted((n for n in os.listdir(folder) if os.path.isdir(os.path.join(folder, n)) and not n.startswith(".")),
                   key=lambda n: n.encode("utf-16-be"))
    if not names:
        raise DataError("%s: has no class subfolders: an image folder holds one subfolder per class (e.g. cat/, dog/) with PNG or JPEG images in each" % folder)
    if len(names) < 2:
        raise DataError("%s: has one class subfolder ('%s'); a classifier needs at least 2 classes" % (folder, names[0]))
    return names


def load_image_folder(folder, channels, height, width, expected_classes=None):
    classes = image_class_names(folder)
    if expected_classes is not None and classes != list(expected_classes):
        raise DataError("%s: has different classes from the training data (%s, expected %s)" % (folder, ", ".join(classes), ", ".join(expected_classes)))
    images, labels = [], []
    for label, name in enumerate(classes):
        class_folder = os.path.join(folder, name)
        files = sorted((f for f in os.listdir(class_folder) if f.lower().endswith(IMAGE_EXTENSIONS) and os.path.isfile(os.path.join(class_folder, f))),
                       key=lambda f: f.encode("utf-16-be"))
        if not files:
            raise DataError("%s: is an empty class folder: it holds no .png/.jpg/.jpeg images" % class_folder)
        for f in files:
            images.append(read_image(os.path.join(class_folder, f), channels, height, width))
            labels.append(label)
    return torch.stack(images), torch.tensor(labels, dtype=torch.long), classes, "image_folder"


def generated_size(folder):
    """(C, H, W) of a data set written by `shapesafe make-data`, else None."""
    marker = os.path.join(folder, GENERATED_MARKER)
    if not os.path.isfile(marker):
        return None
    try:
        with open(marker, encoding="utf-8") as f:
            d = json.load(f)
        return int(d["Channels"]), int(d["Height"]), int(d["Width"])
    except (ValueError, KeyError, TypeError):
        return None


def load_split(folder, split, size, expected_classes=None):
    """(images uint8 N x C x H x W, labels, class names, data kind) of an IDX folder's split or an image folder."""
    if not os.path.isdir(folder):
        raise DataError("%s: does not exist; --data takes an IDX folder or an image folder (one subfolder per class)" % folder)
    if is_idx_folder(folder):
        images, labels, classes, kind = load_idx(folder, split)
        if expected_classes is not None and classes != list(expected_classes):
            raise DataError("%s: has %d classes; the training data has %d" % (folder, len(classes), len(expected_classes)))
        return images, labels, classes, kind
    if size is None:
        size = generated_size(folder)
    if size is None:
        raise DataError("%s: model.py declares no input size; pass --input-size CxHxW" % folder)
    channels, height, width = size
    if channels not in (1, 3):
        raise DataError("%s: images are read as 1 (grayscale) or 3 (RGB) channels, but the model takes %d" % (folder, channels))
    return load_image_folder(folder, channels, height, width, expected_classes)


def normalization_of(images):
    """Per-channel mean and population std of pixel/255 over the training images (shapesafe's Normalization.Compute)."""
    values = images.to(torch.float64).transpose(0, 1).reshape(images.shape[1], -1)
    mean = values.mean(1)
    variance = ((values * values).mean(1) - mean * mean).clamp(min=0)
    mean = (mean / 255.0).float()
    std = (variance.sqrt() / 255.0).float()
    std = torch.where(std < MIN_STD, torch.ones_like(std), std)
    return [float(m) for m in mean], [float(s) for s in std]


def normalize(images, mean, std):
    scale = torch.tensor([1.0 / (255.0 * s) for s in std], dtype=torch.float32).view(1, -1, 1, 1)
    shift = torch.tensor([-m / s for m, s in zip(mean, std)], dtype=torch.float32).view(1, -1, 1, 1)
    return images.float().mul(scale).add_(shift)


# --- files -------------------------------------------------------------------------------------------------------

def atomic_write(path, write):
    """Writes through a temporary file in the same folder, flushed, then os.replace: a kill leaves the old file whole."""
    temp = "%s.%d.tmp" % (path, os.getpid())
    try:
        with open(temp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def atomic_json(path, value):
    atomic_write(path, lambda f: f.write((json.dumps(value, indent=2) + "\n").encode("utf-8")))


def save_run(out, model, optimizer, scaler, epoch, info, metrics):
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    atomic_write(os.path.join(out, "weights.pt"), lambda f: torch.save(state, f))
    try:
        from safetensors.torch import save as safetensors_save
        atomic_write(os.path.join(out, "weights.safetensors"), lambda f: f.write(safetensors_save({k: v.contiguous() for k, v in state.items()})))
    except ImportError:
        pass
    training = {"epoch": epoch, "optimizer": optimizer.state_dict(), "scaler": scaler.state_dict() if scaler is not None else None}
    atomic_write(os.path.join(out, "state.pt"), lambda f: torch.save(training, f))
    atomic_json(os.path.join(out, "metrics.json"), metrics)
    atomic_json(os.path.join(out, "checkpoint.json"), dict(info, epoch=epoch, metrics=metrics["epochs"]))


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_model_class(project):
    sys.path.insert(0, HERE)
    import importlib.util
    spec = importlib.util.spec_from_file_location("shapesafe_exported_model", os.path.join(HERE, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, project["class_name"])


def parse_size(text):
    try:
        parts = [int(p) for p in text.lower().split("x")]
    except ValueError:
        parts = []
    if len(parts) != 3 or min(parts) < 1:
        raise argparse.ArgumentTypeError("expected CxHxW (e.g. 3x32x32), not %r" % text)
    return tuple(parts)


def parse_args(argv, project):
    settings = project.get("settings", {})
    parser = argparse.ArgumentParser(description="Train %s with DistributedDataParallel (run it under torchrun for several processes)." % project["model_name"])
    parser.add_argument("--data", required=True, help="an IDX folder (train-images-idx3-ubyte[.gz], ...) or an image folder (one subfolder per class)")
    parser.add_argument("--test", help="a test set: an image folder with the same classes (an IDX folder's t10k files are used by default)")
    parser.add_argument("--epochs", type=int, default=settings.get("epochs", 5))
    parser.add_argument("--batch-size", type=int, default=settings.get("batch_size", 128), help="per process (the global batch is this times the world size)")
    parser.add_argument("--lr", type=float, default=None, help="learning rate (default 1e-3 for Adam, 1e-2 for SGD)")
    parser.add_argument("--out", default="run", help="the run folder (written by rank 0; resumed from when it holds a run)")
    parser.add_argument("--amp", action="store_true", help="mixed precision: float16 with a gradient scaler on CUDA, bfloat16 on the CPU")
    parser.add_argument("--input-size", type=parse_size, default=None, help="CxHxW, for an image folder when model.py declares no input")
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error("--epochs must be at least 1, not %d" % args.epochs)
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1, not %d" % args.batch_size)
    if args.lr is not None and not (math.isfinite(args.lr) and args.lr > 0):
        parser.error("--lr must be a positive number, not %s" % args.lr)
    return args


def evaluate(model, images, labels, mean, std, batch_size, device):
    """Mean cross-entropy and predictions over the whole set, in order, in eval mode (as shapesafe evaluate)."""
    was_training = model.training
    model.eval()
    loss_sum, predicted = 0.0, []
    with torch.no_grad():
        for start in range(0, images.shape[0], batch_size):
            x = normalize(images[start:start + batch_size], mean, std).to(device)
            y = labels[start:start + batch_size].to(device)
            logits = model(x).float()
            loss_sum += float(F.cross_entropy(logits, y, reduction="sum"))
            predicted.append(logits.argmax(1).cpu())
    model.train(was_training)
    predicted = torch.cat(predicted)
    return loss_sum / max(1, images.shape[0]), float((predicted == labels).double().mean()), predicted


def main(argv):
    project = read_json(os.path.join(HERE, "project.json"))
    args = parse_args(argv, project)
    settings = project.get("settings", {})
    seed = int(settings.get("seed", 42))
    fraction = float(settings.get("validation_fraction", 0.1))
    optimizer_kind = settings.get("optimizer", "adam")

    distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    cuda = torch.cuda.is_available()
    if distributed:
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        if cuda:
            torch.cuda.set_device(local_rank)
        dist.init_process_group(backend="nccl" if cuda else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        local_rank, rank, world = 0, 0, 1
    device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")

    out = os.path.abspath(args.out)
    resume = os.path.isfile(os.path.join(out, "checkpoint.json")) and os.path.isfile(os.path.join(out, "state.pt"))
    saved = read_json(os.path.join(out, "checkpoint.json")) if resume else None

    # Data: every rank reads it (the files are small next to the model's work); the split and normalization are seeded.
    size = tuple(project["input"]) if project.get("input") else args.input_size
    images, labels, classes, kind = load_split(args.data, "train", size)
    if project.get("class_names") and len(project["class_names"]) != len(classes):
        raise DataError("%s: has %d classes, but the model was trained on %d" % (args.data, len(classes), len(project["class_names"])))
    if project.get("num_classes") and int(project["num_classes"]) != len(classes):
        raise DataError("%s: has %d classes, but the model gives %d outputs" % (args.data, len(classes), int(project["num_classes"])))
    train_ids, val_ids = hold_out(images.shape[0], fraction, seed)
    train_images, train_labels = images[train_ids], labels[train_ids]
    val_images, val_labels = images[val_ids], labels[val_ids]
    size = tuple(images.shape[1:])
    if saved is not None:
        mean, std = saved["normalization"]["mean"], saved["normalization"]["std"]
        if saved["class_names"] != classes or tuple(saved["input"][k] for k in ("channels", "height", "width")) != size:
            raise DataError("%s: holds a run on %s images of %d classes, but %s gives %s images of %d classes"
                            % (out, "x".join(str(saved["input"][k]) for k in ("channels", "height", "width")), len(saved["class_names"]), args.data, "x".join(map(str, size)), len(classes)))
    elif project.get("normalization"):
        mean, std = project["normalization"]["mean"], project["normalization"]["std"]
    else:
        mean, std = normalization_of(train_images)
    test = None
    if args.test is not None:
        test_images, test_labels, _, _ = load_split(args.test, "test", size, classes)
        test = (test_images, test_labels)
    elif kind == "idx" and _idx_file(args.data, "t10k", "images-idx3-ubyte") is not None:
        test_images, test_labels, _, _ = load_split(args.data, "test", size)
        test = (test_images, test_labels)

    # The model: seeded, so every rank starts from the same weights (DDP also broadcasts rank 0's).
    torch.manual_seed(seed)
    model = load_model_class(project)()
    start_epoch, history = 0, []
    if saved is not None:
        model.load_state_dict(torch.load(os.path.join(out, "weights.pt"), map_location="cpu"), strict=True)
        history = saved.get("metrics", [])
    elif os.path.isfile(os.path.join(HERE, "weights.pt")):
        model.load_state_dict(torch.load(os.path.join(HERE, "weights.pt"), map_location="cpu"), strict=True)
    model.to(device)
    lr = args.lr if args.lr is not None else (settings.get("learning_rate") or (1e-3 if optimizer_kind == "adam" else 1e-2))
    weight_decay = float(settings.get("weight_decay", 0.0))
    if optimizer_kind == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=weight_decay)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=weight_decay)
    use_scaler = args.amp and cuda
    if use_scaler:
        scaler = torch.amp.GradScaler("cuda") if hasattr(torch.amp, "GradScaler") else torch.cuda.amp.GradScaler()
    else:
        scaler = None
    if saved is not None:
        state = torch.load(os.path.join(out, "state.pt"), map_location="cpu")
        optimizer.load_state_dict(state["optimizer"])
        if scaler is not None and state.get("scaler"):
            scaler.load_state_dict(state["scaler"])
        start_epoch = int(state["epoch"])
    if args.lr is not None:
        for group in optimizer.param_groups:
            group["lr"] = args.lr
    ddp = DistributedDataParallel(model, device_ids=[local_rank] if cuda else None) if distributed else model

    info = {
        "format": "shapesafe-ddp-run",
        "version": 1,
        "model_name": project["model_name"],
        "language": project["language"],
        "source_name": project.get("source_name"),
        "class_name": project["class_name"],
        "input_shape": project.get("input_shape") or "Nx%dx%dx%d" % size,
        "model_source": project["model_source"],
        "input": {"channels": size[0], "height": size[1], "width": size[2]},
        "class_names": classes,
        "normalization": {"mean": mean, "std": std},
        "data_kind": kind,
        "data_path": os.path.abspath(args.data),
        "generated_data": generated_size(args.data) is not None,
        "settings": {"epochs": args.epochs, "batch_size": args.batch_size, "optimizer": optimizer_kind, "learning_rate": lr,
                     "weight_decay": weight_decay, "seed": seed, "validation_fraction": fraction},
        "world_size": world,
    }
    if rank == 0:
        os.makedirs(out, exist_ok=True)
        print("Training %s on %d images of %s (%d classes), validating on %d; %d process(es), %s, %s"
              % (project["model_name"], train_images.shape[0], "x".join(map(str, size)), len(classes), val_images.shape[0], world,
                 "nccl" if distributed and cuda else ("gloo" if distributed else "single process"), device), flush=True)
        if start_epoch > 0:
            print("Resuming from %s after epoch %d, up to epoch %d." % (out, start_epoch, args.epochs), flush=True)
    if start_epoch >= args.epochs:
        if rank == 0:
            print("%s already holds %d epoch(s); pass --epochs above %d to train further." % (out, start_epoch, start_epoch))
        return 0

    dataset = TensorDataset(train_images, train_labels)
    sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True, seed=seed)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler, drop_last=False)
    amp_dtype = torch.float16 if cuda else torch.bfloat16
    for epoch in range(start_epoch + 1, args.epochs + 1):
        sampler.set_epoch(epoch)
        torch.manual_seed(seed * 1000003 + epoch * 7919 + 17 + rank)
        ddp.train()
        clock = time.time()
        totals = torch.zeros(3, dtype=torch.float64, device=device)
        for x, y in loader:
            x = normalize(x, mean, std).to(device, non_blocking=True)
            y = y.to(device, non_blocking=True)
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast(device_type=device.type, dtype=amp_dtype, enabled=args.amp):
                logits = ddp(x)
                loss = F.cross_entropy(logits.float(), y)
            if scaler is not None:
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
            else:
                loss.backward()
                optimizer.step()
            totals += torch.stack([loss.detach().double() * y.shape[0], (logits.detach().argmax(1) == y).sum().double(), torch.tensor(float(y.shape[0]), dtype=torch.float64, device=device)])
        if distributed:
            dist.all_reduce(totals)
        seconds = time.time() - clock
        train_loss, train_correct, seen = (float(v) for v in totals.cpu())
        if not math.isfinite(train_loss):
            if rank == 0:
                print("error: the loss became %s at epoch %d: training stopped; the last good epoch is kept in %s. Try a lower --lr." % (train_loss, epoch, out), file=sys.stderr)
            return 1
        if rank == 0:
            val_loss, val_accuracy, _ = evaluate(model, val_images, val_labels, mean, std, args.batch_size, device)
            entry = {"epoch": epoch, "train_loss": train_loss / seen, "train_accuracy": train_correct / seen, "val_loss": val_loss,
                     "val_accuracy": val_accuracy, "images_per_second": seen / max(seconds, 1e-9), "seconds": time.time() - clock}
            if test is not None:
                test_loss, test_accuracy, predicted = evaluate(model, test[0], test[1], mean, std, args.batch_size, device)
                entry["test_loss"], entry["test_accuracy"] = test_loss, test_accuracy
                entry["test_correct"] = int((predicted == test[1]).sum())
            history = [m for m in history if m["epoch"] < epoch] + [entry]
            metrics = {"world_size": world, "backend": ("nccl" if cuda else "gloo") if distributed else None,
                       "amp": str(amp_dtype).replace("torch.", "") if args.amp else None, "epochs": history}
            if test is not None:
                metrics["test_accuracy"] = entry["test_accuracy"]
                metrics["test_images"] = int(test[0].shape[0])
            save_run(out, model, optimizer, scaler, epoch, info, metrics)
            print("epoch %d/%d: train loss %.4f acc %.2f%%, val loss %.4f acc %.2f%%%s, %.0f images/s"
                  % (epoch, args.epochs, entry["train_loss"], 100 * entry["train_accuracy"], val_loss, 100 * val_accuracy,
                     ", test acc %.2f%%" % (100 * entry["test_accuracy"]) if test is not None else "", entry["images_per_second"]), flush=True)
        if distributed:
            dist.barrier()
    if distributed:
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except DataError as e:
        print("error: %s" % e, file=sys.stderr)
        sys.exit(2)
