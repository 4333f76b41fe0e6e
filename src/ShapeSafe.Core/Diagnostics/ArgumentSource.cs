namespace ShapeSafe.Diagnostics;

/// <summary>
/// Where a value came from when it is a constructor argument, as typed data: the parameter, the text written for it
/// (<c>32 * 8 * 8</c>), and the line; or PyTorch's default for the parameter when <see cref="IsDefault"/>.
/// </summary>
public sealed record ArgumentSource(string Parameter, string Text, int Line, bool IsDefault);
