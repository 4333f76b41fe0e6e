using ShapeSafe.Checking;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime;

/// <summary>Model files run through GraphModule give what ModuleBuilder's Sequential gives with the same weights.</summary>
public sealed class ModelFileRuntimeTests
{
    public static TheoryData<string> CleanExamples =>
    [
        .. Directory.GetFiles(Path.Combine(Corpus.Root, "examples"), "*.model").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)
            .Where(f => !CheckService.Check(f, File.ReadAllText(Path.Combine(Corpus.Root, "examples", f))).HasErrors),
    ];

    [Theory]
    [MemberData(nameof(CleanExamples))]
    public void SameOutputAsTheSequentialWithTheSameWeights(string file)
    {
        var path = Path.Combine(Corpus.Root, "examples", file);
        var text = File.ReadAllText(path);
        var sequential = ModuleBuilder.FromModelText(path, text);
        var graph = GraphModule.Build(CheckService.Check(path, text));
        Assert.True(sequential.Succeeded, sequential.Failure);
        Assert.True(graph.Succeeded, graph.Failure);
        using var reference = sequential.Module!;
        using var module = graph.Module!;

        var weights = reference.state_dict();
        var keys = module.state_dict();
        Assert.Equal(weights.Keys.Order(StringComparer.Ordinal), keys.Keys.Order(StringComparer.Ordinal));
        using (no_grad())
        {
            foreach (var (key, tensor) in keys)
            {
                tensor.copy_(weights[key]);
            }
        }

        reference.eval();
        module.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = randn(sequential.Check.Input!.Select(d => d.IsKnown ? d.Value : 2).ToArray());
        var expected = reference.forward(input);
        var actual = module.forward(input);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.allclose(actual, rtol: 0, atol: 0), $"{file}: outputs differ");
    }
}
