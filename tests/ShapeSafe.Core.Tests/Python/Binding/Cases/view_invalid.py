import torch
import torch.nn as nn


# shapesafe: input 2x3x5x5
class Net(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return x.view(2, 3, 4, -1)  # E: SS0403
