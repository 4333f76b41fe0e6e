namespace ShapeSafe.Layers;

/// <summary>
/// How a spatial layer maps output positions to input positions, per spatial dimension: used for
/// receptive fields. <see cref="Stride"/> below 1 means upsampling.
/// </summary>
public sealed record SpatialWindow(long[] Kernel, double[] Stride, long[] Dilation);
