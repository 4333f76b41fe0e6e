import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 4x3x8x8
class TrainingModeBranches(nn.Module):
    """forward differs per mode (without dropout, so both modes are deterministic): model.train() and model.eval() run
    different layers and ops, through `if self.training:`, `x if self.training else y`, `not self.training` and
    `self.training and ...`."""

    def __init__(self, classes=5):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.head = nn.Linear(8, classes)
        self.aux = nn.Linear(8, classes)

    def forward(self, x):
        x = self.bn(self.conv(x))
        if self.training:
            x = torch.relu(x)
        else:
            x = torch.sigmoid(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        y = self.head(x) if self.training else self.aux(x)
        if not self.training:
            y = y + 1.0
        scale = self.training and 2.0 or 0.5
        return y * scale
