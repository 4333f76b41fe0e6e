using System.Globalization;
using ShapeSafe.Torch.Training;
using SkiaSharp;

namespace ShapeSafe.Torch.Reporting;

/// <summary>
/// confusion.png: the confusion matrix as a grid (rows: true class, columns: predicted class),
/// each cell shaded by its share of the row and labeled with its count, class names on both axes.
/// </summary>
public static class ConfusionPlot
{
    public const string FileName = "confusion.png";

    public static void Write(string path, string title, ClassificationReport report)
    {
        var k = report.ClassNames.Count;
        var cell = Math.Clamp(560 / Math.Max(k, 1), 28, 80);
        using var measureFont = PlotFonts.Create(13);
        var nameWidth = report.ClassNames.Max(n => measureFont.MeasureText(n)) + 20;
        var left = 60 + nameWidth;
        var top = 70 + nameWidth;
        var width = (int)(left + (k * cell) + 40);
        var height = (int)(top + (k * cell) + 60);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = PlotFonts.Create(13);
        using var titleFont = PlotFonts.Create(18);
        using var labelFont = PlotFonts.Create(15);
        canvas.DrawText($"{title}: accuracy {(report.Accuracy * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"} on {report.Count} images", width / 2f, 28, SKTextAlign.Center, titleFont, ink);

        for (var r = 0; r < k; r++)
        {
            var rowTotal = Math.Max(1, report.Confusion[r].Sum());
            for (var c = 0; c < k; c++)
            {
                var count = report.Confusion[r][c];
                var share = (float)count / rowTotal;
                var x = left + (c * cell);
                var y = top + (r * cell);
                using var fill = new SKPaint { Color = Shade(share, r == c), Style = SKPaintStyle.Fill };
                canvas.DrawRect(x, y, cell, cell, fill);
                using var text = new SKPaint { Color = share > 0.55f ? SKColors.White : SKColors.Black, IsAntialias = true };
                canvas.DrawText(count.ToString(CultureInfo.InvariantCulture), x + (cell / 2f), y + (cell / 2f) + 5, SKTextAlign.Center, font, text);
            }
        }

        using var border = new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(left, top, k * cell, k * cell, border);

        for (var i = 0; i < k; i++)
        {
            canvas.DrawText(report.ClassNames[i], left - 8, top + (i * cell) + (cell / 2f) + 5, SKTextAlign.Right, font, ink);
            canvas.Save();
            var cx = left + (i * cell) + (cell / 2f) + 5;
            canvas.RotateDegrees(-90, cx, top - 8);
            canvas.DrawText(report.ClassNames[i], cx, top - 8, SKTextAlign.Left, font, ink);
            canvas.Restore();
        }

        canvas.DrawText("predicted class", left + (k * cell / 2f), top + (k * cell) + 35, SKTextAlign.Center, labelFont, ink);
        canvas.Save();
        canvas.RotateDegrees(-90, 25, top + (k * cell / 2f));
        canvas.DrawText("true class", 25, top + (k * cell / 2f), SKTextAlign.Center, labelFont, ink);
        canvas.Restore();

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        MetricsFiles.WriteAtomically(path, png.SaveTo);
    }

    private static SKColor Shade(float share, bool diagonal)
    {
        // White to blue on the diagonal (right), white to red off it (confusions).
        var t = Math.Clamp(share, 0, 1);
        return diagonal
            ? new SKColor((byte)(255 - (t * 225)), (byte)(255 - (t * 165)), (byte)(255 - (t * 75)))
            : new SKColor((byte)(255 - (t * 55)), (byte)(255 - (t * 215)), (byte)(255 - (t * 215)));
    }
}
