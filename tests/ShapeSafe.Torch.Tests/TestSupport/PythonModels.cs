namespace ShapeSafe.Tests.TestSupport;

/// <summary>
/// Small PyTorch classifiers for training tests: a ResNet-style net (two residual blocks, the second with a projection
/// shortcut) and a U-Net-style encoder-decoder (a skip concatenation, then a classifier head). Neither declares an input,
/// so training takes N x C x H x W from the data. Widths are 16 channels and up: libtorch 2.10's CPU kernels on this
/// project's AMD hosts turn 8-channel ReLU stacks to NaN within a few steps, model files and Python alike.
/// </summary>
public static class PythonModels
{
    public const string ResNetClass = "TinyResNet";

    public const string UNetClass = "TinyUNet";

    public const string Imports = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F

        """;

    /// <summary>The residual classifier; <c>num_classes</c> defaults to <paramref name="classes"/>.</summary>
    public static string ResNetClasses(int classes) => $$"""


        class Block(nn.Module):
            def __init__(self, cin, cout, stride):
                super().__init__()
                self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
                self.bn1 = nn.BatchNorm2d(cout)
                self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
                self.bn2 = nn.BatchNorm2d(cout)
                self.shortcut = nn.Identity()
                if stride != 1 or cin != cout:
                    self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

            def forward(self, x):
                out = F.relu(self.bn1(self.conv1(x)))
                out = self.bn2(self.conv2(out))
                return F.relu(out + self.shortcut(x))


        class TinyResNet(nn.Module):
            def __init__(self, num_classes={{classes}}):
                super().__init__()
                self.stem = nn.Conv2d(3, 16, 3, padding=1)
                self.layer1 = Block(16, 16, 1)
                self.layer2 = Block(16, 32, 2)
                self.pool = nn.AdaptiveAvgPool2d(1)
                self.fc = nn.Linear(32, num_classes)

            def forward(self, x):
                x = F.relu(self.stem(x))
                x = self.layer2(self.layer1(x))
                x = torch.flatten(self.pool(x), 1)
                return self.fc(x)

        """;

    /// <summary>The encoder-decoder classifier.</summary>
    public static string UNetClasses(int classes) => $$"""


        class TinyUNet(nn.Module):
            def __init__(self, num_classes={{classes}}):
                super().__init__()
                self.enc1 = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU())
                self.down = nn.MaxPool2d(2)
                self.enc2 = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.ReLU())
                self.up = nn.ConvTranspose2d(32, 16, 2, stride=2)
                self.dec = nn.Sequential(nn.Conv2d(32, 16, 3, padding=1), nn.ReLU())
                self.pool = nn.MaxPool2d(4)
                self.head = nn.Linear(16 * 4 * 4, num_classes)

            def forward(self, x):
                e1 = self.enc1(x)
                e2 = self.enc2(self.down(e1))
                d = self.dec(torch.cat([self.up(e2), e1], dim=1))
                d = torch.flatten(self.pool(d), 1)
                return self.head(d)

        """;

    public static string ResNet(int classes = 3) => Imports + ResNetClasses(classes);

    public static string UNet(int classes = 3) => Imports + UNetClasses(classes);

    /// <summary>Both classifiers in one file: the checker cannot choose without a class name.</summary>
    public static string Both(int classes = 3) => Imports + ResNetClasses(classes) + UNetClasses(classes);

    public static string Named(string className, int classes = 3) => className == ResNetClass ? ResNet(classes) : UNet(classes);
}
