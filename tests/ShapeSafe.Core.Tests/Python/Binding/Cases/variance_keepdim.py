import torch
import torch.nn as nn


# var and std take unbiased before keepdim: x.var(1, False, True) keeps dim 1, torch.var(x, (0, 2), True, False) drops both.
# shapesafe: input 3x4x5
# output: 3x4x5
class Variance(nn.Module):
    def forward(self, x):
        kept = x.var(1, False, True)
        dropped = torch.var(x, (0, 2), True, False)
        return kept + dropped.view(1, 4, 1) + torch.std(x, False)
