namespace ShapeSafe.Tests.Differential;

/// <summary>
/// PyTorch 1.13's constructor signatures (names, order, defaults) of the modules the stack generator writes, typed in
/// from PyTorch's documentation for the reference side (not read from the engine's layer rules).
/// <see cref="Required"/> marks a parameter without a default.
/// </summary>
internal static class ReferenceSignatures
{
    /// <summary>The marker of a parameter without a default.</summary>
    public static readonly object Required = new();

    /// <summary>The sizes a model file may leave out to be taken from the tensor, as PyTorch's Lazy modules do.</summary>
    public static readonly string[] Inferable = ["in_channels", "in_features", "num_features"];

    public static IReadOnlyList<(string Name, object? Default)> Of(string type)
    {
        var n = char.IsDigit(type[^2]) ? type[^2] - '0' : 0;
        var family = n > 0 ? type[..^2] : type;
        return family switch
        {
            "Conv" => [("in_channels", Required), ("out_channels", Required), ("kernel_size", Required), ("stride", 1L), ("padding", 0L), ("dilation", 1L), ("groups", 1L), ("bias", true), ("padding_mode", "zeros")],
            "ConvTranspose" => [("in_channels", Required), ("out_channels", Required), ("kernel_size", Required), ("stride", 1L), ("padding", 0L), ("output_padding", 0L), ("groups", 1L), ("bias", true), ("dilation", 1L), ("padding_mode", "zeros")],
            "MaxPool" => [("kernel_size", Required), ("stride", null), ("padding", 0L), ("dilation", 1L), ("return_indices", false), ("ceil_mode", false)],
            "AvgPool" => [("kernel_size", Required), ("stride", null), ("padding", 0L), ("ceil_mode", false), ("count_include_pad", true), ("divisor_override", null)],
            "AdaptiveAvgPool" => [("output_size", Required)],
            "AdaptiveMaxPool" => [("output_size", Required), ("return_indices", false)],
            "BatchNorm" => [("num_features", Required), ("eps", 1e-5), ("momentum", 0.1), ("affine", true), ("track_running_stats", true)],
            "InstanceNorm" => [("num_features", Required), ("eps", 1e-5), ("momentum", 0.1), ("affine", false), ("track_running_stats", false)],
            "Dropout" or "AlphaDropout" => [("p", 0.5), ("inplace", false)],
            "ZeroPad" or "ReflectionPad" or "ReplicationPad" => [("padding", Required)],
            "ConstantPad" => [("padding", Required), ("value", Required)],
            "UpsamplingNearest" or "UpsamplingBilinear" => [("size", null), ("scale_factor", null)],
            _ => type switch
            {
                "GroupNorm" => [("num_groups", Required), ("num_channels", Required), ("eps", 1e-5), ("affine", true)],
                "Upsample" => [("size", null), ("scale_factor", null), ("mode", "nearest"), ("align_corners", null), ("recompute_scale_factor", null)],
                "Linear" => [("in_features", Required), ("out_features", Required), ("bias", true)],
                "LayerNorm" => [("normalized_shape", Required), ("eps", 1e-5), ("elementwise_affine", true)],
                "Softmax" or "LogSoftmax" => [("dim", null)],
                "Flatten" => [("start_dim", 1L), ("end_dim", -1L)],
                "Unflatten" => [("dim", Required), ("unflattened_size", Required)],
                "LeakyReLU" => [("negative_slope", 0.01), ("inplace", false)],
                "PReLU" => [("num_parameters", 1L), ("init", 0.25)],
                "GELU" => [("approximate", "none")],
                "ReLU" or "SiLU" or "Hardswish" => [("inplace", false)],
                "Tanh" => [],
                _ => throw new ArgumentException($"the reference does not know nn.{type}"),
            },
        };
    }

    /// <summary>
    /// Binds a call as Python does: positionals in order, then keywords; a Lazy type's signature is its base's without
    /// the inferable size. Missing inferable sizes are left out (taken from the tensor); any other binding problem is a TypeError.
    /// </summary>
    public static (string Type, Dictionary<string, object?> Args) Bind(ReferenceCall call)
    {
        var lazy = call.Type.StartsWith("Lazy", StringComparison.Ordinal);
        var type = lazy ? call.Type[4..] : call.Type;
        var signature = Of(type).Where(p => !(lazy && Inferable.Contains(p.Name))).ToList();
        if (call.Positional.Count > signature.Count)
        {
            throw new InvalidOperationException($"TypeError: {call.Type}() takes {signature.Count} positional arguments but {call.Positional.Count} were given");
        }

        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < call.Positional.Count; i++)
        {
            args[signature[i].Name] = call.Positional[i];
        }

        foreach (var (name, value) in call.Keywords)
        {
            if (!signature.Any(p => p.Name == name) || !args.TryAdd(name, value))
            {
                throw new InvalidOperationException($"TypeError: {call.Type}() got an unexpected or repeated keyword argument '{name}'");
            }
        }

        foreach (var (name, value) in signature)
        {
            if (!args.ContainsKey(name) && value != Required)
            {
                args[name] = value;
            }
            else if (!args.ContainsKey(name) && !Inferable.Contains(name))
            {
                throw new InvalidOperationException($"TypeError: {call.Type}() missing required argument '{name}'");
            }
        }

        return (type, args);
    }
}
