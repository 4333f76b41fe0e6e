import torch
import torch.nn as nn


# shapesafe: input 3x64
class MLP(nn.Module):
    def __init__(self, sizes=[64, 32, 16]):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        n = 16
        while n > 4:
            n //= 2
        self.out = nn.Linear(16, n)

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = torch.relu(x)
        return self.out(x)  # output: 3x4
