using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Arithmetic;

/// <summary>
/// An input of a spatial layer split into its parts: batch (absent for an unbatched input), channels,
/// and the spatial dimensions. Outputs are rebuilt with the same rank as the input, as PyTorch does.
/// </summary>
public sealed class SpatialInput
{
    private SpatialInput(Shape shape, bool batched, Dim channels, Dim[] spatial)
    {
        Shape = shape;
        Batched = batched;
        Channels = channels;
        Spatial = spatial;
    }

    public Shape Shape { get; }

    /// <summary>True for (N, C, *spatial); false for the unbatched (C, *spatial).</summary>
    public bool Batched { get; }

    public Dim Channels { get; }

    public IReadOnlyList<Dim> Spatial { get; }

    /// <summary>The index of <see cref="Channels"/> in the input shape.</summary>
    public int ChannelIndex => Batched ? 1 : 0;

    /// <summary>
    /// Splits an input of <paramref name="spatialRank"/> spatial dimensions: rank spatialRank + 1 (unbatched)
    /// or spatialRank + 2 (batched); null for any other rank.
    /// </summary>
    public static SpatialInput? Split(Shape input, int spatialRank)
    {
        if (input.Rank != spatialRank + 1 && input.Rank != spatialRank + 2)
        {
            return null;
        }

        var batched = input.Rank == spatialRank + 2;
        var channelIndex = batched ? 1 : 0;
        var spatial = new Dim[spatialRank];
        for (var i = 0; i < spatialRank; i++)
        {
            spatial[i] = input[channelIndex + 1 + i];
        }

        return new SpatialInput(input, batched, input[channelIndex], spatial);
    }

    /// <summary>"3D (unbatched) or 4D (batched)" for two spatial dimensions, as PyTorch's conv messages say it.</summary>
    public static string ExpectedRanks(int spatialRank) => $"{spatialRank + 1}D (unbatched) or {spatialRank + 2}D (batched)";

    /// <summary>The output with the input's batch (if any), the given channels and spatial sizes.</summary>
    public Shape With(Dim channels, Dim[] spatial)
    {
        var dims = new Dim[(Batched ? 2 : 1) + spatial.Length];
        var at = 0;
        if (Batched)
        {
            dims[at++] = Shape[0];
        }

        dims[at++] = channels;
        spatial.CopyTo(dims, at);
        return new Shape(dims);
    }

    /// <summary>The output with the input's batch (if any), the given channels and spatial sizes.</summary>
    public Shape With(Dim channels, IEnumerable<Dim> spatial)
    {
        var dims = new List<Dim>(Shape.Rank);
        if (Batched)
        {
            dims.Add(Shape[0]);
        }

        dims.Add(channels);
        dims.AddRange(spatial);
        return new Shape(dims);
    }

    /// <summary>The index in the input shape of the first known non-batch dimension of size zero, or null.</summary>
    public int? FirstEmptyNonBatchDim(bool includeChannels)
    {
        for (var i = includeChannels ? ChannelIndex : ChannelIndex + 1; i < Shape.Rank; i++)
        {
            if (Shape[i].IsKnown && Shape[i].Value == 0)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The input as PyTorch's batched kernels see it: an unbatched input gets a leading 1.</summary>
    public Shape AsBatched() => Batched ? Shape : new Shape(new[] { Dim.Known(1) }.Concat(Shape));

    /// <summary>True when every spatial dimension is known.</summary>
    public bool SpatialKnown
    {
        get
        {
            foreach (var d in Spatial)
            {
                if (d.IsSymbolic)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
