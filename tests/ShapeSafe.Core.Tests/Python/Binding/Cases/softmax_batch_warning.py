import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 8x20
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 5)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=0)  # W: SS0435
