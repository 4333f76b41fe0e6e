using System.Globalization;
using System.Text.Json;
using SkiaSharp;

namespace ShapeSafe.Torch.Data;

/// <summary>
/// Writes a synthetic image-folder data set of simple, learnable shapes (circle, square, triangle,
/// stripes, ...) at random positions, sizes and colors on random backgrounds, as PNG files: a data
/// set the program makes itself where no real one is installed. A marker file at the top
/// (<see cref="MarkerFile"/>) records how it was made, so training can say that it uses generated data.
/// </summary>
public static class SyntheticShapes
{
    /// <summary>The marker written at the top of a generated data set (skipped by the loader: it is no folder).</summary>
    public const string MarkerFile = "shapesafe-generated.json";

    /// <summary>The shape drawn for each class, in class order; a data set uses the first N.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["circle", "square", "triangle", "horizontal-stripes", "vertical-stripes", "cross", "ring", "diamond", "diagonal-stripes", "checkerboard"];

    /// <summary>What a generated data set's marker says.</summary>
    public sealed record Description(int Classes, int PerClass, int Height, int Width, int Channels, int Seed);

    /// <summary>
    /// Why <paramref name="folder"/> should not be written into without being told to: it is a file, or a folder that
    /// already holds something (writing would silently mix a new data set's classes into an existing one). Null when
    /// it does not exist or is empty.
    /// </summary>
    public static string? ExistingContentProblem(string folder)
    {
        if (File.Exists(folder))
        {
            return $"{folder}: is a file, not a folder";
        }

        if (!Directory.Exists(folder))
        {
            return null;
        }

        var entries = Directory.EnumerateFileSystemEntries(folder).Take(4).Select(Path.GetFileName).ToArray();
        return entries.Length == 0
            ? null
            : $"{folder}: is not empty (it holds {string.Join(", ", entries.Take(3))}{(entries.Length > 3 ? ", ..." : string.Empty)}); writing would add classes to what is there. Choose an empty or new folder, or pass --force";
    }

    /// <summary>Writes the data set into <paramref name="folder"/> (created if needed); returns the number of images written.</summary>
    /// <summary>The most images per class <see cref="Write"/> makes: a typo such as 2000000000 must not fill the disk.</summary>
    public const int MaxPerClass = 100_000;

    /// <summary>The most pixel values (images x channels x height x width) one call writes: 8 GiB of raw bytes.</summary>
    public const long MaxTotalPixels = 8L << 30;

    public static int Write(string folder, int classes, int perClass, int height, int width, int channels, int seed = 0)
    {
        if (classes < 2 || classes > Kinds.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"the number of classes must be between 2 and {Kinds.Count}");
        }

        if (perClass < 1 || perClass > MaxPerClass)
        {
            throw new ArgumentOutOfRangeException(nameof(perClass), perClass, $"the images per class must be between 1 and {MaxPerClass:N0}");
        }

