using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// A layer applied to a tensor: the layer's shape rule runs on the input shape; a failure is reported at the call in
/// <c>forward</c> (where PyTorch raises) with the constructor as a related location and the rule's fixes kept; checking
/// goes on with the recovered output. Also the module methods (<c>add_module</c>, <c>append</c>, <c>register_buffer</c>, ...).
/// </summary>
public sealed partial class Interpreter
{
    private Dataflow.Node? RecordLayerCall(PyLayer layer, string name, ShapeSafe.Syntax.SourceSpan span, PyTensor input, CallArgs args, ShapeSafe.Shapes.Shape? output)
    {
        if (Graph is null)
        {
            return null;
        }

        var (positional, kwargs) = ToArgs(args);
        return Record(NodeKind.CallModule, name, span, [input], output, string.Empty, layer.Info, positional, kwargs);
    }

    private PyValue ApplyLayer(PyLayer layer, PyTensor input, CallArgs args, Expr at)
    {
        var span = SpanOf(at);
        var name = NameOf(layer);
        if (layer.Args is null || input.Shape is null)
        {
            var unknownNode = RecordLayerCall(layer, name, span, input, args, null);
            return new PyTensor(null, unknownNode) { BatchAxis = -1 };
        }

        var call = layer.NamedCall(name);
        var shape = input.Shape;
        var context = new LayerContext(call, layer.Entry.Type, layer.Args, () => input.Origin?.ToString() ?? "the input", input.FlattenedFrom)
        {
            BatchAxis = input.BatchAxis,
        };
        LayerOutcome outcome;
        try
        {
            outcome = layer.Entry.Rule.Infer(context, shape);
        }
        catch (OverflowException)
        {
            outcome = LayerOutcome.Fail(context.Error(DiagnosticCatalog.OutputSizeInvalid, call.CallSpan, context.Name,
                "the sizes overflow a 64-bit integer; PyTorch could not allocate this layer either"));
        }

        outcome = ShapeSafe.Inference.TensorLimitCheck.Apply(context, outcome);
        foreach (var warning in outcome.Warnings)
        {
            Report(warning);
        }

        Shape? output;
        if (outcome.Failure is { } failure)
        {
            Report(Relocate(failure, layer, name, span));
            output = outcome.RecoveredOutput;
        }
        else
        {
            output = outcome.Output;
            WarnOnLayerUse(layer, name, input, args, at);
        }

        if (outcome.Parameters > 0)
        {
            layer.Info.OwnParameters = outcome.Parameters;
        }

        var node = RecordLayerCall(layer, name, span, input, args, output);
        if (output is null)
        {
            return new PyTensor(null, node);
        }

        var ruleType = layer.Entry.RuleType;
        var flattened = ruleType == "Flatten" && output.Rank < shape.Rank ? shape : output.Equals(shape) ? input.FlattenedFrom : null;
        var spatial = (ruleType.Contains("Conv", StringComparison.Ordinal) || ruleType.Contains("Pool", StringComparison.Ordinal)) && output.Rank > 2
            || (output.Equals(shape) && input.IsSpatial);
        var batch = input.BatchAxis == 0 && output.Rank > 0 && !(ruleType == "Flatten" && layer.Args["start_dim"] is { Int: 0 }) ? 0 : -1;
        return new PyTensor(output, node)
        {
            BatchAxis = batch,
            FlattenedFrom = flattened,
            IsSpatial = spatial,
            Origin = output.Equals(shape) || ruleType == "Flatten" ? input.Origin : new TensorOrigin(name, span.Line, output, input.Origin),
        };
    }

