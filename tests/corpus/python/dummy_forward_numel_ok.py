import torch
import torch.nn as nn


# shapesafe: input 4x3x32x32
class AutoSizedCNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=5),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, kernel_size=5),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        # measure the flattened size once instead of working it out by hand
        with torch.no_grad():
            n_flat = self.features(torch.zeros(1, 3, 32, 32)).numel()
        self.classifier = nn.Sequential(
            nn.Linear(n_flat, 128),
            nn.ReLU(),
            nn.Linear(128, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = x.reshape(x.size(0), -1)
        return self.classifier(x)


if __name__ == "__main__":
    print(AutoSizedCNN()(torch.randn(4, 3, 32, 32)).shape)
