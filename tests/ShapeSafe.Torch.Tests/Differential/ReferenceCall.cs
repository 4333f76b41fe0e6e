namespace ShapeSafe.Tests.Differential;

/// <summary>
/// One layer line of a generated stack as the reference reads it, independently of the engine's parser: the module
/// name it is bound to (or null), the nn type, and its positional and keyword arguments as Python values
/// (long, double, string, bool, null for None, and <see cref="List{T}"/> for a tuple).
/// </summary>
internal sealed record ReferenceCall(string? Name, string Type, IReadOnlyList<object?> Positional, IReadOnlyDictionary<string, object?> Keywords);
