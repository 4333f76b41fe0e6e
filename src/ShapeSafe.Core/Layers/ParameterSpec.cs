using ShapeSafe.Syntax;

namespace ShapeSafe.Layers;

/// <summary>
/// One constructor parameter, named and ordered as in PyTorch. <see cref="Default"/> null means required.
/// <see cref="Inferable"/> marks sizes that follow from the input (in_channels, in_features, num_features):
/// they may be omitted and are then inferred.
/// </summary>
public sealed record ParameterSpec(string Name, ParamType Type, ArgValue? Default = null, bool Inferable = false, bool KeywordOnly = false)
{
    public bool Required => Default is null && !Inferable;

    public static ParameterSpec Of(string name, ParamType type) => new(name, type);

    public static ParameterSpec InferredSize(string name) => new(name, ParamType.Int, null, Inferable: true);

    public static ParameterSpec Optional(string name, ParamType type, long value) =>
        new(name, type, ArgValue.OfInt(value, SourceSpan.None, value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static ParameterSpec Optional(string name, ParamType type, double value) =>
        new(name, type, ArgValue.OfFloat(value, SourceSpan.None, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    public static ParameterSpec Optional(string name, ParamType type, bool value) =>
        new(name, type, ArgValue.OfBool(value, SourceSpan.None, value ? "True" : "False"));

    public static ParameterSpec Optional(string name, ParamType type, string value) =>
        new(name, type, ArgValue.OfString(value, SourceSpan.None, $"'{value}'"));

    public static ParameterSpec OptionalNone(string name, ParamType type) =>
        new(name, type, ArgValue.OfNone(SourceSpan.None, "None"));
}
