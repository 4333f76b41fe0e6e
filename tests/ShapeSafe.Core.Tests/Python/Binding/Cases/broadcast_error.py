import torch
import torch.nn as nn


# shapesafe: input 2x8x16x16
class Skip(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(8, 16, 3, padding=1)

    def forward(self, x):
        y = self.a(x)
        return x + y  # E: SS0400
