using System.Globalization;
using System.Text.RegularExpressions;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Turns what the hooks saw at a failure into a diagnostic in the module's own terms: the failing
/// module is restated as a model-file line (<c>fc1 = Linear(2048, 128)</c>) and run through the core's
/// shape rule on the recorded input, so the message and fix are the ones <c>shapesafe check</c> gives.
/// </summary>
internal static partial class FailureExplainer
{
    private const string TracePath = "<trace>";

    /// <summary>A submodule's forward raised: explain it with its rule, else report what is known and libtorch's text.</summary>
    public static Diagnostic ForModule(TracedCall failing, string raw, LayerRegistry registry)
    {
        var module = failing.Module;
        var input = failing.Input;
        var layer = new LayerRef(0, module.Path, module.Type);
        if (input is null)
        {
            return Diagnostic.Create(DiagnosticCatalog.TracedModuleFailed, SourceSpan.None, module.Line, "(not a single tensor)", raw) with
            {
                Layer = layer,
                RawMessage = raw,
            };
        }

        var flatten = FlattenSource.Find(failing.PreviousLeaf, input);
        var origin = InputOrigin(failing.PreviousLeaf, input, flatten);
        var explanation = Explain(module, input, flatten, registry, out var ruleAccepts);
        if (explanation is not null)
        {
            var rule = explanation.Rule;
            return rule with
            {
                MessageFormat = DiagnosticCatalog.TracedRuleMessage,
                Arguments = [module.Line, explanation.MessageAfterName, explanation.FixPhrase],
                Span = SourceSpan.None,
                Layer = layer,
                Expected = rule.Expected is { } e ? e with { Origin = ConstructedOrigin(e, module) } : null,
                Actual = rule.Actual is { } a ? a with { Origin = origin } : new Fact(input.ToString(), origin),
                Notes = rule.Notes.Where(n => !n.Contains(raw, StringComparison.Ordinal)).ToList(),
                Fixes = explanation.Fixes,
                RawMessage = raw,
            };
        }

        var notes = new List<string>();
        if (module.Description.Opaque)
        {
            notes.Add($"{module.Type} is a custom module: ShapeSafe cannot read its configuration, so the message is libtorch's");
        }
        else if (!module.Description.HasRule)
        {
            notes.Add($"ShapeSafe has no shape rule for {module.Type}, so the message is libtorch's");
        }
        else if (ruleAccepts)
        {
            notes.Add($"ShapeSafe's {module.Type} rule accepts {input} for this configuration: the error comes from the module's own forward");
        }

        if (module.Description.Unread.Count > 0)
        {
            notes.Add($"could not read {string.Join(", ", module.Description.Unread)} from the module");
        }

        return Diagnostic.Create(DiagnosticCatalog.TracedModuleFailed, SourceSpan.None, module.Line, input, raw) with
        {
            Layer = layer,
            Actual = new Fact(input.ToString(), origin),
            Notes = notes,
            RawMessage = raw,
        };
    }

    /// <summary>The forward code between modules raised (x.view(-1, 2048), torch.cat, ...): where it was, and what the last module made.</summary>
    public static Diagnostic ForCode(TracedCall? container, TracedCall? last, Shape input, string raw)
    {
        var inContainer = container is not null && last is not null && last.Index > (container.PreviousLeaf?.Index ?? 0);
        string where;
        if (container is null)
        {
            where = last is { Output: { } o } ? $"after {last.Label} produced {o}" : $"before any submodule ran, on the input {input}";
        }
        else if (inContainer && last is { Output: { } o })
        {
            where = $"in `{container.Module.Path}`'s forward, after {last.Label} produced {o}";
        }
        else
        {
            where = $"at the start of `{container.Module.Path}`'s forward, on its input {container.Input?.ToString() ?? "(not a single tensor)"}";
        }

        var producer = container is null || inContainer ? last : null;
        var shape = producer?.Output ?? (container is null ? input : container.Input);
        var notes = new List<string>();
        if (shape is not null && ViewNote(shape, raw) is { } note)
        {
            notes.Add(note);
        }

        return Diagnostic.Create(DiagnosticCatalog.TracedCodeFailed, SourceSpan.None, where, raw) with
        {
            Layer = producer is null ? null : new LayerRef(0, producer.Module.Path, producer.Module.Type),
            Actual = shape is null ? null : new Fact(shape.ToString(), producer is null ? "the input" : $"{producer.Label} produces it"),
            Notes = notes,
            RawMessage = raw,
        };
    }

