namespace ShapeSafe.Tests.TestSupport;

/// <summary>Model files for CLI training tests.</summary>
public static class Models
{
    /// <summary>A small CNN for RGB 16x16 images; fc's in_features inferred.</summary>
    public static string Tiny(int classes, int channels = 3, int size = 16) => $"""
        # a small test CNN
        input Nx{channels}x{size}x{size}
        conv1 = nn.Conv2d({channels}, 12, 3, padding=1)
        bn = nn.BatchNorm2d(12)
        relu1 = nn.ReLU()
        pool = nn.MaxPool2d(2)
        conv2 = nn.Conv2d(12, 16, 3, padding=1)
        relu2 = nn.ReLU()
        pool
        flatten = nn.Flatten()
        fc = nn.LazyLinear({classes})
        """;

    /// <summary>The seed's network (3x64x64, fc1's in_features inferred as 32x16x16 = 8192) ending in <paramref name="classes"/> outputs.</summary>
    public static string Seed(int classes) => $"""
        input Nx3x64x64
        conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        relu1 = nn.ReLU()
        pool = nn.MaxPool2d(2, 2)
        conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        relu2 = nn.ReLU()
        pool
        flatten = nn.Flatten()
        fc1 = nn.LazyLinear(128)
        relu3 = nn.ReLU()
        fc2 = nn.Linear(128, {classes})
        """;
}
