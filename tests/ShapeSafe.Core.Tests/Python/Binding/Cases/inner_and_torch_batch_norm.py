import torch
import torch.nn as nn


# torch.inner contracts the last dims of any ranks (2x6 with 4x6 gives 2x4); torch.batch_norm takes weight and bias
# before the running statistics, unlike F.batch_norm.
# shapesafe: input 2x6
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.keys = nn.Parameter(torch.randn(4, 6))
        self.weight = nn.Parameter(torch.ones(4))
        self.bias = nn.Parameter(torch.zeros(4))
        self.register_buffer("mean", torch.zeros(4))
        self.register_buffer("var", torch.ones(4))
        self.register_buffer("short_mean", torch.zeros(3))

    def forward(self, x):
        scores = torch.inner(x, self.keys)
        normed = torch.batch_norm(scores, self.weight, self.bias, self.mean, self.var, False, 0.1, 1e-5, False)
        bad = torch.batch_norm(scores, self.weight, self.bias, self.short_mean, self.short_mean, False, 0.1, 1e-5, False)  # E: SS0441
        return normed + x.inner(x).sum()  # output: 2x4
