import torch
import torch.nn as nn


class ImageEncoder(nn.Module):
    def __init__(self, out_dim=64):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.fc = nn.Linear(32 * 8 * 8, out_dim)

    def forward(self, x):
        return torch.relu(self.fc(torch.flatten(self.conv(x), start_dim=1)))


# shapesafe: input 8x3x32x32, 8x10
class FusionNet(nn.Module):
    """Classifies listings from a photo and 10 tabular features."""

    def __init__(self, n_tab=10, img_dim=64, tab_dim=32, n_classes=4):
        super().__init__()
        self.image = ImageEncoder(img_dim)
        self.tabular = nn.Sequential(nn.Linear(n_tab, 64), nn.ReLU(), nn.Linear(64, tab_dim), nn.ReLU())
        self.classifier = nn.Sequential(
            nn.Linear(img_dim + n_tab, 64),
            nn.ReLU(),
            nn.Linear(64, n_classes),
        )

    def forward(self, image, tab):
        fused = torch.cat([self.image(image), self.tabular(tab)], dim=1)
        return self.classifier(fused)


if __name__ == "__main__":
    print(FusionNet()(torch.randn(8, 3, 32, 32), torch.randn(8, 10)).shape)
