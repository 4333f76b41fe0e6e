import torch
import torch.nn as nn


class Normalize(nn.Module):
    def __init__(self, mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(std))

    def forward(self, x):
        return (x - self.mean) / self.std


# shapesafe: input 4x3x64x64
class NormalizedClassifier(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.normalize = Normalize()
        self.body = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.normalize(x)
        x = self.body(x)
        return self.fc(torch.flatten(x, 1))


if __name__ == "__main__":
    print(NormalizedClassifier()(torch.rand(4, 3, 64, 64)).shape)
