import math
import torch
import torch.nn as nn


# shapesafe: input 2x5x16
class Attn(nn.Module):
    def __init__(self, d=16, heads=4):
        super().__init__()
        self.h = heads
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q = q.view(b, n, self.h, d // self.h).transpose(1, 2)
        k = k.view(b, n, self.h, d // self.h).transpose(1, 2)
        v = v.view(b, n, self.h, d // self.h).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(d // self.h)
        att = att.softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, n, d)
        return self.out(y)  # output: 2x5x16
