using System.Globalization;
using System.Text;

namespace ShapeSafe.Bench;

/// <summary>
/// A realistic PyTorch model file of a given length for the Python-check benchmark: a helper that returns layers, many
/// residual block classes with a squeeze-excite gate (a helper method, <c>x.size()</c> unpacking, a ModuleList
/// comprehension, <c>torch.cat</c>, a residual add, broadcasting), and a top model that chains them in a Sequential.
/// </summary>
public static class PythonSource
{
    private const string Header = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F


        def conv_bn(cin, cout, stride=1):
            return nn.Sequential(
                nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=1, bias=False),
                nn.BatchNorm2d(cout),
                nn.ReLU(inplace=True),
            )


        """;

    private const string Block = """
        class Block{0}(nn.Module):
            "A residual unit with a squeeze-excite gate and two half-width branches."

            expansion = 1

            def __init__(self, channels, reduction=4):
                super().__init__()
                self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1, bias=False)
                self.bn1 = nn.BatchNorm2d(channels)
                self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1, bias=False)
                self.bn2 = nn.BatchNorm2d(channels)
                hidden = max(channels // reduction, 4)
                self.fc1 = nn.Linear(channels, hidden)
                self.fc2 = nn.Linear(hidden, channels)
                self.branches = nn.ModuleList([nn.Conv2d(channels, channels // 2, 1) for _ in range(2)])

            def gate(self, x):
                b, c, _, _ = x.size()
                s = x.mean([2, 3])
                s = torch.sigmoid(self.fc2(F.relu(self.fc1(s))))
                return x * s.view(b, c, 1, 1)

            def forward(self, x):
                identity = x
                out = F.relu(self.bn1(self.conv1(x)))
                out = self.bn2(self.conv2(out))
                out = self.gate(out)
                parts = [branch(out) for branch in self.branches]
                out = torch.cat(parts, dim=1)
                out = out + identity
                return F.relu(out)


        """;

    /// <summary>A file of at least <paramref name="lines"/> lines that checks clean with output 8x10.</summary>
    public static string Model(int lines)
    {
        var text = new StringBuilder(Header);
        var blocks = 0;
        while (Count(text) + 14 + blocks < lines)
        {
            // The top model adds about 14 lines and one per block.
            text.AppendFormat(CultureInfo.InvariantCulture, Block, blocks);
            blocks++;
        }

        text.Append("""
            # shapesafe: input 8x3x32x32
            class Net(nn.Module):
                def __init__(self, num_classes=10):
                    super().__init__()
                    self.stem = conv_bn(3, 64, stride=2)
                    self.blocks = nn.Sequential(

            """);
        for (var i = 0; i < blocks; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"            Block{i}(64),\n");
        }

        text.Append("""
                    )
                    self.pool = nn.AdaptiveAvgPool2d(1)
                    self.head = nn.Linear(64, num_classes)

                def forward(self, x):
                    x = self.stem(x)
                    x = self.blocks(x)
                    x = torch.flatten(self.pool(x), 1)
                    return self.head(x)

            """);
        return text.ToString();

        static int Count(StringBuilder sb)
        {
            var n = 0;
            for (var i = 0; i < sb.Length; i++)
            {
                n += sb[i] == '\n' ? 1 : 0;
            }

            return n;
        }
    }
}
