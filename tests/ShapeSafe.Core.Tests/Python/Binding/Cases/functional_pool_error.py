import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 1x3x4x4
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 3)

    def forward(self, x):
        x = self.conv(x)
        x = F.max_pool2d(x, 2)
        return F.max_pool2d(x, 2)  # E: SS0103
