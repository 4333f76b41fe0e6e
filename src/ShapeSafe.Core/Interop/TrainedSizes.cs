using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;

namespace ShapeSafe.Interop;

/// <summary>
/// A checkpoint's layers were built at its own input: sizes the shape engine infers (LazyLinear's in_features,
/// a Lazy conv's in_channels) are fixed in its weights. Compares the sizes inferred for another input with the
/// trained ones; each difference is an SS0233 (the input would need another model).
/// </summary>
public static class TrainedSizes
{
    public static IReadOnlyList<Diagnostic> Compare(CheckResult trained, CheckResult given)
    {
        var diagnostics = new List<Diagnostic>();
        var count = Math.Min(trained.Layers.Count, given.Layers.Count);
        for (var i = 0; i < count; i++)
        {
            var was = trained.Layers[i];
            var now = given.Layers[i];
            if (was.Outcome is not { } before || now.Outcome is not { } after || was.Call.ReusedFrom is not null)
            {
                continue;
            }

            foreach (var (name, value) in before.Inferred)
            {
                if (after.Inferred.TryGetValue(name, out var needed) && needed != value)
                {
                    var diagnostic = Diagnostic.Create(DiagnosticCatalog.InputDoesNotFitCheckpoint, was.Call.CallSpan,
                        was.Name, was.Call.Line, name, value, trained.Input, given.Input, needed);
                    diagnostics.Add(diagnostic with { Layer = new LayerRef(was.Call.Line, was.Name, was.Type) });
                }
            }
        }

        return diagnostics;
    }
}