    /// <summary>
    /// Moves a rule's failure to the call in <c>forward</c> and points back at the constructor; the rule's fixes stay, and are
    /// machine-applicable only when the constructor call ran once and the edited text is a literal or arithmetic of literals.
    /// </summary>
    private Diagnostic Relocate(Diagnostic failure, PyLayer layer, string name, SourceSpan span)
    {
        var constructorSpan = failure.Span.IsNone ? layer.Call.CallSpan : failure.Span;
        var note = $"{name} = {layer.Site.Text} constructed here";
        if (layer.Args is not null)
        {
            foreach (var (parameter, value) in layer.Args.All)
            {
                if (value.Span == failure.Span && !value.Span.IsNone)
                {
                    note += $": {parameter} = {value.ToPython()}";
                    break;
                }
            }
        }

        var related = new List<RelatedLocation> { new(constructorSpan, note) };
        related.AddRange(failure.Related);
        var fixes = new List<Fix>(failure.Fixes.Count);
        foreach (var fix in failure.Fixes)
        {
            var safe = fix.Applicability == Applicability.MachineApplicable && layer.Site.Runs == 1 && EditsLiterals(fix, layer.Call);
            fixes.Add(safe || fix.Applicability != Applicability.MachineApplicable ? fix : fix with { Applicability = Applicability.MaybeIncorrect });
        }

        return failure with
        {
            Span = span,
            Related = related,
            Fixes = fixes,
            Layer = new LayerRef(layer.Call.Line, name, layer.Entry.Type),
        };
    }

