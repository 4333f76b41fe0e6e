import torch
import torch.nn as nn
import torch.nn.functional as F


# torch.adaptive_max_pool1d always returns (values, indices) in PyTorch 1.13; F.adaptive_max_pool1d returns values only.
# shapesafe: input 2x3x8
class Net(nn.Module):
    def forward(self, x):
        values, indices = torch.adaptive_max_pool1d(x, 4)
        return values + F.adaptive_max_pool1d(x, 4) + indices.float()  # output: 2x3x4
