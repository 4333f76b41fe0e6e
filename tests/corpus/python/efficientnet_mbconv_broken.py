import torch
import torch.nn as nn


class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)


class MBConv(nn.Module):
    def __init__(self, in_ch, out_ch, expand, kernel, stride, se_ratio=0.25):
        super().__init__()
        mid = in_ch * expand
        self.use_residual = stride == 1 and in_ch == out_ch
        layers = []
        if expand != 1:
            layers += [nn.Conv2d(in_ch, mid, 1, bias=False), nn.BatchNorm2d(mid), Swish()]
        layers += [
            nn.Conv2d(mid, mid, kernel, stride=stride, padding=1, groups=mid, bias=False),
            nn.BatchNorm2d(mid),
            Swish(),
        ]
        self.expand_dw = nn.Sequential(*layers)
        squeezed = max(1, int(in_ch * se_ratio))
        self.se = nn.Sequential(
            nn.AdaptiveAvgPool2d(1),
            nn.Conv2d(mid, squeezed, 1),
            Swish(),
            nn.Conv2d(squeezed, mid, 1),
            nn.Sigmoid(),
        )
        self.project = nn.Sequential(nn.Conv2d(mid, out_ch, 1, bias=False), nn.BatchNorm2d(out_ch))

    def forward(self, x):
        out = self.expand_dw(x)
        out = out * self.se(out)
        out = self.project(out)
        if self.use_residual:
            out = out + x
        return out


# (expand ratio, out channels, repeats, stride, kernel size)
BLOCKS_ARGS = [
    (1, 16, 1, 1, 3),
    (6, 24, 2, 2, 3),
    (6, 40, 2, 2, 5),
    (6, 80, 3, 2, 3),
    (6, 112, 3, 1, 5),
]


# shapesafe: input 2x3x96x96
class EfficientNetLite(nn.Module):
    def __init__(self, blocks_args=BLOCKS_ARGS, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1, bias=False), nn.BatchNorm2d(32), Swish())
        blocks = []
        in_ch = 32
        for expand, out_ch, repeats, stride, kernel in blocks_args:
            for i in range(repeats):
                blocks.append(MBConv(in_ch, out_ch, expand, kernel, stride if i == 0 else 1))
                in_ch = out_ch
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Sequential(nn.Conv2d(in_ch, 1280, 1, bias=False), nn.BatchNorm2d(1280), Swish())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(0.2)
        self.fc = nn.Linear(1280, num_classes)

    def forward(self, x):
        x = self.stem(x)
        x = self.blocks(x)
        x = self.head(x)
        x = self.pool(x).flatten(1)
        return self.fc(self.dropout(x))


if __name__ == "__main__":
    print(EfficientNetLite()(torch.randn(2, 3, 96, 96)).shape)
