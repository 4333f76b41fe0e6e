using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Reshape;

/// <summary>
/// nn.Unflatten(dim, unflattened_size): splits one dimension into several, as Tensor.unflatten: the
/// sizes must multiply to that dimension, and one of them may be -1 (inferred).
/// </summary>
public sealed class UnflattenRule : LayerRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Of("dim", ParamType.Int),
        ParameterSpec.Of("unflattened_size", ParamType.IntTuple));

    public override string Type => "Unflatten";

    public override LayerSignature Signature => Constructor;

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var dimArg = context.Int("dim");
        var sizes = context.Args["unflattened_size"]!.Items.Select(i => i.Int).ToArray();
        if (sizes.Length == 0)
        {
            return LayerOutcome.Fail(context.Invalid("unflattened_size", "must not be empty") with
            {
                Notes = [PyTorchText.RunTime("RuntimeError: unflatten: sizes must be non-empty")],
            });
        }

        if (sizes.FirstOrDefault(s => s < -1) is var bad and < -1)
        {
            return LayerOutcome.Fail(context.Invalid("unflattened_size", $"has the invalid size {bad}; sizes are non-negative, or -1 for one inferred size") with
            {
                Notes = [PyTorchText.RunTime($"RuntimeError: invalid shape dimension {bad}")],
            });
        }

        if (sizes.Count(s => s == -1) > 1)
        {
            return LayerOutcome.Fail(context.Invalid("unflattened_size", $"{PyTorchText.Tuple(sizes)} has more than one -1, but only one size can be inferred") with
            {
                Notes = [PyTorchText.RunTime("RuntimeError: unflatten got an unexpected error:\nonly one dimension can be inferred")],
            });
        }

        if (input.Rank == 0)
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, "at least 1D", PyTorchText.Sizes(input)) with
            {
                Notes = [PyTorchText.RunTime($"IndexError: dimension specified as {dimArg} but tensor has no dimensions")],
            });
        }

        if (!DimIndex.TryWrap(dimArg, input.Rank, out var dim))
        {
            return LayerOutcome.Fail(DimIndex.OutOfRange(context, "dim", dimArg, input.Rank));
        }

        var size = input[dim];
        var known = sizes.Where(s => s != -1).Aggregate(1L, (a, b) => checked(a * b));
        var inferIndex = Array.IndexOf(sizes, -1);
        var written = sizes.Select(s => Dim.Known(s)).ToArray();
        if (size.IsKnown)
        {
            var fits = inferIndex < 0 ? known == size.Value : known > 0 && size.Value % known == 0;
            if (!fits)
            {
                var failure = context.Error(DiagnosticCatalog.UnflattenSize, context.SpanOf("unflattened_size"), context.Name, PyTorchText.Tuple(sizes), size.Value, dim) with
                {
                    Expected = new Fact(inferIndex < 0 ? $"{known}" : $"a multiple of {known}", context.OriginOf("unflattened_size")),
                    Actual = new Fact($"{size.Value}", context.InputOrigin),
                    Notes = [PyTorchText.RunTime($"RuntimeError: unflatten: Provided sizes {PyTorchText.List(sizes)} don't multiply up to the size of dim {dim} ({size.Value}) in the input tensor")],
                };
                return LayerOutcome.Fail(failure, inferIndex < 0 ? Replace(input, dim, written) : null);
            }

            if (inferIndex >= 0)
            {
                written[inferIndex] = Dim.Known(size.Value / known);
            }
        }
        else if (inferIndex >= 0)
        {
            // PyTorch requires the size to be a multiple of the known product, so the quotient is exact: C//4 stands for C/4.
            written[inferIndex] = known == 0 ? Dim.Sym($"{size.ToAtom()}/0") : Dim.DivideExact(size, known) ?? Dim.FloorDiv(size, known);
        }

        return LayerOutcome.Ok(Replace(input, dim, written));
    }

    private static Shape Replace(Shape input, int dim, IEnumerable<Dim> sizes) =>
        input.Slice(0, dim).Concat(sizes).Concat(input.Skip(dim + 1));
}
