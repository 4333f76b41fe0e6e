import torch
import torch.nn as nn


# shapesafe: input 4x3x32x32
class BranchingNet(nn.Module):
    """Picks a path from the data: bright batches are pooled twice as hard."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool2 = nn.MaxPool2d(2)
        self.pool4 = nn.MaxPool2d(4)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        if x.sum() > 0:
            x = self.pool4(x)
        else:
            x = self.pool2(x)
        return x.flatten(1)


if __name__ == "__main__":
    print(BranchingNet()(torch.randn(4, 3, 32, 32)).shape)
