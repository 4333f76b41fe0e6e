using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python;

/// <summary>
/// The result of checking a Python model file: which class was checked and why, its inputs and where they came from,
/// the dataflow graph of its <c>forward</c>, every diagnostic (syntax errors included), and the output.
/// </summary>
public sealed record PythonCheckResult
{
    public required string Path { get; init; }

    public required SourceText Source { get; init; }

    /// <summary>The file's lines, as written (without line ends).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>The class checked; null when none could be chosen.</summary>
    public string? ClassName { get; init; }

    /// <summary>Every nn.Module subclass the file defines, in order.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    public ClassChoice ClassChoice { get; init; }

    /// <summary>The input shapes used (empty when none was found).</summary>
    public IReadOnlyList<Shape> Inputs { get; init; } = [];

    public InputSource InputSource { get; init; }

    /// <summary>The graph of <c>forward</c> (with the module tree) in eval mode, what serving runs; null when the model was not run.</summary>
    public DataflowGraph? Graph { get; init; }

    /// <summary>
    /// The graph of <c>forward</c> in training mode (<c>self.training</c> True) when forward reads <c>self.training</c>, so
    /// the modes may differ; <see cref="Graph"/> is then the eval-mode graph. Null when one graph serves both modes.
    /// </summary>
    public DataflowGraph? TrainingGraph { get; init; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The value <c>forward</c> returned; null when not run.</summary>
    public GraphValue? Output { get; init; }

    /// <summary>The output shape when <c>forward</c> returned one tensor of known shape.</summary>
    public Shape? OutputShape => Output is TensorValue t ? t.Shape : null;

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>True when the check could not run as asked (no class to choose, no input shape): the diagnostics say why.</summary>
    public bool IsUsageError { get; init; }
}
