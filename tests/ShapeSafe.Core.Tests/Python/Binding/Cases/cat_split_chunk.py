import torch
import torch.nn as nn


# shapesafe: input 2x8x4x4
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(16, 8, 1)

    def forward(self, x):
        a, b = torch.chunk(x, 2, dim=1)
        y = torch.cat([a, b, x], dim=1)
        p, q = y.split([8, 4], dim=1)  # E: SS0411
        return self.conv(torch.cat((x, x), 1))  # output: 2x8x4x4
