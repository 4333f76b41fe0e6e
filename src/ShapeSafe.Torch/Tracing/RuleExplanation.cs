using ShapeSafe.Diagnostics;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// What a core shape rule says about a traced module on a recorded input: its diagnostic (message after
/// the module's name), the fixes restated as constructions, and the first corrected construction.
/// </summary>
internal sealed record RuleExplanation(Diagnostic Rule, string MessageAfterName, IReadOnlyList<Fix> Fixes, string? FixedLine, string? ProductText)
{
    /// <summary>": construct it with 8192, i.e. 32*16*16: `fc1 = Linear(8192, 128)`", or ": construct it as `...`", or empty.</summary>
    public string FixPhrase
    {
        get
        {
            if (FixedLine is null)
            {
                return string.Empty;
            }

            if (Rule.Expected is not null && Rule.Actual is { } actual)
            {
                var product = ProductText is null ? string.Empty : $", i.e. {ProductText}";
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, DiagnosticCatalog.TracedConstructWith, actual.Value, product, FixedLine);
            }

            return string.Format(System.Globalization.CultureInfo.InvariantCulture, DiagnosticCatalog.TracedConstructAs, FixedLine);
        }
    }
}
