import torch
import torch.nn as nn


# shapesafe: input 8x1x28x28
class LeNet5(nn.Module):
    """LeNet-5 on MNIST: the 28x28 digits are padded to the 32x32 the original network expects."""

    def __init__(self, num_classes=10):
        super(LeNet5, self).__init__()
        self.feature_extractor = nn.Sequential(
            nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5, stride=1, padding=2),
            nn.Tanh(),
            nn.AvgPool2d(kernel_size=2),
            nn.Conv2d(in_channels=6, out_channels=16, kernel_size=5, stride=1),
            nn.Tanh(),
            nn.AvgPool2d(kernel_size=2),
            nn.Conv2d(in_channels=16, out_channels=120, kernel_size=5, stride=1),
            nn.Tanh(),
        )
        self.classifier = nn.Sequential(
            nn.Linear(in_features=120, out_features=84),
            nn.Tanh(),
            nn.Linear(in_features=84, out_features=num_classes),
        )

    def forward(self, x):
        x = self.feature_extractor(x)
        x = torch.flatten(x, 1)
        logits = self.classifier(x)
        probs = torch.softmax(logits, dim=1)
        return logits, probs


if __name__ == "__main__":
    model = LeNet5()
    logits, probs = model(torch.randn(8, 1, 28, 28))
    print(logits.shape, probs.shape)
