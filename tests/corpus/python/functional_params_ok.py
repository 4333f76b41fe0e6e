import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 4x1x28x28
class FunctionalCNN(nn.Module):
    """A CNN written with torch.nn.functional only: the weights are plain parameters."""

    def __init__(self):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(16, 1, 3, 3) * 0.1)
        self.b1 = nn.Parameter(torch.zeros(16))
        self.w2 = nn.Parameter(torch.randn(32, 16, 3, 3) * 0.1)
        self.b2 = nn.Parameter(torch.zeros(32))
        self.w3 = nn.Parameter(torch.randn(10, 32 * 7 * 7) * 0.01)
        self.b3 = nn.Parameter(torch.zeros(10))

    def forward(self, x):
        x = F.relu(F.conv2d(x, self.w1, self.b1, padding=1))
        x = F.max_pool2d(x, 2)
        x = F.relu(F.conv2d(x, self.w2, self.b2, stride=1, padding=1))
        x = F.max_pool2d(x, kernel_size=2, stride=2)
        x = x.view(x.size(0), -1)
        return F.linear(x, self.w3, self.b3)


if __name__ == "__main__":
    print(FunctionalCNN()(torch.randn(4, 1, 28, 28)).shape)
