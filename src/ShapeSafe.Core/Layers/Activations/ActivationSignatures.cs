namespace ShapeSafe.Layers.Activations;

/// <summary>The constructor signatures many activations share.</summary>
internal static class ActivationSignatures
{
    /// <summary><c>(inplace=False)</c>: ReLU, SiLU, Hardswish, ...</summary>
    public static LayerSignature Inplace { get; } = new(ParameterSpec.Optional("inplace", ParamType.Bool, false));

    /// <summary><c>()</c>: Sigmoid, Tanh, Softsign, Tanhshrink.</summary>
    public static LayerSignature Empty { get; } = new();
}
