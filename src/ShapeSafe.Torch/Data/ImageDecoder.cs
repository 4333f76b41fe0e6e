using ShapeSafe.Imaging;

namespace ShapeSafe.Torch.Data;

/// <summary>
/// Turns one PNG or JPEG file into the bytes a model takes, through <see cref="ImageReader"/> (shared with ONNX
/// serving, which runs without TorchSharp): decoded with SkiaSharp, resized to H x W, converted to the model's
/// channels (1: luminance as PIL's "L"; 3: RGB), channels first. A file that cannot be read is a <see cref="DataException"/>.
/// </summary>
public static class ImageDecoder
{
    /// <summary>File extensions read as images (case-insensitive).</summary>
    public static IReadOnlyList<string> Extensions => ImageReader.Extensions;

    /// <summary>The most pixels an image may have (see <see cref="ImageReader.MaxPixels"/>).</summary>
    public const long MaxPixels = ImageReader.MaxPixels;

    public static bool IsImageFile(string path) => ImageReader.IsImageFile(path);

    /// <summary>Decodes and prepares one image into <paramref name="destination"/> (C x H x W bytes).</summary>
    public static void Decode(string path, int channels, int height, int width, Span<byte> destination)
    {
        try
        {
            ImageReader.Decode(path, channels, height, width, destination);
        }
        catch (ImageException e)
        {
            throw new DataException(e.Path, e.Problem);
        }
    }

    /// <summary>Decodes and prepares one image into a new array.</summary>
    public static byte[] Decode(string path, int channels, int height, int width)
    {
        var bytes = new byte[channels * height * width];
        Decode(path, channels, height, width, bytes);
        return bytes;
    }
}
