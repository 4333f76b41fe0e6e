namespace ShapeSafe.Python;

/// <summary>Where the input shapes of a Python check came from.</summary>
public enum InputSource
{
    /// <summary>No input shape was found: the model was not run.</summary>
    None,

    /// <summary>From <see cref="PythonCheckOptions.Inputs"/> (the command line).</summary>
    Option,

    /// <summary>From a <c># shapesafe: input Nx3x64x64</c> comment above the class.</summary>
    Comment,

    /// <summary>From the tensor the file itself passes to the model (<c>model(torch.randn(1, 3, 64, 64))</c>).</summary>
    Usage,
}
