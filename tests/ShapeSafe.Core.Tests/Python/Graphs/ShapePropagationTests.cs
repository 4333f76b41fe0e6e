using System.Text.Json;
using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Python.Graphs;

/// <summary>
/// Running a recorded graph again (<see cref="ShapePropagation"/>): at the recorded inputs every node gets the value it
/// was recorded with, for every corpus file PyTorch runs; at another batch size the models whose output follows the
/// batch give that batch (sizes read from tensors are computed again, not baked in).
/// </summary>
public sealed class ShapePropagationTests
{
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "corpus");

    /// <summary>Working models whose output does not have the batch first: the file and the output's batch dimension.</summary>
    private static readonly Dictionary<string, int> BatchNotFirst = new(StringComparer.Ordinal)
    {
        ["python/crnn_ocr_ok.py"] = 1, // (time, batch, classes), as CTC loss takes it
    };

    /// <summary>The models the brief names as following the batch: checked on their own so a regression names them.</summary>
    public static readonly TheoryData<string> NamedBatchFollowing = new()
    {
        "python/resnet18_cifar_ok.py",
        "python/se_resnet_ok.py",
        "python/vgg_cfg_ok.py",
        "python/unet_pad_ok.py",
        "python/densenet_block_ok.py",
        "python/inception_block_ok.py",
    };

    public static TheoryData<string> OkFiles()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries())
        {
            var file = entry.GetProperty("file").GetString()!;
            if (entry.GetProperty("ok").GetBoolean() && file.EndsWith("_ok.py", StringComparison.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OkFiles))]
    public void ReplayingAtTheRecordedInputsReproducesEveryNode(string file)
    {
        var (result, inputs) = Check(file);
        var graph = result.Graph!;
        var replay = ShapePropagation.Run(graph, inputs);
        var mismatches = new List<string>();
        foreach (var node in graph.Nodes)
        {
            if (!SameValue(node.Value, replay[node]))
            {
                mismatches.Add($"{node} replayed as {replay[node]}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{file}:\n{string.Join("\n", mismatches)}\n{Errors(replay)}");
        Assert.DoesNotContain(replay.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Theory]
    [MemberData(nameof(NamedBatchFollowing))]
    public void TheNamedModelsFollowTheBatch(string file) => ReplayingAtAnotherBatchGivesThatBatch(file);

    /// <summary>Every working model of the corpus follows a new batch (the inputs' first dimension), none fails on it.</summary>
    [Theory]
    [MemberData(nameof(OkFiles))]
    public void ReplayingAtAnotherBatchGivesThatBatch(string file)
    {
        var (result, inputs) = Check(file);
        var batch = inputs[0][0].Value + 1;
        var other = inputs.Select(s => s.WithDim(0, Dim.Known(batch))).ToList();
        var replay = ShapePropagation.Run(result.Graph!, other);
        var expected = WithBatch(result.Graph!.Output!.Value, batch, BatchNotFirst.GetValueOrDefault(file));
        Assert.True(SameValue(expected, replay.Output!) && expected is not UnknownValue, $"{file}: expected {expected}, got {replay.Output}\n{Errors(replay)}");
        Assert.DoesNotContain(replay.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void ASizeReadFromTheInputIsComputedAgainAndAWrongShapeIsReported()
    {
        const string source = """
            import torch.nn as nn

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(8 * 4 * 4, 10)

                def forward(self, x):
                    x = x.view(x.size(0), -1)
                    return self.fc(x)
            """;
        var result = PythonChecker.Check("net.py", source, new PythonCheckOptions { Inputs = [Shape.Of(2, 8, 4, 4)] });
        var graph = result.Graph!;
        Assert.Equal("5x10", ShapePropagation.Run(graph, [Shape.Of(5, 8, 4, 4)]).OutputShape?.ToString());
        var wrong = ShapePropagation.Run(graph, [Shape.Of(5, 8, 3, 3)]);
        Assert.Contains(wrong.Diagnostics, d => d.Severity == Severity.Error && d.Line == 10);
    }

    [Fact]
    public void AModelFileGraphRunsAgainThroughItsLayerRules()
    {
        var file = ShapeSafe.Syntax.ModelFileParser.Parse("m.model", "input: 1x3x32x32\nConv2d(3, 8, 3, padding=1)\nReLU()\nFlatten()\nLinear(8192, 10)\n");
        var checkedFile = ShapeSafe.Inference.ShapeChecker.Check(file);
        var graph = ShapeSafe.Inference.ModelFileGraph.Lower(checkedFile);
        Assert.All(graph.Nodes.Where(n => n.Kind == NodeKind.CallModule), n => Assert.Equal([new NodeRefArg(graph.Nodes[n.Index - 1])], n.Args));
        Assert.Equal("4x10", ShapePropagation.Run(graph, [Shape.Of(4, 3, 32, 32)]).OutputShape?.ToString());
    }

    /// <summary>The output with every tensor's first dimension set to <paramref name="batch"/> (one tensor, or a tuple of them).</summary>
    private static GraphValue WithBatch(GraphValue value, long batch, int axis) => value switch
    {
        TensorValue t => new TensorValue(t.Shape.WithDim(axis, Dim.Known(batch))),
        SequenceValue s => new SequenceValue([.. s.Items.Select(i => WithBatch(i, batch, axis))]),
        _ => value,
    };

    internal static bool SameValue(GraphValue recorded, GraphValue replayed) => (recorded, replayed) switch
    {
        (UnknownValue, UnknownValue) => true,
        (SequenceValue a, SequenceValue b) => a.Items.Count == b.Items.Count && a.Items.Zip(b.Items).All(p => SameValue(p.First, p.Second)),
        _ => recorded.Equals(replayed),
    };

    private static string Errors(ShapePropagationResult replay) =>
        string.Join("\n", replay.Diagnostics.Select(d => $"{d.Line}: {d.Severity} {d.Code} {d.Message}"));

    private static (PythonCheckResult Result, List<Shape> Inputs) Check(string file)
    {
        var entry = Entries().Single(e => e.GetProperty("file").GetString() == file);
        var inputs = entry.GetProperty("inputs").EnumerateArray()
            .Select(i => new Shape(i.EnumerateArray().Select(d => Dim.Known(d.GetInt64())))).ToList();
        var text = File.ReadAllText(Path.Combine(Corpus, file));
        var result = PythonChecker.Check(file, text, new PythonCheckOptions { ClassName = entry.GetProperty("class").GetString(), Inputs = inputs });
        Assert.NotNull(result.Graph);
        return (result, inputs);
    }

    private static IEnumerable<JsonElement> Entries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "groundtruth.json")));
        foreach (var entry in doc.RootElement.GetProperty("files").EnumerateArray())
        {
            yield return entry.Clone();
        }
    }
}
