namespace ShapeSafe.Torch.Fluent;

/// <summary>A keyword argument of a fluent layer: always written when required, else only when it differs from PyTorch's default.</summary>
internal readonly record struct FluentArgument(string Keyword, object? Value, bool Required, object? Default)
{
    public static FluentArgument Req(string keyword, object? value) => new(keyword, value, true, null);

    public static FluentArgument Opt(string keyword, object? value, object? defaultValue) => new(keyword, value, false, defaultValue);

    public bool IsWritten => Required || !Equals(Value, Default);
}
