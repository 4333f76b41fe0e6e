namespace ShapeSafe.Layers.Padding;

/// <summary>How a padding layer fills: F.pad's mode.</summary>
public enum PaddingMode
{
    /// <summary>A constant value (ZeroPad*, ConstantPad*); negative padding crops.</summary>
    Constant,

    /// <summary>Mirror without repeating the edge (ReflectionPad*): each pad must be smaller than the dimension.</summary>
    Reflect,

    /// <summary>Repeat the edge (ReplicationPad*).</summary>
    Replicate,
}
