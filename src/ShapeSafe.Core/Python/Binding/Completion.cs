namespace ShapeSafe.Python.Binding;

/// <summary>How a statement finished: normally, by a jump, or because following the code stopped.</summary>
public enum Completion
{
    Normal,
    Break,
    Continue,
    Return,

    /// <summary>The work limit was reached or the code raised: unwind to the caller without running more.</summary>
    Abort,
}