    /// <summary>
    /// A module received a batch other than the input's because the code before it reshaped features into
    /// the batch (x.view(-1, 2048) of 1x32x16x16 gives 4x2048): a silent bug. Null when the call is fine.
    /// </summary>
    public static Diagnostic? ForBatchChange(TracedCall call, Shape traceInput, LayerRegistry registry)
    {
        var previous = call.PreviousLeaf is { Completed: true, Output: not null } p ? p : null;
        var before = previous?.Output ?? traceInput;
        if (call.Input is not { Rank: >= 2 } input || before.Rank < 3 || traceInput.Rank == 0
            || !input.IsFullyKnown || !before.IsFullyKnown || !traceInput[0].IsKnown
            || !before[0].SameAs(traceInput[0]) || input[0].SameAs(traceInput[0])
            || input[^1].SameAs(before[^1]) || input.KnownProduct(0) != before.KnownProduct(0))
        {
            return null;
        }

        var batch = traceInput[0];
        var then = MessagePart.Empty;
        if (before.KnownProduct(1) is { } features)
        {
            var perSample = Shape.Of(batch.Value, features);
            var flatten = new FlattenSource(before, 1, null, previous);
            if (Explain(call.Module, perSample, flatten, registry, out _) is { } explanation)
            {
                then = new MessagePart(DiagnosticCatalog.TracedBatchThen, [explanation.MessageAfterName, explanation.FixPhrase]);
            }
        }

        return Diagnostic.Create(DiagnosticCatalog.TracedBatchChanged, SourceSpan.None, call.Module.Line, input, batch,
            previous?.Label ?? "the start of forward", before, then) with
        {
            Layer = new LayerRef(0, call.Module.Path, call.Module.Type),
            Expected = new Fact(batch.ToString(), $"the batch of the input {traceInput}"),
            Actual = new Fact(input[0].ToString(), $"{call.Label} receives {input}"),
        };
    }

    /// <summary>Leaf modules that never ran: unused, or invoked with forward(), which runs no hooks.</summary>
    public static Diagnostic ForNotRun(IReadOnlyList<TracedModule> modules) =>
        Diagnostic.Create(DiagnosticCatalog.TracedNotRun, SourceSpan.None, string.Join(", ", modules.Select(m => $"`{m.Path}`"))) with
        {
            Notes = ["TorchSharp runs hooks from call() only: a submodule invoked with forward() runs, but has no row"],
        };

    /// <summary>
    /// Runs the core rule of <paramref name="module"/> on <paramref name="input"/> (after a Flatten line when
    /// the input was flattened, so fixes can give the product form). Null when there is no rule, the
    /// module's configuration does not bind, or the rule accepts the input (<paramref name="ruleAccepts"/>).
    /// </summary>
    internal static RuleExplanation? Explain(TracedModule module, Shape input, FlattenSource? flatten, LayerRegistry registry, out bool ruleAccepts)
    {
        ruleAccepts = false;
        if (!module.Description.HasRule || module.Description.Opaque)
        {
            return null;
        }

        var withFlatten = flatten is not null && registry.TryGet("Flatten", out _);
        var outcome = Check(module, input, withFlatten ? flatten : null, registry);
        if (outcome is null && withFlatten)
        {
            outcome = Check(module, input, null, registry);
            flatten = null;
        }

        if (outcome is not { } found)
        {
            return null;
        }

        if (found.Diagnostic is null)
        {
            ruleAccepts = true;
            return null;
        }

        var (call, rule) = (found.Call, found.Diagnostic);
        var fixes = new List<Fix>();
        string? fixedLine = null;
        foreach (var fix in rule.Fixes)
        {
            if (fix.Edits.Count == 0)
            {
                // Whole-model fixes (such as the input size) were computed on this one-layer stand-in, not on the module.
                continue;
            }

            if (fix.Edits.All(e => !e.InsertLineBefore && e.Span.Line == call.Line))
            {
                var line = Apply(call.LineText, fix.Edits);
                var construction = line.StartsWith(module.Path + " = ", StringComparison.Ordinal) ? line[(module.Path.Length + 3)..] : line;
                if (construction.StartsWith("Lazy", StringComparison.Ordinal))
                {
                    // TorchSharp has no Lazy modules.
                    continue;
                }

                fixes.Add(new Fix($"construct {module.Path} as {construction}", fix.Applicability, []));
                fixedLine ??= $"{module.Path} = {construction}";
            }
            else if (flatten is not null && fix.Edits.All(e => e.InsertLineBefore && e.Span.Line == 1))
            {
                var what = string.Join(", then ", fix.Edits.Select(e => e.NewText));
                var target = flatten.Producer is { } producer ? $" to the output of {producer.Label}" : string.Empty;
                var size = rule.Expected is { } expected ? $"{expected.Value} features" : "its configured size";
                fixes.Add(new Fix($"apply {what}{target} before it is flattened, so that {module.Path} receives {size} at any input size", fix.Applicability, []));
            }
        }

        var product = flatten?.ProductText is { } text && rule.Actual?.Number is { } actual && actual == flatten.Product ? text : null;
        return new RuleExplanation(rule, AfterName(rule), fixes, fixedLine, product);
    }

