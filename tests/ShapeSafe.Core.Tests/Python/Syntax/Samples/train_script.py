#!/usr/bin/env python3
# -*- coding: utf-8 -*-
import argparse
import asyncio
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

__all__ = ["Config", "train"]

EPOCHS: int = 3
LR = 1e-3
MAX = 0xFFFF_FFFF
SCALE = 2 ** -0.5


@dataclass(frozen=True)
class Config:
    epochs: int = EPOCHS
    lr: float = LR
    sizes: tuple = field(default_factory=lambda: (28, 28))
    name: str = 'run' \
        '-1'

    @property
    def area(self) -> int:
        h, w = self.sizes
        return h * w


def make_model(cfg: Config, *layers: int, **kwargs) -> nn.Module:
    modules: list[nn.Module] = []
    width = cfg.area
    for i, size in enumerate(layers or (128, 64)):
        modules += [nn.Linear(width, size), nn.ReLU()]
        width = size
    else:
        modules.append(nn.Linear(width, kwargs.get("classes", 10)))
    return nn.Sequential(nn.Flatten(), *modules)


def batches(loader):
    yield from loader


def train(cfg: Config, device: str = "cpu") -> float:
    x = torch.randn(256, 1, *cfg.sizes)
    y = torch.randint(0, 10, (256,))
    loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)
    model = make_model(cfg).to(device)
    opt = optim.Adam(model.parameters(), lr=cfg.lr)
    loss_fn = nn.CrossEntropyLoss()
    total = 0.0
    for epoch in range(cfg.epochs):
        for xb, yb in batches(loader):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb.to(device)), yb.to(device))
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch + 1}/{cfg.epochs}: {total / len(loader):.4f}", end="\n" if epoch % 2 == 0 else "\r")
    try:
        Path("model.pt").parent.mkdir(exist_ok=True)
    except (OSError, PermissionError) as err:
        raise RuntimeError("cannot save") from err
    except Exception:
        pass
    else:
        torch.save({"state": model.state_dict(), **dataclasses.asdict(cfg)}, "model.pt")
    finally:
        del x, y
    return total


def describe(value):
    match value:
        case {"epochs": int(n)} if n > 0:
            return f"{n} epochs"
        case [first, *_]:
            return str(first)
        case Config(epochs=e) | None:
            return "config"
        case _:
            return "?"


async def main_async() -> None:
    await asyncio.sleep(0)
    async with asyncio.timeout(1) if hasattr(asyncio, "timeout") else asyncio.Lock():
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--lr", type=float, default=LR)
    args = parser.parse_args(argv)
    cfg = Config(epochs=args.epochs, lr=args.lr)
    global LR
    LR = cfg.lr
    assert cfg.epochs > 0, "need at least one epoch"
    with torch.no_grad(), open("log.txt", "w") as log:
        log.write(describe(cfg))
    squares = {n: n ** 2 for n in range(10) if n % 2}
    evens = {n for n in range(10) if not n & 1}
    matrix = [[row[i] for row in [[1, 2], [3, 4]]] for i in range(2)]
    lam = lambda a, /, b=2, *c, d, **e: (a, b, c, d, e)
    print(squares, evens, matrix, lam(1, d=4), sep="; ")
    return 0 if train(cfg) >= 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
