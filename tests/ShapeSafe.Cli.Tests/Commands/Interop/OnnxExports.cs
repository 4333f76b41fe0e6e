using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Data;
using SkiaSharp;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary>
/// Two small checkpoints (RGB with a non-trivial normalization, and grayscale Fashion-MNIST), each exported once with
/// <c>export --to onnx</c>, and a few PNG images of other sizes: shared by the ONNX command tests.
/// </summary>
public sealed class OnnxExports : IDisposable
{
    public const string RgbModel = "input Nx3x12x12\nconv = nn.Conv2d(3, 6, 3, padding=1)\nbn = nn.BatchNorm2d(6)\nrelu = nn.ReLU()\npool = nn.MaxPool2d(2)\nflatten = nn.Flatten()\nfc = nn.Linear(216, 5)\n";

    public static readonly Normalization RgbNormalization = new([0.2f, 0.5f, 0.4f], [0.3f, 0.2f, 0.25f]);

    private readonly TempFolder _folder = new();

    public OnnxExports()
    {
        RgbCheckpoint = _folder.Combine("rgb.ckpt");
        CliCheckpoints.Write(RgbCheckpoint, RgbModel, channels: 3, size: 12, classes: 5, seed: 5, RgbNormalization);
        GrayCheckpoint = _folder.Combine("gray.ckpt");
        CliCheckpoints.Write(GrayCheckpoint, File.ReadAllText(CliRunner.Example("fashion_mnist.model")), channels: 1, size: 28, classes: 10, seed: 4,
            new Normalization([0.3f], [0.35f]));
        RgbExport = CliRunner.Run("export", RgbCheckpoint, "--to", "onnx", _folder.Combine("rgb.onnx"));
        GrayExport = CliRunner.Run("export", GrayCheckpoint, "--to", "onnx", _folder.Combine("gray.onnx"));
        Images = [Png("a.png", 40, 30, 1), Png("b.png", 12, 12, 2), Png("c.jpg", 9, 17, 3)];
    }

    public string RgbCheckpoint { get; }

    public string GrayCheckpoint { get; }

    public string RgbOnnx => _folder.Combine("rgb.onnx");

    public string GrayOnnx => _folder.Combine("gray.onnx");

    public CliRun RgbExport { get; }

    public CliRun GrayExport { get; }

    public string[] Images { get; }

    public string Folder => _folder.Path;

    public void Dispose() => _folder.Dispose();

    private string Png(string name, int width, int height, int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(name.EndsWith(".jpg", StringComparison.Ordinal) ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 95);
        var path = _folder.Combine(name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