        if (height < 8 || width < 8 || height > 4096 || width > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"{height}x{width}", "the size must be between 8x8 and 4096x4096");
        }

        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 (grayscale) or 3 (RGB)");
        }

        var pixels = (long)classes * perClass * height * width * channels;
        if (pixels > MaxTotalPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(perClass), perClass,
                $"{classes} classes x {perClass:N0} images of {channels}x{height}x{width} are {pixels:N0} pixel values; at most {MaxTotalPixels:N0} are written (fewer images per class, or a smaller size)");
        }

        Directory.CreateDirectory(folder);
        var written = 0;
        for (var c = 0; c < classes; c++)
        {
            var classFolder = Path.Combine(folder, $"{c:00}-{Kinds[c]}");
            Directory.CreateDirectory(classFolder);
            var classIndex = c;
            Parallel.For(0, perClass, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var random = new Random(unchecked((seed * 1_000_003) + (classIndex * 10_007) + i));
                using var bitmap = Draw(Kinds[classIndex], width, height, channels, random);
                using var image = SKImage.FromBitmap(bitmap);
                using var data = image.Encode(SKEncodedImageFormat.Png, 100);
                using var file = File.Create(Path.Combine(classFolder, $"{i:00000}.png"));
                data.SaveTo(file);
            });
            written += perClass;
        }

        var marker = new Description(classes, perClass, height, width, channels, seed);
        File.WriteAllText(Path.Combine(folder, MarkerFile), JsonSerializer.Serialize(marker, new JsonSerializerOptions { WriteIndented = true }));
        return written;
    }

    /// <summary>The description of a generated data set, or null when the folder was not made by <see cref="Write"/>.</summary>
    public static Description? Describe(string folder)
    {
        var path = Path.Combine(folder, MarkerFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Description>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SKBitmap Draw(string kind, int width, int height, int channels, Random random)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        var (background, foreground) = Colors(random, channels);
        canvas.Clear(background);
        using var paint = new SKPaint { Color = foreground, IsAntialias = true, Style = SKPaintStyle.Fill };
        var side = Math.Min(width, height);
        var size = side * (0.45f + (0.3f * random.NextSingle()));
        var cx = (width - size) * random.NextSingle() + (size / 2);
        var cy = (height - size) * random.NextSingle() + (size / 2);
        var half = size / 2;
        var stroke = Math.Max(1.5f, size / 8);
        switch (kind)
        {
            case "circle":
                canvas.DrawCircle(cx, cy, half, paint);
                break;
            case "square":
                canvas.DrawRect(cx - half, cy - half, size, size, paint);
                break;
            case "triangle":
                using (var path = new SKPath())
                {
                    path.MoveTo(cx, cy - half);
                    path.LineTo(cx + half, cy + half);
                    path.LineTo(cx - half, cy + half);
                    path.Close();
                    canvas.DrawPath(path, paint);
                }

                break;
            case "horizontal-stripes":
                Stripes(canvas, paint, cx - half, cy - half, size, horizontal: true, stroke);
                break;
            case "vertical-stripes":
                Stripes(canvas, paint, cx - half, cy - half, size, horizontal: false, stroke);
                break;
            case "cross":
                canvas.DrawRect(cx - half, cy - (stroke / 2), size, stroke, paint);
                canvas.DrawRect(cx - (stroke / 2), cy - half, stroke, size, paint);
                break;
            case "ring":
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = stroke;
                canvas.DrawCircle(cx, cy, half - (stroke / 2), paint);
                break;
            case "diamond":
                using (var path = new SKPath())
                {
                    path.MoveTo(cx, cy - half);
                    path.LineTo(cx + half, cy);
                    path.LineTo(cx, cy + half);
                    path.LineTo(cx - half, cy);
                    path.Close();
                    canvas.DrawPath(path, paint);
                }

                break;
            case "diagonal-stripes":
                canvas.Save();
                canvas.ClipRect(new SKRect(cx - half, cy - half, cx + half, cy + half));
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = stroke;
                for (var d = -size; d < size; d += stroke * 2.5f)
                {
                    canvas.DrawLine(cx - half + d, cy + half, cx + half + d, cy - half, paint);
                }

                canvas.Restore();
                break;
            case "checkerboard":
                var cell = size / 4;
                for (var r = 0; r < 4; r++)
                {
                    for (var q = 0; q < 4; q++)
                    {
                        if ((r + q) % 2 == 0)
                        {
                            canvas.DrawRect(cx - half + (q * cell), cy - half + (r * cell), cell, cell, paint);
                        }
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown shape");
        }

        canvas.Flush();
        return bitmap;
    }

    private static void Stripes(SKCanvas canvas, SKPaint paint, float left, float top, float size, bool horizontal, float stroke)
    {
        for (var offset = 0f; offset + stroke <= size; offset += stroke * 2)
        {
            if (horizontal)
            {
                canvas.DrawRect(left, top + offset, size, stroke, paint);
            }
            else
            {
                canvas.DrawRect(left + offset, top, stroke, size, paint);
            }
        }
    }

    private static (SKColor Background, SKColor Foreground) Colors(Random random, int channels)
    {
        // Dark background and bright shape (or the reverse), far enough apart in luminance to stay visible in grayscale.
        var dark = (byte)random.Next(0, 80);
        var bright = (byte)random.Next(170, 256);
        var swap = random.Next(4) == 0;
        if (channels == 1)
        {
            var bg = swap ? bright : dark;
            var fg = swap ? dark : bright;
            return (new SKColor(bg, bg, bg), new SKColor(fg, fg, fg));
        }

        SKColor Tint(byte level) => new(
            (byte)Math.Clamp(level + random.Next(-60, 61), 0, 255),
            (byte)Math.Clamp(level + random.Next(-60, 61), 0, 255),
            (byte)Math.Clamp(level + random.Next(-60, 61), 0, 255));
        return swap ? (Tint(bright), Tint(dark)) : (Tint(dark), Tint(bright));
    }

    public static string Summary(Description d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Classes} classes of synthetic shapes, {d.PerClass} per class, {d.Channels}x{d.Height}x{d.Width}, seed {d.Seed}");
}
