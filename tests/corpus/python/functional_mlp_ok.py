import math

import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 16x20
class TwoLayerNet(nn.Module):
    def __init__(self, d_in=20, d_hidden=64, d_out=3):
        super().__init__()
        bound = 1 / math.sqrt(d_in)
        self.W1 = nn.Parameter(torch.empty(d_hidden, d_in).uniform_(-bound, bound))
        self.b1 = nn.Parameter(torch.zeros(d_hidden))
        self.W2 = nn.Parameter(torch.empty(d_out, d_hidden).uniform_(-bound, bound))
        self.b2 = nn.Parameter(torch.zeros(d_out))

    def forward(self, x):
        h = torch.tanh(x @ self.W1.t() + self.b1)
        logits = F.linear(h, self.W2, self.b2)
        return F.softmax(logits, dim=-1)


if __name__ == "__main__":
    print(TwoLayerNet()(torch.randn(16, 20)).shape)
