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

    internal static CheckResult Check(ModelFile file, Shape? inputOverride, LayerRegistry registry, bool suggestFixes) =>
        Run(file, inputOverride, registry, suggestFixes, null);

    /// <summary>
    /// Checks the layers in order. With a <paramref name="probe"/> (the input-size search of <see cref="ModelFixes"/>), stops
    /// after the probe's last layer, or at the first diagnostic the probe stops on; the diagnostics up to there are the same.
    /// </summary>
    internal static CheckResult Run(ModelFile file, Shape? inputOverride, LayerRegistry registry, bool suggestFixes, Probe? probe)
    {
        var diagnostics = new List<Diagnostic>(file.Diagnostics);
        var input = inputOverride ?? file.Input?.Shape;
        // An 'input' line that did not parse already has its SS0010; "no input shape" would only repeat it.
        if (input is null && file.Layers.Count > 0 && !file.Diagnostics.Any(d => d.Descriptor == DiagnosticCatalog.InvalidInput))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingInput, new SourceSpan(1, 1, 1)));
        }
        else if (file.Layers.Count == 0 && file.Diagnostics.Count == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.EmptyModel, new SourceSpan(1, 1, 1)));
        }

        var layers = file.Layers;
        var traces = new List<LayerTrace>(layers.Count);
        var flow = new Flow(input);
        var firstErrorSeen = false;
        var seenNames = new Dictionary<string, LayerCall>(layers.Count, StringComparer.Ordinal);
        var last = probe is null ? layers.Count - 1 : Math.Min(probe.LastLayer, layers.Count - 1);
        if (probe is not null && probe.StopsAt(diagnostics, 0, -1))
        {
            return new CheckResult(file, input, traces, diagnostics);
        }

        var parameters = System.Numerics.BigInteger.Zero;
        for (var index = 0; index <= last; index++)
        {
            var call = layers[index];
            var reported = diagnostics.Count;
            CheckLayer(file, call, registry, suggestFixes, input, diagnostics, traces, flow, seenNames, ref firstErrorSeen);
            if (traces[^1].Parameters > 0 && parameters <= TensorLimits.MaxElements)
            {
                parameters += traces[^1].Parameters;
                if (parameters > TensorLimits.MaxElements && traces[^1].Outcome?.Failure?.Descriptor != DiagnosticCatalog.TensorTooLarge)
                {
                    var name = call.Name ?? call.Type;
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.TensorTooLarge, call.CallSpan, name, DiagnosticCatalog.TooLargeWeights,
                        parameters.ToString(System.Globalization.CultureInfo.InvariantCulture)) with { Layer = new LayerRef(call.Line, name, call.Type) });
                    firstErrorSeen = true;
                }
            }

            if (probe is not null && probe.StopsAt(diagnostics, reported, index))
            {
                break;
            }
        }

        return new CheckResult(file, input, traces, diagnostics);
    }

    private static void CheckLayer(ModelFile file, LayerCall call, LayerRegistry registry, bool suggestFixes, Shape? input, List<Diagnostic> diagnostics,
        List<LayerTrace> traces, Flow flow, Dictionary<string, LayerCall> seenNames, ref bool firstErrorSeen)
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
            return;
        }

        // The binder's diagnostics go straight into the list: it adds nothing else to it.
        var args = ArgumentBinder.Bind(call, entry.Type, entry.Signature, diagnostics, entry.RuleHasLazyVariant && !entry.IsLazy);
        if (args is null || flow.Current is null)
        {
            traces.Add(new LayerTrace { Call = call, Entry = entry, Args = args, Input = flow.Current });
            flow.Stop();
            firstErrorSeen |= args is null;
            return;
        }

        var layerInput = flow.Current;
        var context = new LayerContext(call, entry.Type, args, flow.OriginFactory, flow.FlattenedFrom)
        {
            // The declared input's first dimension is the batch; it stays at axis 0 while the layers keep it there.
            BatchAxis = input is { Rank: > 0 } && layerInput.Rank > 0 && layerInput[0].SameAs(input[0]) ? 0 : -1,
        };
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

        outcome = TensorLimitCheck.Apply(context, outcome);

        if (outcome.Warnings.Count > 0)
        {
            diagnostics.AddRange(outcome.Warnings);
        }

        Shape? assumed;
        if (outcome.Failure is { } failure)
        {
            var enriched = suggestFixes && !firstErrorSeen ? ModelFixes.Enrich(failure, file, traces.Count, call, flow, input, registry) : failure;
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
        flow.MoveTo(call, entry.RuleType, layerInput, assumed);
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
            // (A reused layer's line shares the defining call's arguments.)
            var same = ReferenceEquals(earlier.Arguments, call.Arguments) || earlier.Signature == call.Signature;
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
    }
}
