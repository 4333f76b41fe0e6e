using SkiaSharp;

namespace ShapeSafe.Imaging;

/// <summary>
/// Turns one PNG or JPEG file into the bytes a model takes: decoded with SkiaSharp, resized to
/// H x W (bilinear with mipmaps, so large images shrink without aliasing), converted to the
/// model's channels (1: luminance L = (299 R + 587 G + 114 B) / 1000, as PIL's "L"; 3: RGB; alpha
/// dropped), channels first. TorchSharp training, evaluation and prediction and ONNX prediction all go through here, so an image
/// is prepared the same way each time.
/// </summary>
public static class ImageReader
{
    /// <summary>File extensions read as images (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>
    /// The most pixels an image may have (about 8192 x 8192): read from the header before anything is decoded, so a
    /// small file declaring a huge image is refused instead of being decoded into gigabytes.
    /// </summary>
    public const long MaxPixels = 64L * 1024 * 1024;

    public static bool IsImageFile(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Decodes and prepares one image into <paramref name="destination"/> (C x H x W bytes).</summary>
    public static void Decode(string path, int channels, int height, int width, Span<byte> destination)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "images can be read as 1 (grayscale) or 3 (RGB) channels");
        }

        if (destination.Length != channels * height * width)
        {
            throw new ArgumentException($"the destination holds {destination.Length} bytes, not {channels}x{height}x{width}", nameof(destination));
        }

        using var decoded = DecodeRgba(path);
        using var resized = decoded.Width == width && decoded.Height == height
            ? null
            : decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var bitmap = resized ?? decoded;
        if (bitmap is null)
        {
            throw new ImageException(path, $"could not be resized to {width}x{height}");
        }

        var rgba = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var plane = height * width;
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            for (var x = 0; x < width; x++)
            {
                var r = row[x * 4];
                var g = row[(x * 4) + 1];
                var b = row[(x * 4) + 2];
                var i = (y * width) + x;
                if (channels == 1)
                {
                    destination[i] = (byte)(((r * 299) + (g * 587) + (b * 114) + 500) / 1000);
                }
                else
                {
                    destination[i] = r;
                    destination[plane + i] = g;
                    destination[(2 * plane) + i] = b;
                }
            }
        }
    }

    /// <summary>Decodes and prepares one image into a new array.</summary>
    public static byte[] Decode(string path, int channels, int height, int width)
    {
        var bytes = new byte[channels * height * width];
        Decode(path, channels, height, width, bytes);
        return bytes;
    }

    private static SKBitmap DecodeRgba(string path)
    {
        RequireRegular(path);
        using var codec = SKCodec.Create(path, out var result);
        if (codec is null)
        {
            throw new ImageException(path, $"does not decode as an image ({Describe(result)}); only PNG and JPEG files are read");
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageException(path, $"has an empty size {info.Width}x{info.Height}");
        }

        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new ImageException(path, $"is {info.Width}x{info.Height} pixels, more than the {MaxPixels} an image may have; shrink it first");
        }

        var bitmap = new SKBitmap(info);
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            bitmap.Dispose();
            throw new ImageException(path, $"is {info.Width}x{info.Height} pixels: there is not enough memory to decode it");
        }

        var decode = codec.GetPixels(info, bitmap.GetPixels());
        if (decode != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ImageException(path, decode == SKCodecResult.IncompleteInput
                ? "is truncated: the image data ends early"
                : $"does not decode as an image ({Describe(decode)})");
        }

        return bitmap;
    }

    /// <summary>The image must be an existing, non-empty regular file (a pipe or device would block or never end).</summary>
    private static void RequireRegular(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ImageException(path, "is a folder, not a file");
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is { } target && !LinkResolves(info))
        {
            throw new ImageException(path, $"is a link to {target}, which does not exist");
        }

        if (!info.Exists)
        {
            throw new ImageException(path, "does not exist");
        }

        if (info.Length == 0)
        {
            throw new ImageException(path, "is empty, or not a regular file (a pipe, device or socket cannot be read as data)");
        }
    }

    private static bool LinkResolves(FileInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.InvalidInput => "the data is not valid",
        SKCodecResult.IncompleteInput => "the data ends early",
        SKCodecResult.Unimplemented => "the format is not supported",
        SKCodecResult.ErrorInInput => "the data has an error",
        SKCodecResult.CouldNotRewind => "the file cannot be reread",
        SKCodecResult.InvalidConversion => "the pixels cannot be converted",
        SKCodecResult.InvalidScale => "the size is invalid",
        SKCodecResult.InvalidParameters => "the parameters are invalid",
        SKCodecResult.InternalError => "the decoder failed",
        _ => "the format is not recognized",
    };
}
