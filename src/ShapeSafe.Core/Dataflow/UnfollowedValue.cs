using ShapeSafe.Syntax;

namespace ShapeSafe.Dataflow;

/// <summary>
/// A value the front-end could not work out (an unmodelled call, an attribute it does not know), standing in the graph
/// as a constant: why, and where it came from. Consumers that need the value refuse with this instead of using the stand-in.
/// </summary>
public sealed record UnfollowedValue(string Reason, SourceSpan Span);
