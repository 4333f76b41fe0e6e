using ShapeSafe.Diagnostics;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers;

/// <summary>
/// Binds a call's arguments to a signature with Python's rules (positional in order, then keywords;
/// no unknown, duplicate or missing ones) and checks each value's type. Returns diagnostics; never throws.
/// </summary>
public static class ArgumentBinder
{
    public static BoundArgs? Bind(LayerCall call, string displayType, LayerSignature signature, List<Diagnostic> diagnostics, bool hasLazyVariant)
    {
        var values = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
        var explicitNames = new HashSet<string>(StringComparer.Ordinal);
        if (signature.AcceptsAnyArguments)
        {
            return new BoundArgs(values, explicitNames);
        }

        var ok = true;
        var positionalParams = signature.Parameters.Where(p => !p.KeywordOnly).ToArray();
        var positional = call.Positional.ToArray();
        var inferableGivenPositionally = false;

        if (positional.Length > positionalParams.Length)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.TooManyPositional, positional[positionalParams.Length].Value.Span,
                displayType, positionalParams.Length, positional.Length) with { Layer = LayerRefOf(call, displayType) });
            return null; // as Python, report this alone: the other arguments' meaning is unclear
        }

        for (var i = 0; i < Math.Min(positional.Length, positionalParams.Length); i++)
        {
            values[positionalParams[i].Name] = positional[i].Value;
            explicitNames.Add(positionalParams[i].Name);
            inferableGivenPositionally |= positionalParams[i].Inferable;
        }

        foreach (var arg in call.Keywords)
        {
            var name = arg.Keyword!;
            var spec = signature.Find(name);
            if (spec is null)
            {
                var near = Suggest.Closest(name, signature.Parameters.Select(p => p.Name));
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnknownArgument, arg.KeywordSpan, displayType, name,
                    near is null ? $"; its arguments are ({signature})" : $"; did you mean '{near}'?") with
                {
                    Layer = LayerRefOf(call, displayType),
                    Fixes = near is null ? [] : [new Fix($"rename '{name}' to '{near}'", Applicability.MaybeIncorrect, [TextEdit.Replace(arg.KeywordSpan, near)])],
                });
                ok = false;
                continue;
            }

            if (!values.TryAdd(name, arg.Value))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.DuplicateArgument, arg.KeywordSpan, displayType, name) with { Layer = LayerRefOf(call, displayType) });
                ok = false;
                continue;
            }

            explicitNames.Add(name);
        }

        foreach (var spec in signature.Parameters)
        {
            if (values.TryGetValue(spec.Name, out var given))
            {
                if (!TypeMatches(spec.Type, given))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ArgumentType, given.Span, displayType, spec.Name, Describe(spec.Type), given.PythonTypeName)
                        with { Layer = LayerRefOf(call, displayType) });
                    ok = false;
                }

                continue;
            }

            if (spec.Default is not null)
            {
                values[spec.Name] = spec.Default;
            }
            else if (spec.Required)
            {
                diagnostics.Add(MissingDiagnostic(call, displayType, signature, spec, inferableGivenPositionally && hasLazyVariant));
                ok = false;
            }
        }

        return ok ? new BoundArgs(values, explicitNames) : null;
    }

    private static Diagnostic MissingDiagnostic(LayerCall call, string displayType, LayerSignature signature, ParameterSpec missing, bool positionalSizeGiven)
    {
        var layer = LayerRefOf(call, displayType);
        if (!positionalSizeGiven)
        {
            return Diagnostic.Create(DiagnosticCatalog.MissingArgument, call.CallSpan, displayType, missing.Name, $"; its arguments are ({signature})") with { Layer = layer };
        }

        // Linear(128): PyTorch binds 128 to in_features. Say so, and offer both forms that mean "out_features=128, infer in_features".
        var inferable = signature.Parameters.First(p => p.Inferable);
        var argsText = string.Join(", ", call.Arguments.Select(a => a.Keyword is null ? a.Value.Text : $"{a.Keyword}={a.Value.Text}"));
        var firstPositional = call.Positional.First().Value;
        var secondName = signature.Parameters.First(p => !p.Inferable && !p.KeywordOnly).Name;
        var keywordForm = call.Positional.Count() == 1
            ? $"{secondName}={firstPositional.Text}"
            : argsText;
        var lazyName = "Lazy" + displayType;
        var typeAndArgsSpan = new SourceSpan(call.Line, call.TypeSpan.Column, call.CallSpan.EndColumn);
        var diagnostic = call.Positional.Count() == 1 && call.Arguments.Count == 1
            ? Diagnostic.Create(DiagnosticCatalog.PositionalLinear, call.CallSpan, displayType, firstPositional.Text)
            : Diagnostic.Create(DiagnosticCatalog.MissingArgument, call.CallSpan, displayType, missing.Name,
                $": the first positional argument is {inferable.Name}, as in PyTorch");
        return diagnostic with
        {
            Layer = layer,
            Notes = [$"PyTorch's signature is {displayType}({signature}); to have {inferable.Name} inferred, use {lazyName}(...) or pass the other sizes by keyword"],
            Fixes =
            [
                new Fix($"use {lazyName}, which infers {inferable.Name}", Applicability.MaybeIncorrect,
                    [TextEdit.Replace(typeAndArgsSpan, $"{lazyName}({argsText})")]),
                new Fix($"name the size so that {inferable.Name} is inferred", Applicability.MaybeIncorrect,
                    [TextEdit.Replace(typeAndArgsSpan, $"{displayType}({keywordForm})")]),
            ],
        };
    }

    internal static LayerRef LayerRefOf(LayerCall call, string displayType) => new(call.Line, call.Name ?? displayType, displayType);

    private static bool TypeMatches(ParamType type, ArgValue v) => type switch
    {
        ParamType.Int => v.Kind == ArgKind.Int,
        ParamType.OptionalInt => v.Kind is ArgKind.Int or ArgKind.None,
        ParamType.IntOrTuple => v.Kind == ArgKind.Int || (v.Kind == ArgKind.Tuple && v.Items.All(i => i.Kind == ArgKind.Int)),
        ParamType.IntTuple => v.Kind == ArgKind.Tuple && v.Items.All(i => i.Kind == ArgKind.Int),
        ParamType.Padding => v.Kind is ArgKind.Int or ArgKind.String || (v.Kind == ArgKind.Tuple && v.Items.All(i => i.Kind == ArgKind.Int)),
        ParamType.Float => v.Kind is ArgKind.Float or ArgKind.Int,
        ParamType.OptionalFloat => v.Kind is ArgKind.Float or ArgKind.Int or ArgKind.None,
        ParamType.OptionalFloatOrTuple => v.Kind is ArgKind.Float or ArgKind.Int or ArgKind.None
            || (v.Kind == ArgKind.Tuple && v.Items.All(i => i.Kind is ArgKind.Float or ArgKind.Int)),
        ParamType.OptionalIntOrTuple => v.Kind is ArgKind.Int or ArgKind.None
            || (v.Kind == ArgKind.Tuple && v.Items.All(i => i.Kind is ArgKind.Int or ArgKind.None)),
        ParamType.Bool => v.Kind == ArgKind.Bool,
        ParamType.OptionalBool => v.Kind is ArgKind.Bool or ArgKind.None,
        ParamType.String => v.Kind == ArgKind.String,
        _ => true,
    };

    private static string Describe(ParamType type) => type switch
    {
        ParamType.Int => "int",
        ParamType.OptionalInt => "int or None",
        ParamType.IntOrTuple => "int or tuple of ints",
        ParamType.IntTuple => "tuple of ints",
        ParamType.Padding => "int, tuple of ints, 'same' or 'valid'",
        ParamType.Float => "float",
        ParamType.OptionalFloat => "float or None",
        ParamType.OptionalFloatOrTuple => "float, tuple of floats or None",
        ParamType.OptionalIntOrTuple => "int, tuple of ints or None",
        ParamType.Bool => "bool",
        ParamType.OptionalBool => "bool or None",
        ParamType.String => "str",
        _ => "any value",
    };
}
