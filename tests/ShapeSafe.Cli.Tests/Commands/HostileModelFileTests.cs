using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

/// <summary>
/// Model and .py files built to hurt: an overflowing size, a byte-order mark, the largest file allowed made of reuse
/// lines, a device, a FIFO and a folder. Each ends with a diagnostic or a one-line usage error and exit 1 or 2: no
/// internal error, no hang, no unbounded read.
/// </summary>
public sealed class HostileModelFileTests
{
    [Theory]
    [InlineData("check", "text")]
    [InlineData("check", "json")]
    [InlineData("summary", "text")]
    [InlineData("summary", "json")]
    public void AnOverflowingSizeIsSS0120InEveryFormat(string command, string format)
    {
        using var temp = new TempFolder();
        var path = temp.WriteFile("up.model", "input 1x3x8\nl = nn.Upsample(size=2**62)\n");
        var run = CliRunner.Run(command, path, "--format", format);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SS0120", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Output + run.Error, StringComparison.Ordinal);
        if (format == "json")
        {
            using var doc = JsonDocument.Parse(run.Output);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("files")[0].GetProperty("mult_adds_per_sample").ValueKind);
        }
    }

    [Fact]
    public void SummaryShowsUnknownCostsAsUnknownAndAllCountsInOneFormat()
    {
        using var temp = new TempFolder();
        var path = temp.WriteFile("m.model", "input Nx3xHxW\nconv = nn.Conv2d(3, 16, 3)\npool = nn.AdaptiveAvgPool2d(1)\nflat = nn.Flatten()\nfc = nn.Linear(16, 4096)\n");
        var run = CliRunner.Run("summary", path);
        Assert.Equal(0, run.ExitCode);
        var totals = run.Output.Split('\n').Single(l => l.StartsWith("Mult-adds per sample", StringComparison.Ordinal));
        Assert.EndsWith("?", totals.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("65,536", run.Output, StringComparison.Ordinal); // fc: 16 x 4096, written as every count is
        Assert.DoesNotContain("65.5K", run.Output, StringComparison.Ordinal);

        var json = CliRunner.Run("summary", path, "--format", "json");
        using var doc = JsonDocument.Parse(json.Output);
        var layers = doc.RootElement.GetProperty("files")[0].GetProperty("layers");
        Assert.Equal(JsonValueKind.Null, layers[0].GetProperty("mult_adds").ValueKind);
        Assert.Equal(65536, layers[3].GetProperty("mult_adds").GetInt64());
    }

    [Theory]
    [InlineData("m.model", "input 1x3x8x8\nc = nn.Conv2d(4, 8, 3)\n")]
    [InlineData("m.py", "import torch.nn as nn\n\n# shapesafe: input 1x3x8x8\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(4, 8, 3)\n\n    def forward(self, x):\n        return self.c(x)\n")]
    public void AByteOrderMarkIsIgnored(string name, string text)
    {
        using var temp = new TempFolder();
        var plain = CliRunner.Run("check", temp.WriteFile(name, text));
        var bomPath = temp.Combine("bom-" + name);
        File.WriteAllBytes(bomPath, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        var marked = CliRunner.Run("check", bomPath);
        Assert.Equal(1, marked.ExitCode);
        Assert.Contains("SS0101", marked.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SS0001", marked.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SS0009", marked.Output, StringComparison.Ordinal);
        Assert.Equal(plain.Output.Replace("bom-", string.Empty, StringComparison.Ordinal).Length, marked.Output.Replace("bom-", string.Empty, StringComparison.Ordinal).Length);
    }

    [Fact]
    public void FixKeepsTheFilesByteOrderMark()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("bom.model");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("input 1x3x64x64\nconv = nn.Conv2d(3, 8, 3)\nflat = nn.Flatten()\nfc = nn.Linear(100, 10)\n")]);

        var run = CliRunner.Run("check", "--fix", path);

        Assert.Contains("applied 1 fix(es): set in_features to 30752", run.Error, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("input 1x3x64x64\nconv = nn.Conv2d(3, 8, 3)\nflat = nn.Flatten()\nfc = nn.Linear(30752, 10)\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void TheLargestModelFileOfReuseLinesStopsAtTheLayerLimit()
    {
        using var temp = new TempFolder();
        const string head = "input 1x4\na = nn.ReLU()\n";
        var path = temp.Combine("reuse.model");
        File.WriteAllText(path, head + string.Concat(Enumerable.Repeat("a\n", (ShapeSafe.IO.SourceFile.MaxBytes - head.Length) / 2)));
        Assert.True(new FileInfo(path).Length <= ShapeSafe.IO.SourceFile.MaxBytes);
        var run = CliRunner.Run("check", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[SS0001]", run.Output, StringComparison.Ordinal);
        Assert.Contains("at most 10000 are read", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOverTheLimitIsRefusedBeforeReading()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("big.model");
        using (var f = File.Create(path))
        {
            f.SetLength(ShapeSafe.IO.SourceFile.MaxBytes + 1L);
        }

        var run = CliRunner.Run("check", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("too large for a model file", run.Error + run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero", "too large for a model file")]
    [InlineData("/tmp", "is a folder")]
    public void ADeviceOrAFolderIsAUsageError(string path, string expected)
    {
        if (!Path.Exists(path))
        {
            return;
        }

        var run = CliRunner.Run("check", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error + run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fifo.model")]
    [InlineData("fifo.py")]
    public void AFifoIsRefusedWithoutWaitingForAWriter(string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempFolder();
        var path = temp.Combine(name);
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false }))
        {
            mkfifo!.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = CliRunner.Run("check", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a pipe or socket", run.Error + run.Output, StringComparison.Ordinal);
    }
}
