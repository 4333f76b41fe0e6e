namespace ShapeSafe.Layers;

/// <summary>The Python types a constructor parameter accepts, as in PyTorch's signatures.</summary>
public enum ParamType
{
    /// <summary>int.</summary>
    Int,

    /// <summary>int or tuple of ints (kernel_size, stride, ...).</summary>
    IntOrTuple,

    /// <summary>int, tuple of ints, or the strings 'same' / 'valid' (convolution padding).</summary>
    Padding,

    /// <summary>float (an int is accepted, as in Python).</summary>
    Float,

    /// <summary>float or None (BatchNorm's momentum).</summary>
    OptionalFloat,

    /// <summary>float or tuple of floats (Upsample's scale_factor), or None.</summary>
    OptionalFloatOrTuple,

    /// <summary>int, tuple of ints (whose items may be None), or None.</summary>
    OptionalIntOrTuple,

    /// <summary>bool.</summary>
    Bool,

    /// <summary>bool or None.</summary>
    OptionalBool,

    /// <summary>str.</summary>
    String,

    /// <summary>int or None.</summary>
    OptionalInt,

    /// <summary>A tuple of ints (Unflatten's unflattened_size).</summary>
    IntTuple,

    /// <summary>Anything (dtype, device: accepted and ignored by shape rules).</summary>
    Any,
}
