import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 2x8x64x64
class ShrinkUntilSmall(nn.Module):
    """Keeps halving the feature map while its activations are still large."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 8, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        while x.abs().mean() > 0.05 and x.shape[-1] > 4:
            x = F.avg_pool2d(x, 2)
        return x


if __name__ == "__main__":
    print(ShrinkUntilSmall()(torch.randn(2, 8, 64, 64)).shape)