    /// <summary>True when every edit replaces an argument written as a literal or arithmetic of literals (or the type name).</summary>
    private static bool EditsLiterals(Fix fix, LayerCall call)
    {
        foreach (var edit in fix.Edits)
        {
            if (edit.Span == call.TypeSpan || (edit.Span.Line == call.Line && edit.Span.Column == call.TypeSpan.Column))
            {
                continue;
            }

            var literal = false;
            foreach (var argument in call.Arguments)
            {
                if (argument.Value.Span == edit.Span)
                {
                    literal = IsLiteralArithmetic(argument.Value.Text);
                    break;
                }
            }

            if (!literal)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLiteralArithmetic(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsDigit(c) || c is ' ' or '*' or '+' or '-' or '/' or '(' or ')' or '.' or ',' or '_'))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>The silent bugs PyTorch does not raise: Linear on an unflattened feature map, softmax over the batch.</summary>
    private void WarnOnLayerUse(PyLayer layer, string name, PyTensor input, CallArgs args, Expr at)
    {
        var ruleType = layer.Entry.RuleType;
        if (ruleType == "Linear" && input.IsSpatial && input.Shape is { Rank: > 2 } shape)
        {
            var variable = args.ExprOf(0, "input") is NameExpr n ? n.Id : null;
            Report(Diagnostic.Create(DiagnosticCatalog.MissingFlatten, SpanOf(at), name, shape.Rank, shape.ToTorchString(), input.Origin?.Name ?? "a convolution") with
            {
                Layer = new LayerRef(layer.Call.Line, name, layer.Entry.Type),
                Fixes = variable is null ? [] : [FlattenFix(variable)],
            });
        }

        if (ruleType is "Softmax" or "LogSoftmax" or "Softmin" && layer.Args?["dim"] is { Kind: ArgKind.Int } dim)
        {
            WarnSoftmaxOverBatch(input, dim.Int, name, SpanOf(at), dim.Span.IsNone ? null : dim.Span);
        }
    }

    /// <summary><c>x = torch.flatten(x, 1)</c> inserted before the current statement, indented as it.</summary>
    internal Fix FlattenFix(string variable)
    {
        var line = LineTextAt(_statementOffset);
        var indent = line[..(line.Length - line.TrimStart().Length)];
        return new Fix($"flatten {variable} per sample before this call", Applicability.MaybeIncorrect,
            [TextEdit.InsertLine(_statementSpan.Line, $"{indent}{variable} = torch.flatten({variable}, 1)")]);
    }

    /// <summary>Warns when a softmax-like op normalizes over the dimension that holds the batch.</summary>
    internal void WarnSoftmaxOverBatch(PyTensor input, long dim, string name, SourceSpan span, SourceSpan? dimSpan)
    {
        if (input.Shape is not { Rank: >= 2 } shape || input.BatchAxis < 0)
        {
            return;
        }

        var wrapped = dim < 0 ? dim + shape.Rank : dim;
        if (wrapped != input.BatchAxis)
        {
            return;
        }

        var fixes = dimSpan is { } s ? new List<Fix> { new("normalize over the last dimension (the classes)", Applicability.MaybeIncorrect, [TextEdit.Replace(s, "-1")]) } : [];
        Report(Diagnostic.Create(DiagnosticCatalog.SoftmaxOverBatch, span, name, dim, shape.ToTorchString()) with { Fixes = fixes });
    }

    /// <summary>Methods every nn.Module has, and those of the containers; null for other names.</summary>
    private PyValue? ModuleMethod(PyModule m, string name, Expr at)
    {
        switch (name)
        {
            case "forward":
            case "__call__":
                return new PyBuiltin(name, call => CallModule(m, call.Args, at), m);
            case "add_module":
            case "register_module":
                return new PyBuiltin(name, call =>
                {
                    if (Str(call.Arg(0, "name") ?? PyNone.Instance) is { } child && call.Arg(1, "module") is { } value)
                    {
                        SetAttribute(m, child, value, at);
                    }
                    else if (m is PyUserModule user)
                    {
                        user.Incomplete = true;
                    }

                    return PyNone.Instance;
                }, m);
            case "register_buffer":
            case "register_parameter":
                return new PyBuiltin(name, call =>
                {
                    if (Str(call.Arg(0, "name") ?? PyNone.Instance) is { } attribute)
                    {
                        var tensor = call.Arg(1, name == "register_buffer" ? "tensor" : "param") ?? PyNone.Instance;
                        m.Attributes[attribute] = tensor;
                        if (tensor is PyTensor t && Graph is null)
                        {
                            var persistent = name != "register_buffer" || call.Bool(2, "persistent", true) != false;
                            m.Info.SetTensor(new ModuleTensor(attribute, t.Shape, t.Init ?? TensorInit.Unknown, persistent),
                                name == "register_buffer" ? ModuleTensorKind.Buffer : ModuleTensorKind.Parameter);
                        }
                    }

                    return PyNone.Instance;
                }, m);
            case "to":
            case "cuda":
            case "cpu":
            case "float":
            case "double":
            case "half":
            case "train":
            case "eval":
            case "requires_grad_":
            case "apply":
            case "type":
                return new PyBuiltin(name, _ => m, m);
            case "zero_grad":
                return new PyBuiltin(name, _ => PyNone.Instance, m);
            case "children":
            case "modules":
            case "named_children":
                return new PyBuiltin(name, _ =>
                {
                    var list = new List<PyValue>();
                    if (name == "modules")
                    {
                        list.Add(m);
                    }

                    foreach (var (childName, child) in m.Children)
                    {
                        list.Add(name == "named_children" ? new PyTuple([new PyStr(childName), child]) : child);
                    }

                    return new PyList(list);
                }, m);
        }

        if (m is not PyContainer c)
        {
            return null;
        }

        switch (name)
        {
            case "append":
                return new PyBuiltin(name, call =>
                {
                    c.Append(call.Arg(0, "module") ?? PyNone.Instance);
                    return c;
                }, m);
            case "extend":
                return new PyBuiltin(name, call =>
                {
                    if (Iterate(call.Arg(0, "modules") ?? PyNone.Instance, at) is { } items)
                    {
                        foreach (var item in items)
                        {
                            c.Append(item);
                        }
                    }

                    return c;
                }, m);
            case "insert":
                return new PyBuiltin(name, call =>
                {
                    if (call.Long(0, "index") is { } index && call.Arg(1, "module") is { } module)
                    {
                        var items = c.Items;
                        var i = (int)Math.Clamp(index < 0 ? index + items.Count : index, 0, items.Count);
                        items.Insert(i, module);
                        c.Renumber(items);
                    }

                    return PyNone.Instance;
                }, m);
            case "keys":
            case "values":
            case "items":
                return new PyBuiltin(name, _ =>
                {
                    var list = new List<PyValue>(c.Count);
                    foreach (var childName in c.ChildNames)
                    {
                        c.TryGetChild(childName, out var child);
                        list.Add(name == "keys" ? new PyStr(childName) : name == "values" ? child : new PyTuple([new PyStr(childName), child]));
                    }

                    return new PyList(list);
                }, m);
        }

        return null;
    }
}
