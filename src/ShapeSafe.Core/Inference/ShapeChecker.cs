using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Inference;

/// <summary>
/// Runs a model file's layers through their shape rules, in order, from the input shape. Pure
/// arithmetic: no tensors, no TorchSharp. After an error it goes on with the shape the failing
/// layer would produce once fixed, so independent later errors are still reported.
/// </summary>
public static class ShapeChecker
{
    public static CheckResult Check(ModelFile file, Shape? inputOverride = null) => Check(file, inputOverride, LayerRegistry.Default, suggestFixes: true);

    internal static CheckResult Check(ModelFile file, Shape? inputOverride, LayerRegistry registry, bool suggestFixes)
    {
        var diagnostics = new List<Diagnostic>(file.Diagnostics);
        var input = inputOverride ?? file.Input?.Shape;
        if (input is null && file.Layers.Count > 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingInput, new SourceSpan(1, 1, 1)));
        }
        else if (file.Layers.Count == 0 && file.Diagnostics.Count == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.EmptyModel, new SourceSpan(1, 1, 1)));
        }

        var traces = new List<LayerTrace>(file.Layers.Count);
        var flow = new Flow(input);
        var firstErrorSeen = false;
        var seenNames = new Dictionary<string, LayerCall>(StringComparer.Ordinal);

        foreach (var call in file.Layers)
        {
            WarnOnRenamedDuplicate(call, seenNames, diagnostics);
            if (!registry.TryGet(call.Type, out var entry))
            {
                var near = Suggest.Closest(call.Type, registry.Names);
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnknownLayer, call.TypeSpan, call.Type,
                    near is null ? "; see docs/layers.md for the supported layers" : $"; did you mean '{near}'?") with
                {
                    Layer = new LayerRef(call.Line, call.Name ?? call.Type, call.Type),
                    Fixes = near is null ? [] : [new Fix($"use {near}", Applicability.MaybeIncorrect, [TextEdit.Replace(call.TypeSpan, near)])],
                });
                traces.Add(new LayerTrace { Call = call, Input = flow.Current });
                flow.Stop();
                firstErrorSeen = true;
                continue;
            }

            var argErrors = new List<Diagnostic>();
            var args = ArgumentBinder.Bind(call, entry.Type, entry.Signature, argErrors, entry.Rule.HasLazyVariant && !entry.IsLazy);
            diagnostics.AddRange(argErrors);
            if (args is null || flow.Current is null)
            {
                traces.Add(new LayerTrace { Call = call, Entry = entry, Args = args, Input = flow.Current });
                flow.Stop();
                firstErrorSeen |= args is null;
                continue;
            }

            var context = new LayerContext(call, entry.Type, args, flow.Origin(), flow.FlattenedFrom);
            var layerInput = flow.Current;
            LayerOutcome outcome;
            try
            {
                outcome = entry.Rule.Infer(context, layerInput);
            }
            catch (OverflowException)
            {
                outcome = LayerOutcome.Fail(context.Error(DiagnosticCatalog.OutputSizeInvalid, call.CallSpan, context.Name,
                    "the sizes overflow a 64-bit integer; PyTorch could not allocate this layer either"));
            }

            diagnostics.AddRange(outcome.Warnings);
            Shape? assumed;
            if (outcome.Failure is { } failure)
            {
                var enriched = suggestFixes && !firstErrorSeen ? ModelFixes.Enrich(failure, file, traces, call, flow, input, registry) : failure;
                diagnostics.Add(enriched);
                firstErrorSeen = true;
                assumed = outcome.RecoveredOutput;
            }
            else
            {
                assumed = outcome.Output;
            }

            var trace = new LayerTrace
            {
                Call = call,
                Entry = entry,
                Args = args,
                Input = layerInput,
                Output = firstErrorSeen ? null : outcome.Output,
                AssumedOutput = assumed,
                Outcome = outcome,
                ReceptiveField = flow.Advance(outcome.Window),
            };
            traces.Add(trace);
            flow.MoveTo(call, entry.Rule.Type, layerInput, assumed);
        }

        return new CheckResult(file, input, traces, diagnostics);
    }

    private static void WarnOnRenamedDuplicate(LayerCall call, Dictionary<string, LayerCall> seen, List<Diagnostic> diagnostics)
    {
        if (call.Name is null)
        {
            return;
        }

        if (seen.TryGetValue(call.Name, out var earlier))
        {
            // The same name with the same constructor is how a reused module (self.pool twice) is written: fine.
            var same = earlier.Type == call.Type && Signature(earlier) == Signature(call);
            if (!same)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.DuplicateName, call.TypeSpan, call.Name, earlier.Line) with
                {
                    Layer = new LayerRef(call.Line, call.Name, call.Type),
                });
            }
        }
        else
        {
            seen[call.Name] = call;
        }

        static string Signature(LayerCall c) => string.Join(", ", c.Arguments.Select(a => $"{a.Keyword}={a.Value.ToPython()}"));
    }
}
