using ShapeSafe.Diagnostics;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// What a core shape rule says about a traced module on a recorded input: its diagnostic (message after
/// the module's name), the fixes restated as constructions, and the first corrected construction.
/// </summary>
internal sealed record RuleExplanation(Diagnostic Rule, MessagePart MessageAfterName, IReadOnlyList<Fix> Fixes, string? FixedLine, string? ProductText)
{
    /// <summary>": construct it with 8192, i.e. 32*16*16: `fc1 = Linear(8192, 128)`", or ": construct it as `...`", or empty.</summary>
    public MessagePart FixPhrase
    {
        get
        {
            if (FixedLine is null)
            {
                return MessagePart.Empty;
            }

            if (Rule.Expected is not null && Rule.Actual is { } actual)
            {
                var product = ProductText is null ? string.Empty : $", i.e. {ProductText}";
                return new MessagePart(DiagnosticCatalog.TracedConstructWith, [actual.Value, product, FixedLine]);
            }

            return new MessagePart(DiagnosticCatalog.TracedConstructAs, [FixedLine]);
        }
    }
}
