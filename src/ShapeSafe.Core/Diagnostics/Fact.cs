using System.Globalization;

namespace ShapeSafe.Diagnostics;

/// <summary>
/// A value together with where it came from (Elm's expected/actual), e.g. <c>2048</c> from "32 * 8 * 8 as written on
/// line 8", or <c>8192</c> from "conv2 → pool (line 6) produces 32x16x16". <see cref="Value"/> and <see cref="Origin"/>
/// are for display; <see cref="Number"/> and <see cref="Argument"/> keep the typed data consumers compute with.
/// </summary>
public sealed record Fact(string Value, string Origin)
{
    /// <summary>The value as a number, when it is one (a feature or channel count).</summary>
    public long? Number { get; init; }

    /// <summary>The constructor argument the value was written as (or defaulted from), when it was one.</summary>
    public ArgumentSource? Argument { get; init; }

    /// <summary>A numeric fact.</summary>
    public static Fact Of(long number, string origin) => new(number.ToString(CultureInfo.InvariantCulture), origin) { Number = number };
}
