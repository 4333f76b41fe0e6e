using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Data;

/// <summary>The size of one image as a model takes it: channels, height, width.</summary>
public sealed record ImageSize(int Channels, int Height, int Width)
{
    public int Elements => Channels * Height * Width;

    /// <summary>The model input shape for a batch: N x C x H x W with N symbolic, or a known batch.</summary>
    public Shape ToShape(long? batch = null) => new(batch is { } b ? Dim.Known(b) : Dim.Sym("N"), Channels, Height, Width);

    /// <summary>The C x H x W of a shape N x C x H x W whose last three sizes are known; null otherwise.</summary>
    public static ImageSize? FromShape(Shape? shape) =>
        shape is { Rank: 4 } s && s[1].IsKnown && s[2].IsKnown && s[3].IsKnown
            ? new ImageSize(checked((int)s[1].Value), checked((int)s[2].Value), checked((int)s[3].Value))
            : null;

    public static ImageSize Of(ImageSet set) => new(set.Channels, set.Height, set.Width);

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
