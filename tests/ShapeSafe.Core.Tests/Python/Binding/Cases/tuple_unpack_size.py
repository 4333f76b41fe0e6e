import torch
import torch.nn as nn


# shapesafe: input 4x16x8x8
class SE(nn.Module):
    def __init__(self, c=16, r=4):
        super().__init__()
        self.fc1 = nn.Linear(c, c // r)
        self.fc2 = nn.Linear(c // r, c)

    def forward(self, x):
        b, c, _, _ = x.size()
        y = x.mean(dim=(2, 3))
        y = torch.sigmoid(self.fc2(torch.relu(self.fc1(y))))
        return x * y.view(b, c, 1, 1)  # output: 4x16x8x8
