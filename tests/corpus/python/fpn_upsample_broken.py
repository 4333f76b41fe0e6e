import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 2x3x100x100
class FPN(nn.Module):
    def __init__(self, out_channels=64):
        super(FPN, self).__init__()
        self.c2 = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 1, 1), nn.ReLU())  # 1/2
        self.c3 = nn.Sequential(nn.Conv2d(64, 128, 3, 2, 1), nn.ReLU())  # 1/4
        self.c4 = nn.Sequential(nn.Conv2d(128, 256, 3, 2, 1), nn.ReLU())  # 1/8
        self.c5 = nn.Sequential(nn.Conv2d(256, 512, 3, 2, 1), nn.ReLU())  # 1/16

        self.toplayer = nn.Conv2d(512, out_channels, 1)
        self.latlayer1 = nn.Conv2d(256, out_channels, 1)
        self.latlayer2 = nn.Conv2d(128, out_channels, 1)
        self.latlayer3 = nn.Conv2d(64, out_channels, 1)
        self.smooth = nn.Conv2d(out_channels, out_channels, 3, padding=1)

    def _upsample_add(self, x, y):
        _, _, H, W = y.size()
        return F.interpolate(x, scale_factor=2, mode="nearest") + y

    def forward(self, x):
        c2 = self.c2(x)
        c3 = self.c3(c2)
        c4 = self.c4(c3)
        c5 = self.c5(c4)
        p5 = self.toplayer(c5)
        p4 = self._upsample_add(p5, self.latlayer1(c4))
        p3 = self._upsample_add(p4, self.latlayer2(c3))
        p2 = self._upsample_add(p3, self.latlayer3(c2))
        p2 = self.smooth(p2)
        return p2, p3, p4, p5


if __name__ == "__main__":
    for p in FPN()(torch.randn(2, 3, 100, 100)):
        print(p.shape)
