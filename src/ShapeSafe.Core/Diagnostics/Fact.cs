namespace ShapeSafe.Diagnostics;

/// <summary>
/// A value together with where it came from, e.g. <c>2048</c> from "32 * 8 * 8 as written on line 8",
/// or <c>8192</c> from "conv2 → pool (line 6) produces 32x16x16".
/// </summary>
public sealed record Fact(string Value, string Origin);
