using ShapeSafe.Checking;
using ShapeSafe.Interop;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Runtime;
using TorchSharp;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary>
/// <c>run MODEL.onnx</c> on a model whose forward returns a tuple (LeNet-5's logits and softmax probabilities) writes one
/// .npy per --output, in the tuple's order, and refuses another number of --output.
/// </summary>
public sealed class OnnxTupleRunTests
{
    [Fact]
    public void EveryOutputOfATupleIsWrittenToItsOwnFile()
    {
        using var folder = new TempFolder();
        var onnx = Export(folder.Combine("lenet5.onnx"));
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 1, 28, 28]);

        var run = CliRunner.Run("run", onnx, "--input", input, "--output", folder.Combine("logits.npy"), "--output", folder.Combine("probs.npy"));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var logits = NpyFile.Read(folder.Combine("logits.npy"));
        var probs = NpyFile.Read(folder.Combine("probs.npy"));
        Assert.Equal([2L, 10L], logits.Shape);
        Assert.Equal([2L, 10L], probs.Shape);
        var l = logits.ToFloats();
        var p = probs.ToFloats();
        for (var row = 0; row < 2; row++)
        {
            // The second output is softmax of the first: each row sums to 1 and follows the logits' exponentials.
            var max = l.Skip(row * 10).Take(10).Max();
            var sum = l.Skip(row * 10).Take(10).Sum(v => Math.Exp(v - max));
            for (var c = 0; c < 10; c++)
            {
                Assert.Equal(Math.Exp(l[(row * 10) + c] - max) / sum, p[(row * 10) + c], 1e-5);
            }
        }

        var one = CliRunner.Run("run", onnx, "--input", input, "--output", folder.Combine("only.npy"));
        Assert.Equal(2, one.ExitCode);
        Assert.Contains("has 2 outputs (output, output_1), so it takes 2 --output; 1 were given", one.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("only.npy")));
    }

    private static string Export(string path)
    {
        var file = Path.Combine(CliRunner.RepoRoot, "tests", "corpus", "python", "lenet5_ok.py");
        var check = CheckService.Check(file, File.ReadAllText(file));
        var built = GraphModule.Build(check);
        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        module.eval();
        var weights = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in module.state_dict())
        {
            if (tensor.dtype == torch.ScalarType.Float32)
            {
                weights[key] = new NamedTensor(tensor.shape, tensor.detach().cpu().contiguous().data<float>().ToArray());
            }
        }

        var result = OnnxExporter.ExportToFile(check.Graph!, weights, null, path);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return path;
    }
}
