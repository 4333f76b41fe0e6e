using System.Globalization;
using ShapeSafe.Diagnostics;

namespace ShapeSafe.Ops;

/// <summary>
/// Why a tensor operation fails: a catalog descriptor (SS04xx), its typed message arguments (the op's name first,
/// then numbers, <see cref="Shapes.Shape"/>s and strings), and the first line of the error PyTorch 1.13 raises,
/// without its "RuntimeError: " or "IndexError: " prefix.
/// </summary>
public sealed record OpError(DiagnosticDescriptor Descriptor, IReadOnlyList<object?> Arguments, string TorchMessage)
{
    /// <summary>The descriptor's message with the arguments filled in.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat, Arguments.ToArray());

    public string Code => Descriptor.Code;

    /// <summary>An error with these message arguments, in the descriptor's placeholder order.</summary>
    public static OpError Of(DiagnosticDescriptor descriptor, string torchMessage, params object?[] arguments) =>
        new(descriptor, arguments, torchMessage);

    public override string ToString() => $"{Code}: {Message}";
}
