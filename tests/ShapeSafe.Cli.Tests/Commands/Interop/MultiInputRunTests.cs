using System.Diagnostics;
using System.Text.Json;
using ShapeSafe.Interop;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary>
/// <c>shapesafe run MODEL.py --input A.npy --input B.npy --output Y1.npy --output Y2.npy</c>: one .npy per forward parameter
/// (integer inputs keep their type: token ids for Embedding), one output file per returned tensor (int64 argmax outputs
/// stay int64), and clear errors when either count does not fit; against PyTorch (tests/corpus/parity.py) for kim_cnn
/// (int64 token ids) and a two-input, two-output model.
/// </summary>
public sealed class MultiInputRunTests
{
    private static string TwoInputs => Path.Combine(CliRunner.RepoRoot, "tests", "corpus", "runtime", "two_inputs_ok.py");

    [Fact]
    public void TwoInputsAndTwoOutputsRunWithFreshWeightsAndTheArgmaxStaysInt64()
    {
        using var folder = new TempFolder();
        var image = NpyInputs.Write(folder.Combine("image.npy"), [4, 3, 8, 8]);
        var features = NpyInputs.Write(folder.Combine("features.npy"), [4, 6]);

        var run = CliRunner.Run("run", TwoInputs, "--input", image, "--input", features, "--output", folder.Combine("logits.npy"), "--output", folder.Combine("classes.npy"));

        Assert.True(run.ExitCode == 0, run.Error);
        var logits = NpyFile.Read(folder.Combine("logits.npy"));
        var classes = NpyFile.Read(folder.Combine("classes.npy"));
        Assert.Equal(TensorDType.Float32, logits.DType);
        Assert.Equal([4L, 5L], logits.Shape);
        Assert.Equal(TensorDType.Int64, classes.DType);
        Assert.Equal([4L], classes.Shape);
        Assert.Contains("classes.npy: int64 (4,)", run.Output, StringComparison.Ordinal);
        Assert.Contains("logits.npy: float32 (4, 5)", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string[], string> CountMismatches => new()
    {
        { "one input of two", ["image"], ["a", "b"], "forward(image, features)" },
        { "three inputs of two", ["image", "features", "features"], ["a", "b"], "forward(image, features)" },
        { "one output of two", ["image", "features"], ["a"], "returns 2 outputs ((4, 5), (4,)) but 1 --output file was given" },
        { "three outputs of two", ["image", "features"], ["a", "b", "c"], "returns 2 outputs ((4, 5), (4,)) but 3 --output files were given" },
    };

    [Theory]
    [MemberData(nameof(CountMismatches))]
    public void ACountThatDoesNotFitForwardIsAClearErrorAndWritesNothing(string what, string[] inputs, string[] outputs, string message)
    {
        using var folder = new TempFolder();
        var files = new Dictionary<string, string>
        {
            ["image"] = NpyInputs.Write(folder.Combine("image.npy"), [4, 3, 8, 8]),
            ["features"] = NpyInputs.Write(folder.Combine("features.npy"), [4, 6]),
        };
        var args = new List<string> { "run", TwoInputs };
        args.AddRange(inputs.SelectMany(i => new[] { "--input", files[i] }));
        args.AddRange(outputs.SelectMany(o => new[] { "--output", folder.Combine(o + ".npy") }));

        var run = CliRunner.Run([.. args]);

        Assert.True(run.ExitCode == 1, what + ": " + run.Error);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.All(outputs, o => Assert.False(File.Exists(folder.Combine(o + ".npy")), what));
    }

    [Fact]
    public void ASecondInputOfTheWrongShapeIsTheCheckersDiagnosticAndNothingRuns()
    {
        using var folder = new TempFolder();
        var image = NpyInputs.Write(folder.Combine("image.npy"), [4, 3, 8, 8]);
        var features = NpyInputs.Write(folder.Combine("features.npy"), [4, 7]);

        var run = CliRunner.Run("run", TwoInputs, "--input", image, "--input", features, "--output", folder.Combine("a.npy"), "--output", folder.Combine("b.npy"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("two_inputs_ok.py:16:", run.Error, StringComparison.Ordinal);
        Assert.Contains("features.npy (shape (4, 7)) do not fit", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("a.npy")));
    }

    [Fact]
    public void AModelFileGivenTwoInputsIsAClearError()
    {
        using var folder = new TempFolder();
        var x = NpyInputs.Write(folder.Combine("x.npy"), [2, 1, 28, 28]);

        var run = CliRunner.Run("run", CliRunner.Example("seed_fixed.model"), "--input", x, "--input", x, "--output", folder.Combine("y.npy"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("takes one input; 2 --input files were given", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("y.npy")));
    }

    [PyTorchTheory]
    [InlineData("python/kim_cnn_ok.py")]
    [InlineData("runtime/two_inputs_ok.py")]
    public void TheRunGivesPyTorchsOutputsWithTheirTypes(string file)
    {
        using var folder = new TempFolder();
        var (weights, inputs, expected) = Parity(folder, file);
        var args = new List<string> { "run", Path.Combine(CliRunner.RepoRoot, "tests", "corpus", file), "--weights", weights };
        args.AddRange(inputs.SelectMany(i => new[] { "--input", i }));
        var outputs = expected.Select((_, i) => folder.Combine($"y{i}.npy")).ToList();
        args.AddRange(outputs.SelectMany(o => new[] { "--output", o }));

        var run = CliRunner.Run([.. args]);

        Assert.True(run.ExitCode == 0, run.Error);
        for (var i = 0; i < expected.Count; i++)
        {
            var want = NpyFile.Read(expected[i]);
            var got = NpyFile.Read(outputs[i]);
            Assert.Equal(want.DType, got.DType);
            Assert.Equal(want.Shape, got.Shape);
            if (want.DType == TensorDType.Int64)
            {
                Assert.Equal(want.Data, got.Data);
                continue;
            }

            var largest = want.ToFloats().Select(v => Math.Abs((double)v)).Max();
            Assert.InRange(NpyInputs.MaxDifference(expected[i], outputs[i]), 0, 1e-5 * Math.Max(1, largest));
        }
    }

    /// <summary>Runs tests/corpus/parity.py on one corpus model: its state_dict.pt, and its inputs and eval outputs as .npy of their types.</summary>
    private static (string Weights, List<string> Inputs, List<string> Outputs) Parity(TempFolder folder, string file)
    {
        var start = new ProcessStartInfo(PyTorchSide.Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(CliRunner.RepoRoot, "tests", "corpus", "parity.py"), folder.Path, file })
        {
            start.ArgumentList.Add(a);
        }

        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            process.WaitForExit(120_000);
            Assert.True(process.ExitCode == 0, errors.Result);
        }

        var dir = folder.Combine(Path.GetFileNameWithoutExtension(file));
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")));
        var inputs = meta.RootElement.GetProperty("inputs").EnumerateArray()
            .Select((e, i) => Save($"input{i}", Shape(e.GetProperty("shape")), e.GetProperty("dtype").GetString()!)).ToList();
        var dtypes = meta.RootElement.GetProperty("output_dtypes").EnumerateArray().Select(d => d.GetString()!).ToList();
        var outputs = meta.RootElement.GetProperty("outputs").EnumerateArray().Select((e, i) => Save($"output{i}", Shape(e), dtypes[i])).ToList();
        return (Path.Combine(dir, "state_dict.pt"), inputs, outputs);

        string Save(string name, long[] shape, string dtype)
        {
            var path = folder.Combine(name + ".npy");
            NpyFile.Write(path, new NpyArray(dtype == "int64" ? TensorDType.Int64 : TensorDType.Float32, shape, File.ReadAllBytes(Path.Combine(dir, name + ".bin"))));
            return path;
        }

        static long[] Shape(JsonElement e) => [.. e.EnumerateArray().Select(d => d.GetInt64())];
    }
}
