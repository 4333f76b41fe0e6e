import torch
import torch.nn as nn


def conv3x3_bn_relu(cin, cout, stride=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


# shapesafe: input 2x3x128x128
class SegNetLite(nn.Module):
    def __init__(self, num_classes=21):
        super().__init__()
        self.enc1 = conv3x3_bn_relu(3, 64, stride=2)     # 64
        self.enc2 = conv3x3_bn_relu(64, 128, stride=2)   # 32
        self.enc3 = conv3x3_bn_relu(128, 256, stride=2)  # 16
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.dec2 = conv3x3_bn_relu(256 + 128, 128)
        self.dec1 = conv3x3_bn_relu(128 + 64, 64)
        self.classifier = nn.Conv2d(64, num_classes, kernel_size=1)
        self.final_up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(e1)
        e3 = self.enc3(e2)
        d2 = self.dec2(torch.cat([self.up(e3), e2], dim=1))
        d1 = self.dec1(torch.cat([self.up(d2), e1], dim=1))
        return self.final_up(self.classifier(d1))


if __name__ == "__main__":
    print(SegNetLite()(torch.randn(2, 3, 128, 128)).shape)
