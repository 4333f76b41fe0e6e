using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Reporting;
using ShapeSafe.Torch.Training;
using SkiaSharp;

namespace ShapeSafe.Tests.Reporting;

public sealed class PlotTests
{
    private static int CountNear(SKBitmap bitmap, SKColor color)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) + Math.Abs(p.Green - color.Green) + Math.Abs(p.Blue - color.Blue) < 30)
                {
                    count++;
                }
            }
        }

        return count;
    }

    [Fact]
    public void CurvesDrawBothSeriesOnTwoPanelsWithText()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("curves.png");
        EpochMetrics[] history = [new(1, 1.2, 0.5, 1.1, 0.55, 900, 3), new(2, 0.8, 0.7, 0.9, 0.65, 950, 3), new(3, 0.5, 0.85, 0.7, 0.75, 940, 3)];

        TrainingCurves.Write(path, "m: training curves", history);

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1200, 500), (bitmap.Width, bitmap.Height));
        Assert.True(CountNear(bitmap, new SKColor(0x1f, 0x77, 0xb4)) > 500, "no training curve drawn");
        Assert.True(CountNear(bitmap, new SKColor(0xff, 0x7f, 0x0e)) > 500, "no validation curve drawn");
        Assert.True(CountNear(bitmap, SKColors.Black) > 200, "no axes or labels drawn");
    }

    [Fact]
    public void TheConfusionPlotShadesTheDiagonalAndNamesTheClasses()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("confusion.png");
        var report = ClassificationReport.From([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2], ["cat", "dog", "bird"], loss: 0.4);

        ConfusionPlot.Write(path, "m", report);

        using var bitmap = SKBitmap.Decode(path);
        Assert.True(bitmap.Width > 200 && bitmap.Height > 200);
        Assert.True(CountNear(bitmap, new SKColor(30, 90, 180)) > 100, "the diagonal is not shaded");
        Assert.True(CountNear(bitmap, SKColors.Black) > 200, "no class names drawn");
    }

    [Fact]
    public void TheReportComputesPrecisionRecallAndF1PerClass()
    {
        var report = ClassificationReport.From([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2], ["cat", "dog", "bird"], loss: 0.4);

        Assert.Equal(5.0 / 6, report.Accuracy, 9);
        Assert.Equal([1.0, 1.0, 2.0 / 3], report.PerClass.Select(c => c.Precision).ToArray(), new ToleranceComparer());
        Assert.Equal([1.0, 0.5, 1.0], report.PerClass.Select(c => c.Recall).ToArray(), new ToleranceComparer());
        Assert.Equal([1.0, 2.0 / 3, 0.8], report.PerClass.Select(c => c.F1).ToArray(), new ToleranceComparer());
        Assert.Equal([2, 2, 2], report.PerClass.Select(c => c.Support));
        Assert.Equal([0, 1, 1], report.Confusion[1]);
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
