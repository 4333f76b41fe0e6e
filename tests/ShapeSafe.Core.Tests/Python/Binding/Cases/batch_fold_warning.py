import torch
import torch.nn as nn


# shapesafe: input 4x3x32x32
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(1024, 10)

    def forward(self, x):
        x = self.pool(self.conv(x))
        x = x.view(-1, 1024)  # W: SS0433
        return self.fc(x)  # output: 8x10
