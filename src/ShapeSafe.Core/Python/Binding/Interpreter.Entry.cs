using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// The entry points the checker uses: read the module level (definitions only: the file's own top-level code never
/// runs), evaluate a chosen expression there, construct the model, and run its <c>forward</c> on placeholder tensors.
/// </summary>
public sealed partial class Interpreter
{
    private Frame? _moduleFrame;

    /// <summary>The frame of the module level (its scope is <see cref="Globals"/>).</summary>
    internal Frame ModuleFrame => _moduleFrame ??= new Frame(Globals, null, null);

    /// <summary>
    /// Reads the module level: imports, classes, functions, and assignments of constants, also inside <c>try</c> blocks.
    /// Calls at module level (training loops, data loading, the model's own use) are not run.
    /// </summary>
    public void ReadModuleLevel(ModuleNode module) => ReadDefinitions(module.Body);

    private void ReadDefinitions(IReadOnlyList<Stmt> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case ImportStmt or ImportFromStmt or FunctionDefStmt or ClassDefStmt:
                    Execute(statement, ModuleFrame);
                    break;
                case AssignStmt a when IsConstant(a.Value):
                    Execute(statement, ModuleFrame);
                    break;
                case AnnAssignStmt { Value: { } v } when IsConstant(v):
                    Execute(statement, ModuleFrame);
                    break;
                case TryStmt t:
                    ReadDefinitions(t.Body);
                    break;
                case IfStmt i when !IsMainGuard(i.Test):
                    // if torch.cuda.is_available(): ... and version checks: read the definitions of the first branch only.
                    ReadDefinitions(i.Body);
                    break;
            }

