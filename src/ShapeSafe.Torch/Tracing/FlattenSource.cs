using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// How a module's input was flattened from the tensor before it: by a Flatten module (<see cref="Module"/>)
/// or by the forward code (x.view(x.size(0), -1), x.flatten(1)), from <see cref="Before"/> at <see cref="StartDim"/>.
/// </summary>
internal sealed record FlattenSource(Shape Before, int StartDim, TracedModule? Module, TracedCall? Producer)
{
    /// <summary>The flattened dimensions as a product, <c>32*16*16</c>, when there are at least two and all are known.</summary>
    public string? ProductText => Before.Rank - StartDim >= 2 && Before.Skip(StartDim).All(d => d.IsKnown)
        ? string.Join("*", Before.Skip(StartDim).Select(d => d.ToString()))
        : null;

    public long? Product => Before.KnownProduct(StartDim);

    /// <summary>Where the flattened input came from, in words.</summary>
    public string Origin(Shape flattened)
    {
        var producer = Producer is { Output: not null } p ? $"{p.Label} produces {Before}, which " : $"{Before}, which ";
        var by = Module is not null ? $"`{Module.Path}`" : "the forward code";
        return $"{producer}{by} flattens to {flattened}";
    }

    /// <summary>The flatten that turns <paramref name="previous"/>'s output into <paramref name="input"/>, if it is one.</summary>
    public static FlattenSource? Find(TracedCall? previous, Shape input)
    {
        if (previous is not { Completed: true, Output: { } output })
        {
            return null;
        }

        if (previous.Module.Type == "Flatten" && output.Equals(input) && previous.Input is { } before && StartOf(before, input) is { } start)
        {
            return new FlattenSource(before, start, previous.Module, previous.PreviousLeaf);
        }

        return !output.Equals(input) && StartOf(output, input) is { } k ? new FlattenSource(output, k, null, previous) : null;
    }

    /// <summary>
    /// k when <paramref name="after"/> is <paramref name="before"/> with dimensions k.. multiplied into one
    /// (k ≥ 1, so the batch is kept): what Flatten(start_dim=k) does.
    /// </summary>
    private static int? StartOf(Shape before, Shape after)
    {
        var k = after.Rank - 1;
        if (k < 1 || after.Rank >= before.Rank || !before.IsFullyKnown || !after.IsFullyKnown)
        {
            return null;
        }

        for (var i = 0; i < k; i++)
        {
            if (!before[i].SameAs(after[i]))
            {
                return null;
            }
        }

        return before.KnownProduct(k) == after[k].Value ? k : null;
    }
}