    private static (LayerCall Call, Diagnostic? Diagnostic)? Check(TracedModule module, Shape input, FlattenSource? flatten, LayerRegistry registry)
    {
        var layers = new List<LayerCall>();
        var checkInput = input;
        if (flatten is not null)
        {
            var arguments = flatten.Module is { } flattenModule
                ? flattenModule.Description.Arguments
                : flatten.StartDim == 1 ? [] : [new Argument("start_dim", SourceSpan.None, PyValues.Int(flatten.StartDim))];
            layers.Add(LayerCallBuilder.Build(flatten.Module?.Path, "Flatten", arguments, 1));
            checkInput = flatten.Before;
        }

        var call = LayerCallBuilder.Build(module.Path, module.Type, module.Description.Arguments, layers.Count + 1);
        layers.Add(call);
        var file = new ModelFile(TracePath, layers.Select(l => l.LineText).ToArray(), null, layers, []);
        var result = ShapeChecker.Check(file, checkInput);
        var last = result.Layers.Count == layers.Count ? result.Layers[^1] : null;
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        if (last?.Input is null || !last.Input.Equals(input) || errors.Any(e => !IsShapeCode(e) || e.Line != call.Line))
        {
            // The stand-in did not reproduce the recorded input, or the configuration did not bind to the rule's signature.
            return null;
        }

        return (call, errors.FirstOrDefault());
    }

    private static bool IsShapeCode(Diagnostic d) => string.CompareOrdinal(d.Code, "SS0100") >= 0 && string.CompareOrdinal(d.Code, "SS0200") < 0;

    /// <summary>
    /// The rule's message without the layer's name, rendered from its catalog template and typed arguments:
    /// "{0} expects {1} input features but receives {2}" → "expects 2048 input features but receives 8192".
    /// </summary>
    private static MessagePart AfterName(Diagnostic rule)
    {
        var format = rule.MessageFormat.Length == 0 ? rule.Descriptor.MessageFormat : rule.MessageFormat;
        foreach (var lead in (ReadOnlySpan<string>)["{0}: ", "{0} "])
        {
            if (format.StartsWith(lead, StringComparison.Ordinal))
            {
                return new MessagePart(format[lead.Length..], rule.Arguments);
            }
        }

        return new MessagePart("fails: {0}", [rule.Message]);
    }

    private static string Apply(string line, IReadOnlyList<TextEdit> edits)
    {
        var text = line;
        foreach (var edit in edits.OrderByDescending(e => e.Span.Column))
        {
            var start = Math.Clamp(edit.Span.Column - 1, 0, text.Length);
            var end = Math.Clamp(edit.Span.EndColumn - 1, start, text.Length);
            text = string.Concat(text.AsSpan(0, start), edit.NewText, text.AsSpan(end));
        }

        return text;
    }

    /// <summary>The rule's "in_features as written on line 2" restated for the module: "in_features of `fc1 = Linear(2048, 128)`".</summary>
    private static string ConstructedOrigin(Fact expected, TracedModule module) => expected.Argument switch
    {
        { IsDefault: false } written => $"{written.Parameter} of `{module.Line}`",
        { IsDefault: true } defaulted => $"the default of {defaulted.Parameter} in `{module.Line}`",
        _ => $"`{module.Line}` as constructed",
    };

    private static string InputOrigin(TracedCall? previous, Shape input, FlattenSource? flatten)
    {
        if (flatten is not null)
        {
            return flatten.Origin(input);
        }

        return previous switch
        {
            { Completed: true, Output: { } o } when o.Equals(input) => $"{previous.Label} produces {input}",
            { Completed: true, Output: { } o } => $"{previous.Label} produces {o}, which the forward code turns into {input}",
            _ => $"the input {input}",
        };
    }

    /// <summary>For libtorch's view/reshape error: the element count per sample, and what flattening per sample gives.</summary>
    private static string? ViewNote(Shape shape, string raw)
    {
        var match = ViewError().Match(raw);
        if (!match.Success || shape.Rank < 2 || !shape.IsFullyKnown || shape.KnownProduct(0) is not { } size
            || size != long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
        {
            return null;
        }

        var features = shape.KnownProduct(1)!.Value;
        var perSample = shape.Rank > 2 ? $" ({string.Join("*", shape.Skip(1).Select(d => d.ToString()))} per sample)" : string.Empty;
        return $"the tensor is {shape}, {size} elements{perSample}, which view [{match.Groups[1].Value}] cannot hold; "
            + $"flatten per sample with x.flatten(1) or x.view(x.size(0), -1) to get {shape[0]}x{features}, and construct the layer that takes it with {features} input features";
    }

    [GeneratedRegex(@"shape '\[([^\]]*)\]' is invalid for input of size (\d+)")]
    private static partial Regex ViewError();
}
