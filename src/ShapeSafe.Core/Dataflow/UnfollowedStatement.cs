using ShapeSafe.Syntax;

namespace ShapeSafe.Dataflow;

/// <summary>
/// A statement of <c>forward</c> whose control flow depends on tensor values or other values not known when the graph is
/// recorded (<c>if x.sum() &gt; 0:</c>, <c>while</c> on a tensor, <c>for</c> over a tensor's rows): the graph follows
/// neither way, so a runtime must not run it. <see cref="Statement"/> is the kind (<c>if</c>, <c>while</c>, <c>for</c>,
/// <c>conditional expression</c>), <see cref="Text"/> the condition or iterable as written, <see cref="Why"/> why it is not known.
/// </summary>
public sealed record UnfollowedStatement(SourceSpan Span, string Statement, string Text, string Why);
