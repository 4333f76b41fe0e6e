using System.Text.Json;
using ShapeSafe.Interop;
using ShapeSafe.Onnx.Runtime;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary>
/// <c>export --to onnx</c>, and <c>run</c> and <c>predict</c> on the .onnx file: the same numbers, classes and output
/// format as the checkpoint on TorchSharp; refusals and bad input are one line and a non-zero exit.
/// </summary>
public sealed class OnnxCommandTests(OnnxExports exports) : IClassFixture<OnnxExports>
{
    public static TheoryData<string> Kinds() => ["rgb", "gray"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExportWritesTheModelAtomicallyAndSaysHowToServeIt(string kind)
    {
        var (export, onnx) = kind == "rgb" ? (exports.RgbExport, exports.RgbOnnx) : (exports.GrayExport, exports.GrayOnnx);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.Contains($"wrote {onnx}: ONNX opset 17", export.Output, StringComparison.Ordinal);
        Assert.Contains("shapesafe predict", export.Output, StringComparison.Ordinal);
        Assert.True(new FileInfo(onnx).Length > 0);
        // Written atomically: no temporary file is left next to it.
        Assert.Equal(["a.png", "b.png", "c.jpg", "gray.ckpt", "gray.onnx", "rgb.ckpt", "rgb.onnx"],
            Directory.GetFileSystemEntries(exports.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheMetadataTravels()
    {
        using var model = OnnxModel.Load(exports.RgbOnnx);
        var meta = OnnxServingMetadata.Read(model);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], meta.ClassNames);
        Assert.Equal(OnnxExports.RgbNormalization.Mean, meta.Mean);
        Assert.Equal(OnnxExports.RgbNormalization.Std, meta.Std);
        Assert.Equal((3, 12, 12), (meta.Channels, meta.Height, meta.Width));
        Assert.Equal([-1L, 3, 12, 12], model.InputShape);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PredictThroughOnnxGivesTheCheckpointsClassesAndProbabilities(string kind)
    {
        var (checkpoint, onnx) = kind == "rgb" ? (exports.RgbCheckpoint, exports.RgbOnnx) : (exports.GrayCheckpoint, exports.GrayOnnx);
        string[] options = ["--top", "4", "--format", "json"];
        var torch = CliRunner.Run(["predict", checkpoint, .. exports.Images, .. options]);
        var ort = CliRunner.Run(["predict", onnx, .. exports.Images, .. options]);
        Assert.True(torch.ExitCode == 0, torch.Error);
        Assert.True(ort.ExitCode == 0, ort.Error);
        using var a = JsonDocument.Parse(torch.Output);
        using var b = JsonDocument.Parse(ort.Output);
        var pa = a.RootElement.GetProperty("predictions").EnumerateArray().ToArray();
        var pb = b.RootElement.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(exports.Images.Length, pb.Length);
        for (var i = 0; i < pa.Length; i++)
        {
            Assert.Equal(pa[i].GetProperty("image").GetString(), pb[i].GetProperty("image").GetString());
            var ta = pa[i].GetProperty("top").EnumerateArray().ToArray();
            var tb = pb[i].GetProperty("top").EnumerateArray().ToArray();
            Assert.Equal(4, tb.Length);
            Assert.Equal(ta[0].GetProperty("class").GetString(), tb[0].GetProperty("class").GetString());
            Assert.Equal(ta[0].GetProperty("index").GetInt32(), tb[0].GetProperty("index").GetInt32());
            for (var j = 0; j < ta.Length; j++)
            {
                var byIndex = tb.SingleOrDefault(t => t.GetProperty("index").GetInt32() == ta[j].GetProperty("index").GetInt32());
                var probability = ta[j].GetProperty("probability").GetDouble();
                Assert.True(Math.Abs(probability - (byIndex.ValueKind == JsonValueKind.Undefined ? 0 : byIndex.GetProperty("probability").GetDouble())) <= 1e-4,
                    $"{kind} image {i} class {ta[j].GetProperty("class")}: {torch.Output} vs {ort.Output}");
            }
        }

        var text = CliRunner.Run(["predict", onnx, exports.Images[0]]);
        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"^.*a\.png: c\d+ \d+\.\d%, c\d+ \d+\.\d%, c\d+ \d+\.\d%\n$", text.Output);
    }

    [Fact]
    public void RunOnTheOnnxModelMatchesRunOnTheCheckpoint()
    {
        using var folder = new TempFolder();
        var input = NpyInputs.Write(folder.Combine("x.npy"), [3, 1, 28, 28]);
        var torch = CliRunner.Run("run", exports.GrayCheckpoint, "--input", input, "--output", folder.Combine("a.npy"));
        var ort = CliRunner.Run("run", exports.GrayOnnx, "--input", input, "--output", folder.Combine("b.npy"));
        Assert.True(torch.ExitCode == 0, torch.Error);
        Assert.True(ort.ExitCode == 0, ort.Error);
        Assert.Contains("float32 (3, 10)", ort.Output, StringComparison.Ordinal);
        Assert.Contains("ONNX Runtime", ort.Output, StringComparison.Ordinal);
        Assert.Equal([3L, 10L], NpyFile.Read(folder.Combine("b.npy")).Shape);
        Assert.True(NpyInputs.MaxDifference(folder.Combine("a.npy"), folder.Combine("b.npy")) < 1e-4);
    }

    public static TheoryData<string[], int, string> BadOnnxCalls() => new()
    {
        { ["run", "{onnx}", "--input", "{x:2x3x28x28}", "--output", "{y}"], 1, "dimension 1 must be 1" },
        { ["run", "{onnx}", "--input", "{x:1x28x28}", "--output", "{y}"], 1, "(3 dimensions)" },
        { ["run", "{onnx}", "--input", "{x:1x1x28x28}", "--output", "{y}", "--output", "{z.npy}"], 2, "so it takes 1 --output; 2 were given" },
        { ["run", "{onnx}", "--input", "{x:1x1x28x28}", "--output", "{y}", "--device", "cuda"], 2, "ONNX Runtime's CPU provider" },
        { ["run", "{onnx}", "--input", "{x:1x1x28x28}", "--output", "{y}", "--weights", "w.pt"], 2, "--weights is for model files" },
        { ["run", "{onnx}", "--input", "{x:1x1x28x28}", "--output", "{y}", "--seed", "3"], 2, "--seed is for model files" },
        { ["run", "{bad.onnx}", "--input", "{x:1x1x28x28}", "--output", "{y}"], 1, "ONNX Runtime cannot load it" },
        { ["run", "{missing.onnx}", "--input", "{x:1x1x28x28}", "--output", "{y}"], 1, "no such file" },
        { ["predict", "{onnx}", "{missing.png}"], 1, "does not exist" },
        { ["predict", "{onnx}", "{bad.onnx}"], 1, "does not decode as an image" },
        { ["predict", "{onnx}", "{image}", "--top", "0"], 2, "--top must be between 1" },
        { ["predict", "{onnx}", "{image}", "--libtorch", "/x"], 2, "--libtorch is for checkpoints" },
        { ["predict", "{bad.onnx}", "{image}"], 1, "ONNX Runtime cannot load it" },
    };

    [Theory]
    [MemberData(nameof(BadOnnxCalls))]
    public void BadOnnxCallsAreOneLineAndWriteNothing(string[] args, int exit, string message)
    {
        using var folder = new TempFolder();
        folder.WriteFile("bad.onnx", "not a protobuf");
        var resolved = args.Select(a => a switch
        {
            "{onnx}" => exports.GrayOnnx,
            "{y}" => folder.Combine("y.npy"),
            "{image}" => exports.Images[0],
            _ when a.StartsWith("{x:", StringComparison.Ordinal) => NpyInputs.Write(folder.Combine("x.npy"), [.. a[3..^1].Split('x').Select(long.Parse)]),
            _ when a.StartsWith('{') => folder.Combine(a[1..^1]),
            _ => a,
        }).ToArray();
        var run = CliRunner.Run(resolved);
        Assert.True(run.ExitCode == exit, run.Output + run.Error);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("y.npy")));
    }

