import torch
import torch.nn as nn


# torch.einsum with operands as arguments or as a list; a subscript whose sizes disagree is PyTorch's error.
# shapesafe: input 2x5x8
class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(8, 8)
        self.k = nn.Linear(8, 8)
        self.v = nn.Linear(8, 6)

    def forward(self, x):
        scores = torch.einsum("bqd,bkd->bqk", self.q(x), self.k(x)).softmax(-1)
        bad = torch.einsum("bqd,bkd->bqk", self.q(x), self.v(x))  # E: SS0415
        return torch.einsum("bqk,bkd->bqd", [scores, self.v(x)])  # output: 2x5x6
