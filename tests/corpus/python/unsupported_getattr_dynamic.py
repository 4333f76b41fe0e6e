import torch
import torch.nn as nn


# shapesafe: input 2x3x32x32
class DynamicNamedNet(nn.Module):
    def __init__(self, widths=(16, 32, 64), num_classes=10):
        super().__init__()
        self.num_stages = len(widths)
        cin = 3
        for i, w in enumerate(widths):
            setattr(self, "stage%d" % i, nn.Sequential(nn.Conv2d(cin, w, 3, stride=2, padding=1), nn.ReLU()))
            cin = w
        self.classifier = nn.Linear(cin, num_classes)

    def forward(self, x):
        for i in range(self.num_stages):
            x = getattr(self, f"stage{i}")(x)
        return self.classifier(x.mean([2, 3]))


if __name__ == "__main__":
    print(DynamicNamedNet()(torch.randn(2, 3, 32, 32)).shape)
