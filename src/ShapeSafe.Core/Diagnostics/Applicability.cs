namespace ShapeSafe.Diagnostics;

/// <summary>How safe a fix is to apply without a human looking at it (after rustc's applicability).</summary>
public enum Applicability
{
    /// <summary>The edit is certainly what was meant; a tool may apply it.</summary>
    MachineApplicable,

    /// <summary>The edit makes the model valid, but may not be what was meant (e.g. changes the architecture).</summary>
    MaybeIncorrect,

    /// <summary>The edit contains a placeholder a human must fill in.</summary>
    HasPlaceholders,
}