    [Fact]
    public void ARefusedExportIsSS0250AndWritesNothing()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.Combine("batchstats.ckpt");
        CliCheckpoints.Write(checkpoint, "input Nx3x8x8\nconv = nn.Conv2d(3, 4, 3, padding=1)\nbn = nn.BatchNorm2d(4, track_running_stats=False)\npool = nn.AdaptiveAvgPool2d(3)\nflatten = nn.Flatten()\nfc = nn.Linear(36, 5)\n",
            channels: 3, size: 8, classes: 5, seed: 1);
        var onnx = folder.Combine("m.onnx");
        var run = CliRunner.Run("export", checkpoint, "--to", "onnx", onnx);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[SS0250]", run.Error, StringComparison.Ordinal);
        Assert.Contains("bn (BatchNorm2d)", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", run.Error, StringComparison.Ordinal);
        Assert.Equal(["batchstats.ckpt"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [OnnxPythonFact]
    public void TheExportedModelPassesOnnxsFullCheck()
    {
        foreach (var onnx in new[] { exports.RgbOnnx, exports.GrayOnnx })
        {
            var check = OnnxPythonFactAttribute.Check("-c", "import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('ok')", onnx);
            Assert.True(check.ExitCode == 0, check.Output);
            Assert.Contains("ok", check.Output, StringComparison.Ordinal);
        }
    }
}
