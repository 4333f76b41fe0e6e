import torch
import torch.nn as nn


# shapesafe: input 4x3x8x8, 4x6
class ImageAndFeatures(nn.Module):
    """forward takes two inputs (an image and a feature vector) and returns two outputs: float logits and int64 classes."""

    def __init__(self, classes=5):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.fc = nn.Linear(4 * 8 * 8 + 6, classes)

    def forward(self, image, features):
        x = torch.relu(self.conv(image)).flatten(1)
        logits = self.fc(torch.cat([x, features], dim=1))
        return logits, logits.argmax(dim=1)
