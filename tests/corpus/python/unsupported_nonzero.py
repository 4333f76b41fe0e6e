import torch
import torch.nn as nn


# shapesafe: input 2x4x16x16
class ForegroundPointNet(nn.Module):
    """Gathers the feature vectors of the pixels a mask head marks as foreground."""

    def __init__(self, channels=4, hidden=32):
        super().__init__()
        self.mask_head = nn.Conv2d(channels, 1, 1)
        self.embed = nn.Linear(channels, hidden)

    def forward(self, x):
        mask = self.mask_head(x)[:, 0] > 0  # (B, H, W)
        idx = torch.nonzero(mask)  # (K, 3): batch, row, col
        points = x.permute(0, 2, 3, 1)[idx[:, 0], idx[:, 1], idx[:, 2]]  # (K, C)
        return self.embed(points)


if __name__ == "__main__":
    print(ForegroundPointNet()(torch.randn(2, 4, 16, 16)).shape)
