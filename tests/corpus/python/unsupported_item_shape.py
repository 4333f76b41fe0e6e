import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 2x3x48x48
class ItemPooledNet(nn.Module):
    """Takes its pooling size from a learned scalar via .item()."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.log_pool = nn.Parameter(torch.tensor(1.0))

    def forward(self, x):
        x = F.relu(self.conv(x))
        k = 2 ** int(round(self.log_pool.item()))
        x = F.max_pool2d(x, k)
        return x.view(x.size(0), 16, -1)


if __name__ == "__main__":
    print(ItemPooledNet()(torch.randn(2, 3, 48, 48)).shape)
