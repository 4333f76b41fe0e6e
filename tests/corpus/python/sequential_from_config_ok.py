import torch
import torch.nn as nn

CONFIG = [
    {"type": "conv", "out": 32, "kernel": 3, "padding": 1},
    {"type": "relu"},
    {"type": "pool", "size": 2},
    {"type": "conv", "out": 64, "kernel": 3, "padding": 1},
    {"type": "relu"},
    {"type": "pool", "size": 2},
    {"type": "flatten"},
    {"type": "linear", "out": 256},
    {"type": "relu"},
    {"type": "dropout", "p": 0.5},
    {"type": "linear", "out": 10},
]


def build_layers(config, in_channels, in_size):
    layers = []
    channels, size, features = in_channels, in_size, None
    for spec in config:
        kind = spec["type"]
        if kind == "conv":
            layers.append(nn.Conv2d(channels, spec["out"], spec["kernel"], padding=spec.get("padding", 0)))
            size = size + 2 * spec.get("padding", 0) - spec["kernel"] + 1
            channels = spec["out"]
        elif kind == "pool":
            layers.append(nn.MaxPool2d(spec["size"]))
            size = size // spec["size"]
        elif kind == "relu":
            layers.append(nn.ReLU())
        elif kind == "dropout":
            layers.append(nn.Dropout(spec["p"]))
        elif kind == "flatten":
            layers.append(nn.Flatten())
            features = channels * size * size
        elif kind == "linear":
            layers.append(nn.Linear(features, spec["out"]))
            features = spec["out"]
        else:
            raise ValueError(f"unknown layer type {kind}")
    return layers


# shapesafe: input 8x3x32x32
class ConfigNet(nn.Module):
    def __init__(self, config=CONFIG, in_channels=3, image_size=32):
        super().__init__()
        self.net = nn.Sequential(*build_layers(config, in_channels, image_size))

    def forward(self, x):
        return self.net(x)


if __name__ == "__main__":
    print(ConfigNet()(torch.randn(8, 3, 32, 32)).shape)
