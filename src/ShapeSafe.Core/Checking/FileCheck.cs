using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Python;
using ShapeSafe.Shapes;

namespace ShapeSafe.Checking;

/// <summary>
/// The result of checking one file, whatever its front-end: its lines, diagnostics, inputs and output, and the dataflow
/// graph both front-ends lower to. Renderers (text, JSON, SARIF) and <c>--fix</c> read this; the front-end's own result
/// stays available for what only it has (a model file's per-line trace, a Python file's class choice).
/// </summary>
public sealed record FileCheck
{
    public required string Path { get; init; }

    public required SourceLanguage Language { get; init; }

    /// <summary>The file's text as read (for edits that keep its line ends).</summary>
    public required string Text { get; init; }

    public required IReadOnlyList<string> Lines { get; init; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The input shapes used (none when the file declares none and none was given).</summary>
    public IReadOnlyList<Shape> Inputs { get; init; } = [];

    /// <summary>The output shape when the check found no error and the model returns one tensor.</summary>
    public Shape? Output { get; init; }

    /// <summary>The model's graph: a chain of module calls for a model file, what <c>forward</c> does for Python.</summary>
    public DataflowGraph? Graph { get; init; }

    /// <summary>The training-mode graph where it may differ from <see cref="Graph"/> (the eval-mode one); null when one graph serves both modes.</summary>
    public DataflowGraph? TrainingGraph { get; init; }

    /// <summary>Trainable parameters, each module counted once however often it is called.</summary>
    public long TotalParameters { get; init; }

    /// <summary>True when the check could not run as asked (no class to choose, no input): the diagnostics say why.</summary>
    public bool IsUsageError { get; init; }

    /// <summary>The model-file checker's result; null for Python.</summary>
    public CheckResult? ModelFile { get; init; }

    /// <summary>The Python checker's result; null for model files.</summary>
    public PythonCheckResult? Python { get; init; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
