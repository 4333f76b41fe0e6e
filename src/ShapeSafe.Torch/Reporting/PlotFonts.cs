using SkiaSharp;

namespace ShapeSafe.Torch.Reporting;

/// <summary>
/// The typeface for plot text. SkiaSharp's Linux "no dependencies" build has no font lookup, so
/// a font file is found directly: DejaVu Sans or Liberation Sans where installed, else any TrueType
/// font under the usual font folders, else Skia's default.
/// </summary>
internal static class PlotFonts
{
    private static readonly Lazy<SKTypeface> Shared = new(Find);

    public static SKTypeface Typeface => Shared.Value;

    public static SKFont Create(float size) => new(Typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private static SKTypeface Find()
    {
        string[] preferred =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/System/Library/Fonts/Helvetica.ttc",
            @"C:\Windows\Fonts\arial.ttf",
        ];
        foreach (var path in preferred.Where(File.Exists))
        {
            if (SKTypeface.FromFile(path) is { } face)
            {
                return face;
            }
        }

        foreach (var root in new[] { "/usr/share/fonts", "/usr/local/share/fonts" }.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(root, "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (SKTypeface.FromFile(path) is { } face)
                {
                    return face;
                }
            }
        }

        return SKTypeface.Default;
    }
}
