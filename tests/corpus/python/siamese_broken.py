import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 4x1x105x105, 4x1x105x105
class SiameseNetwork(nn.Module):
    """Koch et al. one-shot Siamese network on 105x105 Omniglot characters."""

    def __init__(self):
        super(SiameseNetwork, self).__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 64, 10),  # 96
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),  # 48
            nn.Conv2d(64, 128, 7),  # 42
            nn.ReLU(),
            nn.MaxPool2d(2),  # 21
            nn.Conv2d(128, 128, 4),  # 18
            nn.ReLU(),
            nn.MaxPool2d(2),  # 9
            nn.Conv2d(128, 256, 4),  # 6
            nn.ReLU(),
        )
        self.liner = nn.Sequential(nn.Linear(256 * 5 * 5, 4096), nn.Sigmoid())
        self.out = nn.Linear(4096, 1)

    def forward_one(self, x):
        x = self.conv(x)
        x = x.view(x.size()[0], -1)
        x = self.liner(x)
        return x

    def forward(self, x1, x2):
        out1 = self.forward_one(x1)
        out2 = self.forward_one(x2)
        dis = torch.abs(out1 - out2)
        out = self.out(dis)
        return out


if __name__ == "__main__":
    net = SiameseNetwork()
    a, b = torch.randn(4, 1, 105, 105), torch.randn(4, 1, 105, 105)
    print(F.binary_cross_entropy_with_logits(net(a, b), torch.ones(4, 1)))
