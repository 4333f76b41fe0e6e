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
        if (signature.AcceptsAnyArguments)
        {
            return BoundArgs.None;
        }

        // Plain loops and arrays indexed like the signature: this runs for every layer of every check.
        var names = signature.Names;
        var values = new ArgValue?[names.Length];
        var explicitNames = new bool[names.Length];
        var ok = true;
        var positionalParams = signature.PositionalIndices;
        var arguments = call.Arguments;
        var inferableGivenPositionally = false;

        var positionalCount = 0;
        for (var a = 0; a < arguments.Count; a++)
        {
            var arg = arguments[a];
            if (arg.Keyword is not null)
            {
                continue;
            }

            if (positionalCount == positionalParams.Length)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.TooManyPositional, arg.Value.Span,
                    displayType, positionalParams.Length, CountPositional(arguments)) with { Layer = LayerRefOf(call, displayType) });
                return null; // as Python, report this alone: the other arguments' meaning is unclear
            }

            var index = positionalParams[positionalCount++];
            values[index] = arg.Value;
            explicitNames[index] = true;
            inferableGivenPositionally |= signature[index].Inferable;
        }

        for (var a = 0; a < arguments.Count; a++)
        {
            var arg = arguments[a];
            if (arg.Keyword is not { } name)
            {
                continue;
            }

            var index = signature.IndexOf(name);
            if (index < 0)
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

            if (values[index] is not null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.DuplicateArgument, arg.KeywordSpan, displayType, name) with { Layer = LayerRefOf(call, displayType) });
                ok = false;
                continue;
            }

            values[index] = arg.Value;
            explicitNames[index] = true;
        }

        for (var index = 0; index < names.Length; index++)
        {
            var spec = signature[index];
            if (values[index] is { } given)
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
                values[index] = spec.Default;
            }
            else if (spec.Required)
            {
                // Linear(128), Conv2d(16, kernel_size=3): the one positional size went to the inferable parameter and the
                // next size is missing, so the user most likely meant that size with the inferable one inferred.
                var sizeMeantForNext = hasLazyVariant && inferableGivenPositionally && positionalCount == 1
                    && spec == signature.Parameters.First(p => !p.Inferable && !p.KeywordOnly);
                diagnostics.Add(MissingDiagnostic(call, displayType, signature, spec, sizeMeantForNext));
                ok = false;
            }
        }

        return ok ? new BoundArgs(names, values, explicitNames) : null;
    }

    private static int CountPositional(IReadOnlyList<Argument> arguments)
    {
        var count = 0;
        foreach (var arg in arguments)
        {
            if (arg.Keyword is null)
            {
                count++;
            }
        }

        return count;
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
        var keywordForm = string.Join(", ", call.Arguments.Select(a => a.Keyword is null ? $"{secondName}={a.Value.Text}" : $"{a.Keyword}={a.Value.Text}"));
        var lazyName = "Lazy" + displayType;
        var typeAndArgsSpan = new SourceSpan(call.Line, call.TypeSpan.Column, call.CallSpan.EndColumn);
        var diagnostic = call.Arguments.Count == 1 && displayType == "Linear"
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
        ParamType.IntOrTuple => v.Kind == ArgKind.Int || (v.Kind == ArgKind.Tuple && ItemsAre(v, ArgKind.Int, ArgKind.Int)),
        ParamType.IntTuple => v.Kind == ArgKind.Tuple && ItemsAre(v, ArgKind.Int, ArgKind.Int),
        ParamType.Padding => v.Kind is ArgKind.Int or ArgKind.String || (v.Kind == ArgKind.Tuple && ItemsAre(v, ArgKind.Int, ArgKind.Int)),
        ParamType.Float => v.Kind is ArgKind.Float or ArgKind.Int,
        ParamType.OptionalFloat => v.Kind is ArgKind.Float or ArgKind.Int or ArgKind.None,
        ParamType.OptionalFloatOrTuple => v.Kind is ArgKind.Float or ArgKind.Int or ArgKind.None
            || (v.Kind == ArgKind.Tuple && ItemsAre(v, ArgKind.Float, ArgKind.Int)),
        ParamType.OptionalIntOrTuple => v.Kind is ArgKind.Int or ArgKind.None
            || (v.Kind == ArgKind.Tuple && ItemsAre(v, ArgKind.Int, ArgKind.None)),
        ParamType.Bool => v.Kind == ArgKind.Bool,
        ParamType.OptionalBool => v.Kind is ArgKind.Bool or ArgKind.None,
        ParamType.String => v.Kind == ArgKind.String,
        _ => true,
    };

    /// <summary>True when every item of the tuple is of kind <paramref name="a"/> or <paramref name="b"/>.</summary>
    private static bool ItemsAre(ArgValue tuple, ArgKind a, ArgKind b)
    {
        var items = tuple.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Kind != a && items[i].Kind != b)
            {
                return false;
            }
        }

        return true;
    }

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