            if (_limitReached)
            {
                return;
            }
        }
    }

    /// <summary><c>__name__ == "__main__"</c>.</summary>
    internal static bool IsMainGuard(Expr test) =>
        test is CompareExpr { Left: NameExpr { Id: "__name__" } } or CompareExpr { Comparators: [NameExpr { Id: "__name__" }] };

    /// <summary>An expression with no call in it (or only calls of builtins and math on constants): safe and cheap to evaluate.</summary>
    private static bool IsConstant(Expr e) => e switch
    {
        IntExpr or FloatExpr or StringExpr or ConstantExpr or NameExpr => true,
        AttributeExpr a => IsConstant(a.Value),
        UnaryExpr u => IsConstant(u.Operand),
        BinaryExpr b => IsConstant(b.Left) && IsConstant(b.Right),
        TupleExpr t => t.Elements.All(IsConstant),
        ListExpr l => l.Elements.All(IsConstant),
        DictExpr d => d.Keys.All(k => k is null || IsConstant(k)) && d.Values.All(IsConstant),
        SubscriptExpr s => IsConstant(s.Value) && IsConstant(s.Index),
        SliceExpr s => (s.Lower is null || IsConstant(s.Lower)) && (s.Upper is null || IsConstant(s.Upper)) && (s.Step is null || IsConstant(s.Step)),
        CompareExpr c => IsConstant(c.Left) && c.Comparators.All(IsConstant),
        BoolOpExpr b => b.Values.All(IsConstant),
        IfExpr i => IsConstant(i.Test) && IsConstant(i.Body) && IsConstant(i.OrElse),
        CallExpr { Func: NameExpr { Id: "len" or "int" or "float" or "range" or "list" or "tuple" or "dict" or "min" or "max" or "sum" or "abs" or "round" } } c =>
            c.Arguments.All(a => IsConstant(a.Value)),
        CallExpr { Func: AttributeExpr { Value: NameExpr { Id: "math" } } } c => c.Arguments.All(a => IsConstant(a.Value)),
        LambdaExpr => true,
        _ => false,
    };

    /// <summary>Evaluates an expression at module level (an input tensor, a constructor argument) without keeping its notes.</summary>
    public PyValue EvaluateQuietly(Expr e, Scope scope)
    {
        var count = _diagnostics.Count;
        var value = Evaluate(e, new Frame(scope, null, null));
        TruncateDiagnostics(count);
        return value;
    }

    private void TruncateDiagnostics(int count)
    {
        if (_diagnostics.Count == count)
        {
            return;
        }

        _diagnostics.RemoveRange(count, _diagnostics.Count - count);
        _reportKeys.Clear();
        foreach (var d in _diagnostics)
        {
            _reportKeys.Add($"{d.Code}|{d.Span}|{d.Message}");
        }
    }

    /// <summary>Constructs the model: runs <c>__init__</c> with <paramref name="args"/> and names the module tree.</summary>
    public PyValue Construct(PyClass cls, CallArgs args, Expr at)
    {
        var model = Call(cls, args, at);
        if (model is PyModule m)
        {
            PlaceTree(m);
        }

        return model;
    }

    /// <summary>Runs <c>forward</c> of <paramref name="model"/> on placeholder tensors of <paramref name="inputs"/>, recording the graph.</summary>
    public PyValue RunForward(PyUserModule model, IReadOnlyList<Shape> inputs, DataflowGraph graph, Expr at)
    {
        Graph = graph;
        if (!model.Class.TryLookup("forward", out var forward) || forward is not PyFunction f)
        {
            Note(SpanOf(model.Class.Definition.NameRange), model.Class.Name, "it defines no forward method");
            return new PyUnknown("no forward", SpanOf(at));
        }

        var names = new List<string>();
        for (var i = 1; i < f.Parameters.Count; i++)
        {
            if (f.Parameters[i].Kind is ParameterKind.PositionalOnly or ParameterKind.PositionalOrKeyword)
            {
                names.Add(f.Parameters[i].Name);
            }
        }

        var required = 0;
        var accepted = 0;
        var varArgs = false;
        for (var i = 1; i < f.Parameters.Count; i++)
        {
            var p = f.Parameters[i];
            varArgs |= p.Kind == ParameterKind.VarPositional;
            if (p.Kind is ParameterKind.PositionalOnly or ParameterKind.PositionalOrKeyword)
            {
                accepted++;
                required += f.Defaults[i] is null ? 1 : 0;
            }
        }

        if (inputs.Count < required || (!varArgs && inputs.Count > accepted))
        {
            var takes = required == accepted ? Count(required) : $"{required} to {Count(accepted)}";
            Report(Diagnostic.Create(DiagnosticCatalog.ForwardArguments, SpanOf(model.Class.Definition.NameRange), model.Class.Name, takes,
                inputs.Count == 1 ? "1 was" : $"{inputs.Count} were") with
            {
                Notes = [$"forward({string.Join(", ", names)}) is called with {inputs.Count} input shape(s); give one shape per input"],
            });
        }

        var tensors = new PyValue[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var name = i < names.Count ? names[i] : $"input{i}";
            var node = Record(NodeKind.Placeholder, name, SpanOf(f.Parameters.Count > i + 1 ? f.Parameters[i + 1].NameRange : model.Class.Definition.NameRange), [], inputs[i], string.Empty);
            tensors[i] = new PyTensor(inputs[i], node) { BatchAxis = inputs[i].Rank > 0 ? 0 : -1 };
        }

        var result = Invoke(f, CallArgs.Of(tensors).Prepend(model), at);
        var outputs = new List<PyTensor>();
        PyTensors.Collect(result, outputs);
        var output = Record(NodeKind.Output, "output", _statementSpan, outputs, null, string.Empty, null, Graph is null ? null : [ToArg(result)]);
        if (output is not null)
        {
            output.Value = ToGraphValue(result);
        }

        return result;
    }

    private static string Count(int n) => n == 1 ? "1 input" : $"{n} inputs";

    /// <summary>A Python value as the graph's abstract value.</summary>
    public static GraphValue ToGraphValue(PyValue value) => value switch
    {
        PyTensor { Shape: { } s } => new TensorValue(s),
        PyTensor => new UnknownValue("a tensor of unknown shape"),
        PyInt i => new SizeValue(i.Value),
        PyTuple t => new SequenceValue([.. t.Items.Select(ToGraphValue)]),
        PyList l => new SequenceValue([.. l.Items.Select(ToGraphValue)]),
        PyFloat f => new ConstantValue(f.Value),
        PyBool b => new ConstantValue(b.Value),
        PyStr s => new ConstantValue(s.Value),
        PyNone => new ConstantValue(null),
        PyUnknown u => new UnknownValue(u.Reason),
        _ => new UnknownValue(value.TypeName),
    };
}
