using System.CommandLine;
using System.Globalization;
using ShapeSafe.IO;
using ShapeSafe.Torch.Data;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe make-data DIR [--classes N] [--per-class N] [--size HxW] [--channels C] [--seed N]</c>:
/// writes a synthetic image-folder data set of simple shapes, so training can be tried where no
/// real data set is installed.
/// </summary>
public static class MakeDataCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "The folder to write the data set into (one subfolder per class)." };
        var classes = new Option<int>("--classes") { Description = "Number of classes, each a kind of shape (circle, square, triangle, stripes, cross, ring, diamond, checkerboard, ...).", DefaultValueFactory = _ => 4 };
        var perClass = new Option<int>("--per-class") { Description = "Images per class.", DefaultValueFactory = _ => 200 };
        var size = new Option<string>("--size") { Description = "Image size HxW, e.g. 64x64.", DefaultValueFactory = _ => "64x64" };
        var channels = new Option<int>("--channels") { Description = "1 (grayscale) or 3 (RGB).", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random shapes, positions and colors.", DefaultValueFactory = _ => 0 };
        var force = new Option<bool>("--force") { Description = "Write into a folder that is not empty (its contents stay; classes of the same name get more images)." };
        var command = new Command("make-data", "Write a synthetic image-folder data set of simple shapes (circles, squares, triangles, stripes, ...).")
        {
            folder, classes, perClass, size, channels, seed, force,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var sizeText = parse.GetValue(size)!;
            if (!TryParseSize(sizeText, out var height, out var width))
            {
                error.WriteLine($"error: --size '{sizeText}' is not HxW with positive sizes, e.g. 64x64");
                return 2;
            }

            var dir = parse.GetValue(folder)!;
            if (!parse.GetValue(force) && SyntheticShapes.ExistingContentProblem(dir) is { } existing)
            {
                error.WriteLine($"error: {PrintableText.Escape(existing)}");
                return 2;
            }

            try
            {
                var written = SyntheticShapes.Write(dir, parse.GetValue(classes), parse.GetValue(perClass), height, width, parse.GetValue(channels), parse.GetValue(seed));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {written} generated images ({parse.GetValue(classes)} classes x {parse.GetValue(perClass)}, {parse.GetValue(channels)}x{height}x{width}) to {dir}"));
                return 0;
            }
            catch (ArgumentOutOfRangeException e)
            {
                error.WriteLine($"error: {e.Message.Split(Environment.NewLine)[0]}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot write {dir}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static bool TryParseSize(string text, out int height, out int width)
    {
        height = width = 0;
        var parts = text.Split('x', 'X');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && height > 0 && width > 0;
    }
}
