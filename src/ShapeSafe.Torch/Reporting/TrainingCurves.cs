using System.Globalization;
using ShapeSafe.Torch.Training;
using SkiaSharp;

namespace ShapeSafe.Torch.Reporting;

/// <summary>
/// curves.png: two panels side by side, loss and accuracy per epoch, each with the training and
/// validation curves, axes with ticks and numbers, axis labels and a legend.
/// </summary>
public static class TrainingCurves
{
    public const string FileName = "curves.png";

    private static readonly SKColor TrainColor = new(0x1f, 0x77, 0xb4);
    private static readonly SKColor ValColor = new(0xff, 0x7f, 0x0e);

    public static void Write(string path, string title, IReadOnlyList<EpochMetrics> history)
    {
        using var surface = SKSurface.Create(new SKImageInfo(1200, 500));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var titleFont = PlotFonts.Create(20))
        using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.DrawText(title, 600, 26, SKTextAlign.Center, titleFont, ink);
        }

        var epochs = history.Select(m => (double)m.Epoch).ToArray();
        Panel(canvas, new SKRect(80, 70, 570, 430), "loss", epochs,
            history.Select(m => m.TrainLoss).ToArray(), history.Select(m => m.ValLoss).ToArray(), fixedRange: null);
        Panel(canvas, new SKRect(680, 70, 1170, 430), "accuracy", epochs,
            history.Select(m => m.TrainAccuracy).ToArray(), history.Select(m => m.ValAccuracy).ToArray(), fixedRange: (0, 1));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        MetricsFiles.WriteAtomically(path, png.SaveTo);
    }

    private static void Panel(SKCanvas canvas, SKRect area, string name, double[] x, double[] train, double[] val, (double Min, double Max)? fixedRange)
    {
        using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 1.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var grid = new SKPaint { Color = new SKColor(0xe0, 0xe0, 0xe0), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = PlotFonts.Create(13);
        using var labelFont = PlotFonts.Create(15);

        var xMin = x.Length == 0 ? 1 : x.Min();
        var xMax = x.Length == 0 ? 1 : x.Max();
        if (xMax - xMin < 1)
        {
            xMin -= 0.5;
            xMax += 0.5;
        }

        var finite = train.Concat(val).Where(double.IsFinite).ToArray();
        var (yMin, yMax) = fixedRange ?? (finite.Length == 0 ? (0, 1) : (Math.Min(0, finite.Min()), finite.Max() * 1.05));
        if (yMax - yMin < 1e-9)
        {
            yMax = yMin + 1;
        }

        float Px(double v) => area.Left + (float)((v - xMin) / (xMax - xMin) * area.Width);
        float Py(double v) => area.Bottom - (float)((v - yMin) / (yMax - yMin) * area.Height);

        // Y ticks: 5 intervals, with grid lines and numbers.
        for (var i = 0; i <= 5; i++)
        {
            var v = yMin + ((yMax - yMin) * i / 5);
            var py = Py(v);
            canvas.DrawLine(area.Left, py, area.Right, py, grid);
            canvas.DrawLine(area.Left - 5, py, area.Left, py, axis);
            canvas.DrawText(v.ToString(yMax - yMin < 0.1 ? "0.000" : "0.00", CultureInfo.InvariantCulture), area.Left - 8, py + 4, SKTextAlign.Right, font, ink);
        }

        // X ticks: every epoch, or every k-th when there are many.
        var step = Math.Max(1, (int)Math.Ceiling((xMax - xMin) / 10));
        for (var e = (int)Math.Ceiling(xMin); e <= xMax; e += step)
        {
            var px = Px(e);
            canvas.DrawLine(px, area.Bottom, px, area.Bottom + 5, axis);
            canvas.DrawText(e.ToString(CultureInfo.InvariantCulture), px, area.Bottom + 20, SKTextAlign.Center, font, ink);
        }

        canvas.DrawLine(area.Left, area.Top, area.Left, area.Bottom, axis);
        canvas.DrawLine(area.Left, area.Bottom, area.Right, area.Bottom, axis);
        canvas.DrawText("epoch", area.MidX, area.Bottom + 45, SKTextAlign.Center, labelFont, ink);
        canvas.Save();
        canvas.RotateDegrees(-90, area.Left - 55, area.MidY);
        canvas.DrawText(name, area.Left - 55, area.MidY, SKTextAlign.Center, labelFont, ink);
        canvas.Restore();

        Series(canvas, x, train, TrainColor, Px, Py);
        Series(canvas, x, val, ValColor, Px, Py);

        // Legend above the panel, so it never hides a curve.
        var lx = area.Left;
        foreach (var (label, color) in new[] { ($"train {name}", TrainColor), ($"validation {name}", ValColor) })
        {
            using var line = new SKPaint { Color = color, StrokeWidth = 3, IsAntialias = true };
            canvas.DrawLine(lx, area.Top - 14, lx + 25, area.Top - 14, line);
            canvas.DrawText(label, lx + 32, area.Top - 10, SKTextAlign.Left, font, ink);
            lx += 50 + font.MeasureText(label);
        }
    }

    private static void Series(SKCanvas canvas, double[] x, double[] y, SKColor color, Func<double, float> px, Func<double, float> py)
    {
        using var line = new SKPaint { Color = color, StrokeWidth = 2.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var dot = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        SKPoint? previous = null;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(y[i]))
            {
                previous = null;
                continue;
            }

            var point = new SKPoint(px(x[i]), py(y[i]));
            if (previous is { } p)
            {
                canvas.DrawLine(p, point, line);
            }

            canvas.DrawCircle(point, 4, dot);
            previous = point;
        }
    }
}
