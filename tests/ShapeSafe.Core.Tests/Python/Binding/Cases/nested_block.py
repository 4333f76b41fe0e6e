import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + self.shortcut(x))


# shapesafe: input 2x16x16x16
class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = self._make_layer(16, 32, 2)
        self.linear = nn.Linear(32, 10)

    def _make_layer(self, cin, cout, stride):
        return nn.Sequential(Block(cin, cout, stride), Block(cout, cout))

    def forward(self, x):
        x = self.layer1(x)
        x = nn.functional.adaptive_avg_pool2d(x, 1)
        return self.linear(x.view(x.size(0), -1))  # output: 2x10
