import numpy as np
import torch
import torch.nn as nn
from mylib import magic


# shapesafe: input 2x10
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 4)
        self.scale = np.sqrt(4)

    def forward(self, x):
        x = magic(x)
        x = self.fc(x)
        if x.sum() > 0:
            x = x * 2
        return x.stft(4)
