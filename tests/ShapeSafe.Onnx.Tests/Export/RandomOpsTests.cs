using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Runtime;
using ShapeSafe.Onnx.Tests.TestSupport;
using Google.Protobuf;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// Random sampling in forward: torch.randn_like/rand_like export as RandomNormalLike/RandomUniformLike, torch.randn/rand
/// as RandomNormal/RandomUniform (a fixed shape) or from the input's batch at run time (a batch-sized shape), all float32.
/// conv_vae's deterministic outputs (mu, logvar) equal TorchSharp's to 1e-4 and its sampled reconstruction has the right
/// shape with values in (0, 1); the samples themselves have PyTorch's distribution (mean and standard deviation).
/// </summary>
public sealed class RandomOpsTests
{
    /// <summary>The corpus models whose outputs depend on random sampling: tested here, not by <see cref="ParityTests"/>.</summary>
    public static readonly IReadOnlySet<string> Files = new HashSet<string>(StringComparer.Ordinal) { "tests/corpus/python/conv_vae_ok.py" };

    public static TheoryData<string, string, string, double, double> Samples => new()
    {
        { "randn_like", "RandomNormalLike", "pass|y = torch.randn_like(x)|return y", 0.0, 1.0 },
        { "rand_like", "RandomUniformLike", "pass|y = torch.rand_like(x)|return y", 0.5, Math.Sqrt(1.0 / 12) },
        { "randn_fixed_shape", "RandomNormal", "pass|y = x * 0 + torch.randn(64, 64)|return y", 0.0, 1.0 },
        { "rand_batch_sized", "RandomUniformLike", "pass|y = torch.rand(x.size(0), 64, 64)|return y", 0.5, Math.Sqrt(1.0 / 12) },
        { "randn_batch_sized_float32", "RandomNormalLike", "pass|y = torch.randn(x.size(0), 4096, dtype=torch.float32)|return y.view(-1, 64, 64)", 0.0, 1.0 },
    };

    [Fact]
    public void ConvVaeGivesTorchSharpsMeanAndLogVarianceAndASampleInTheUnitInterval()
    {
        const string file = "tests/corpus/python/conv_vae_ok.py";
        Assert.Contains(file, Models.All);
        var (reference, why) = Models.Take(file);
        Assert.True(reference is not null, why);
        using var model = reference;

        var export = OnnxExporter.Export(model.Check.Graph!, model.Weights());

        Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));
        Assert.Contains(export.Model!.Graph.Node, n => n.OpType == "RandomNormalLike");
        Parity.Assert(model, export.Model!, file, new Dictionary<int, Action<float[]>>
        {
            [0] = values => Assert.All(values, v => Assert.InRange(v, float.Epsilon, 1 - 1e-7f)),
        });
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void SamplesHavePyTorchsDistribution(string name, string op, string lines, double mean, double deviation)
    {
        var (model, exported) = InlineModelParity.Export(name, "Nx64x64", lines);
        using (model)
        {
            Assert.Contains(exported.Graph.Node, n => n.OpType == op);
        }

        using var folder = new TempFolder();
        var path = folder.File(name + ".onnx");
        File.WriteAllBytes(path, exported.ToByteArray());
        using var onnx = OnnxModel.Load(path);
        foreach (var batch in new long[] { 1, 3 })
        {
            var output = Assert.Single(onnx.RunAll(new float[batch * 64 * 64], [batch, 64, 64]));
            Assert.Equal([batch, 64, 64], output.Shape);
            var average = output.Data.Average(v => (double)v);
            var spread = Math.Sqrt(output.Data.Average(v => (v - average) * (v - average)));
            // Five standard errors of the sample mean and of the sample deviation, counting only the 64 x 64 samples every
            // case draws independently (a fixed-shape draw is broadcast over the batch): a false failure about once in a
            // million runs.
            const int count = 64 * 64;
            Assert.True(Math.Abs(average - mean) < 5 * deviation / Math.Sqrt(count), $"{name} at batch {batch}: mean {average:G4} of {count} samples, expected {mean}");
            Assert.True(Math.Abs(spread - deviation) < 5 * Math.Max(deviation, 0.5) / Math.Sqrt(2.0 * count), $"{name} at batch {batch}: standard deviation {spread:G4} of {count} samples, expected {deviation:G4}");
            if (op.StartsWith("RandomUniform", StringComparison.Ordinal))
            {
                Assert.All(output.Data, v => Assert.InRange(v, 0f, 1f));
            }
        }
    }

    /// <summary>
    /// F.dropout's training defaults to True, so PyTorch drops at random even in eval mode, and so does the export,
    /// the same way (each value zeroed with probability p, the rest scaled by 1 / (1 - p)); training=False is the identity.
    /// </summary>
    [Fact]
    public void FunctionalDropoutByDefaultDropsAtRandomAsPyTorchDoes()
    {
        var (model, exported) = InlineModelParity.Export("dropout_default", "Nx64x64", "pass|y = F.dropout(x * 0 + 1, 0.25) + F.dropout(x, 0.5, training=False) - x|return y");
        using (model)
        {
            Assert.Single(exported.Graph.Node, n => n.OpType == "RandomUniformLike");
        }

        using var folder = new TempFolder();
        var path = folder.File("dropout.onnx");
        File.WriteAllBytes(path, exported.ToByteArray());
        using var onnx = OnnxModel.Load(path);
        var output = Assert.Single(onnx.RunAll(new float[2 * 64 * 64], [2, 64, 64]));
        Assert.All(output.Data, v => Assert.True(v == 0f || Math.Abs(v - (1 / 0.75f)) < 1e-5f, $"{v} is neither dropped nor scaled by 1 / (1 - p)"));
        var dropped = output.Data.Count(v => v == 0f) / (double)output.Data.Length;
        Assert.InRange(dropped, 0.25 - (5 * Math.Sqrt(0.25 * 0.75 / output.Data.Length)), 0.25 + (5 * Math.Sqrt(0.25 * 0.75 / output.Data.Length)));
    }
}
