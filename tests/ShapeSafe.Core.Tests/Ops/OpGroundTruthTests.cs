using System.Text.Json;
using ShapeSafe.Ops;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Ops;

/// <summary>
/// Replays groundtruth/cases.json: random op calls that real PyTorch 1.13 ran (groundtruth/generate.py), each with the
/// output shape(s) it produced or the first line of its error. Every case must give the same shapes, or fail with
/// PyTorch's exact message.
/// </summary>
public sealed class OpGroundTruthTests
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "ShapeSafe.Core.Tests", "Ops", "groundtruth", "cases.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    public static TheoryData<string> Ops() => new(Cases.Value.Select(c => c.GetProperty("op").GetString()!).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void TheFileHoldsManyCasesOfEachKind()
    {
        Assert.True(Cases.Value.Length >= 5000);
        Assert.True(Cases.Value.Count(c => c.TryGetProperty("error", out _)) > 1000);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryCaseMatchesPyTorch(string op)
    {
        var mismatches = new List<string>();
        foreach (var c in Cases.Value.Where(c => c.GetProperty("op").GetString() == op))
        {
            var args = c.GetProperty("args");
            var result = Run(op, args);
            var expected = c.TryGetProperty("error", out var error)
                ? "error: " + error.GetString()
                : Shapes(c.GetProperty("output"), c.GetProperty("many").GetBoolean());
            var actual = result.Error is { } e ? "error: " + e.TorchMessage
                : result.Outputs is { } many ? string.Join(" ; ", many.Select(s => s.ToTorchString()))
                : result.Output?.ToTorchString() ?? "?";
            if (expected != actual)
            {
                mismatches.Add($"{op} {args}: PyTorch {expected} | ShapeSafe {actual}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(30)) + $"\n({mismatches.Count} mismatches)");
    }

    private static string Shapes(JsonElement output, bool many) =>
        many ? string.Join(" ; ", output.EnumerateArray().Select(s => ShapeOf(s).ToTorchString())) : ShapeOf(output).ToTorchString();

    private static Shape ShapeOf(JsonElement e) => new(e.EnumerateArray().Select(d => Dim.Known(d.GetInt64())));

    private static Dim[] DimsOf(JsonElement e) => e.EnumerateArray().Select(d => Dim.Known(d.GetInt64())).ToArray();

    private static long[] LongsOf(JsonElement e) => e.EnumerateArray().Select(d => d.GetInt64()).ToArray();

    private static long? OptionalLong(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();

    private static OpResult Run(string op, JsonElement a)
    {
        Shape A() => ShapeOf(a.GetProperty("a"));
        long L(string name) => a.GetProperty(name).GetInt64();
        return op switch
        {
            "add" => Broadcasting.Broadcast(A(), ShapeOf(a.GetProperty("b"))),
            "matmul" => MatrixProducts.Matmul(A(), ShapeOf(a.GetProperty("b"))),
            "mm" => MatrixProducts.Mm(A(), ShapeOf(a.GetProperty("b"))),
            "bmm" => MatrixProducts.Bmm(A(), ShapeOf(a.GetProperty("b"))),
            "linear" => MatrixProducts.Linear(A(), ShapeOf(a.GetProperty("w")),
                a.GetProperty("bias").ValueKind == JsonValueKind.Null ? null : ShapeOf(a.GetProperty("bias"))),
            "view" => Views.View(A(), DimsOf(a.GetProperty("sizes"))),
            "flatten" => Views.Flatten(A(), L("start"), L("end")),
            "unflatten" => Views.Unflatten(A(), L("dim"), DimsOf(a.GetProperty("sizes"))),
            "squeeze" => DimensionOps.Squeeze(A(), OptionalLong(a.GetProperty("dim")) is { } d ? [d] : null),
            "unsqueeze" => DimensionOps.Unsqueeze(A(), L("dim")),
            "transpose" => DimensionOps.Transpose(A(), L("d0"), L("d1")),
            "permute" => DimensionOps.Permute(A(), LongsOf(a.GetProperty("dims"))),
            "movedim" => DimensionOps.Movedim(A(), LongsOf(a.GetProperty("src")), LongsOf(a.GetProperty("dst"))),
            "cat" => Concatenation.Cat(a.GetProperty("tensors").EnumerateArray().Select(ShapeOf).ToArray(), L("dim")),
            "stack" => Concatenation.Stack(a.GetProperty("tensors").EnumerateArray().Select(ShapeOf).ToArray(), L("dim")),
            "sum" => Reductions.Reduce(A(), a.GetProperty("dims").ValueKind == JsonValueKind.Null ? null : LongsOf(a.GetProperty("dims")),
                a.GetProperty("keepdim").GetBoolean()),
            "max_dim" => Reductions.ReduceWithIndices(A(), L("dim"), a.GetProperty("keepdim").GetBoolean()),
            "index" => Indexing.Index(A(), a.GetProperty("items").EnumerateArray().Select(Item).ToArray()),
            "split" => Splitting.Split(A(), L("size"), L("dim")),
            "split_sizes" => Splitting.SplitWithSizes(A(), DimsOf(a.GetProperty("sizes")), L("dim")),
            "chunk" => Splitting.Chunk(A(), L("chunks"), L("dim")),
            "expand" => Expansion.Expand(A(), DimsOf(a.GetProperty("sizes"))),
            "repeat" => Expansion.Repeat(A(), DimsOf(a.GetProperty("repeats"))),
            "pad" => Padding.Pad(A(), LongsOf(a.GetProperty("pad"))),
            "topk" => Reductions.Topk(A(), L("k"), L("dim")),
            "gather" => Selection.Gather(A(), L("dim"), ShapeOf(a.GetProperty("index"))),
            "masked_fill" => Selection.MaskedFill(A(), ShapeOf(a.GetProperty("b"))),
            "addmm" => MatrixProducts.Addmm(ShapeOf(a.GetProperty("bias")), A(), ShapeOf(a.GetProperty("b"))),
            "baddbmm" => MatrixProducts.Baddbmm(ShapeOf(a.GetProperty("bias")), A(), ShapeOf(a.GetProperty("b"))),
            "mv" => MatrixProducts.Mv(A(), ShapeOf(a.GetProperty("b"))),
            "dot" => MatrixProducts.Dot(A(), ShapeOf(a.GetProperty("b"))),
            "hstack" => Concatenation.Hstack(a.GetProperty("tensors").EnumerateArray().Select(ShapeOf).ToArray()),
            "vstack" => Concatenation.Vstack(a.GetProperty("tensors").EnumerateArray().Select(ShapeOf).ToArray()),
            "amax" => Reductions.Reduce(A(), LongsOf(a.GetProperty("dims")), a.GetProperty("keepdim").GetBoolean(), "amax"),
            "argmax" => Reductions.Argmax(A(), OptionalLong(a.GetProperty("dim")), a.GetProperty("keepdim").GetBoolean()),
            "unbind" => Splitting.Unbind(A(), L("dim")),
            "tensor_split" => a.GetProperty("arg").ValueKind == JsonValueKind.Array
                ? Splitting.TensorSplitAt(A(), LongsOf(a.GetProperty("arg")), L("dim"))
                : Splitting.TensorSplit(A(), L("arg"), L("dim")),
            "repeat_interleave" => Expansion.RepeatInterleave(A(), L("repeats"), OptionalLong(a.GetProperty("dim"))),
            "kthvalue" => Reductions.Kthvalue(A(), L("k"), L("dim"), a.GetProperty("keepdim").GetBoolean()),
            "zeros" => Factories.Create(DimsOf(a.GetProperty("sizes"))),
            "arange" => Factories.Arange(a.GetProperty("start").GetDouble(), a.GetProperty("end").GetDouble(), a.GetProperty("step").GetDouble()),
            "where" => Selection.Where(A(), ShapeOf(a.GetProperty("b")), ShapeOf(a.GetProperty("c"))),
            "min_all" => Reductions.ReduceAll(A(), "min"),
            _ => throw new ArgumentException("unknown op " + op),
        };
    }

    private static IndexItem Item(JsonElement e)
    {
        if (e.TryGetProperty("int", out var i))
        {
            return IndexItem.Integer(i.GetInt64());
        }

        if (e.TryGetProperty("slice", out var s))
        {
            var p = s.EnumerateArray().Select(OptionalLong).ToArray();
            return IndexItem.Slice(p[0], p[1], p[2]);
        }

        if (e.TryGetProperty("none", out _))
        {
            return IndexItem.NewAxis;
        }

        return e.TryGetProperty("ellipsis", out _) ? IndexItem.Ellipsis : IndexItem.LongTensor(ShapeOf(e.GetProperty("long")));
    }
}
