using ShapeSafe.Dataflow;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>Calls: arguments (with <c>*args</c> / <c>**kwargs</c>), functions written in the file, builtins, classes and modules.</summary>
public sealed partial class Interpreter
{
    private PyValue EvaluateCall(CallExpr c, Frame frame)
    {
        var callee = Evaluate(c.Func, frame);
        if (callee is PyBuiltin { Name: "super" } && c.Arguments.Count == 0)
        {
            return frame.Function?.DefiningClass is { } cls && frame.FirstArgument is { } self ? new PySuper(cls, self) : Unknown("super() outside a method", c);
        }

        var args = EvaluateArguments(c.Arguments, frame);
        if (callee is PyBuiltin { Name: "super" })
        {
            return args.Positional is [PyClass start, var instance] ? new PySuper(start, instance) : Unknown("super() with arguments not known", c);
        }

        var result = Call(callee, args, c);
        if (c.Func is AttributeExpr { Value: NameExpr receiver, Attr: var method } && InPlaceReshapes.Contains(method)
            && result is PyTensor && frame.Locals.Variables.TryGetValue(receiver.Id, out var before) && before is PyTensor)
        {
            // x.unsqueeze_(0) changes x itself: later reads of x see the new shape (the result is the same tensor).
            frame.Locals.Set(receiver.Id, result);
        }

        return result;
    }

    /// <summary>Tensor methods that change their receiver's shape in place.</summary>
    private static readonly HashSet<string> InPlaceReshapes = new(StringComparer.Ordinal) { "squeeze_", "unsqueeze_", "transpose_", "t_", "swapaxes_", "swapdims_", "resize_", "resize_as_", "as_strided_" };

    private CallArgs EvaluateArguments(IReadOnlyList<CallArgument> arguments, Frame frame)
    {
        var allPositional = true;
        for (var i = 0; i < arguments.Count && allPositional; i++)
        {
            allPositional = arguments[i].Kind == ArgumentKind.Positional;
        }

        if (allPositional)
        {
            // The common case (self.conv(x), torch.cat([a, b], 1)): exact arrays, no lists.
            if (arguments.Count == 0)
            {
                return CallArgs.Empty;
            }

            var evaluated = new PyValue[arguments.Count];
            var expressions = new Expr?[arguments.Count];
            for (var i = 0; i < evaluated.Length; i++)
            {
                evaluated[i] = Evaluate(arguments[i].Value, frame);
                expressions[i] = arguments[i].Value;
            }

            return new CallArgs(evaluated, expressions, [], [], []);
        }

        var positional = new List<PyValue>(arguments.Count);
        var positionalExprs = new List<Expr?>(arguments.Count);
        List<string>? names = null;
        List<PyValue>? values = null;
        List<Expr?>? exprs = null;
        var unknownSpread = false;
        foreach (var a in arguments)
        {
            switch (a.Kind)
            {
                case ArgumentKind.Positional:
                    positional.Add(Evaluate(a.Value, frame));
                    positionalExprs.Add(a.Value);
                    break;
                case ArgumentKind.Keyword:
                    (names ??= []).Add(a.Keyword!);
                    (values ??= []).Add(Evaluate(a.Value, frame));
                    (exprs ??= []).Add(a.Value);
                    break;
                case ArgumentKind.Star:
                {
                    var spread = Evaluate(a.Value, frame);
                    if (Iterate(spread, a.Value) is { } items)
                    {
                        // *layers: the items have no expression of their own.
                        positional.AddRange(items);
                        for (var i = 0; i < items.Count; i++)
                        {
                            positionalExprs.Add(null);
                        }
                    }
                    else
                    {
                        unknownSpread = true;
                    }

                    break;
                }

                case ArgumentKind.DoubleStar:
                {
                    if (Evaluate(a.Value, frame) is PyDict d)
                    {
                        for (var i = 0; i < d.Keys.Count; i++)
                        {
                            if (d.Keys[i] is PyStr key)
                            {
                                (names ??= []).Add(key.Value);
                                (values ??= []).Add(d.Values[i]);
                                (exprs ??= []).Add(null);
                            }
                        }
                    }
                    else
                    {
                        unknownSpread = true;
                    }

                    break;
                }
            }
        }

        return new CallArgs([.. positional], [.. positionalExprs], names is null ? [] : [.. names], values is null ? [] : [.. values], exprs is null ? [] : [.. exprs])
        {
            HasUnknownSpread = unknownSpread,
        };
    }

    /// <summary>Calls <paramref name="callee"/> as Python would, at <paramref name="at"/>.</summary>
    internal PyValue Call(PyValue callee, CallArgs args, Expr at)
    {
        if (!Step())
        {
            return Unknown("the work limit was reached", at);
        }

        switch (callee)
        {
            case PyFunction f:
                return Invoke(f, args, at);
            case PyBoundMethod m:
                return Invoke(m.Function, args.Prepend(m.Self), at);
            case PyBuiltin b:
            {
                var isMethod = b.Self is PyTensor;
                var call = new TorchCall(this, b.Name, isMethod ? NodeKind.CallMethod : NodeKind.CallFunction, b.Self, isMethod ? args.Prepend(b.Self!) : args, at);
                PyValue result;
                try
                {
                    result = call.Run(b.Function);
                }
                catch (OverflowException)
                {
                    // A size or count beyond 64 bits that a rule did not catch itself: unknown, never a false alarm.
                    return Unknown($"{b.Name} with a size beyond 64 bits", at);
                }

                return b.Self is null && Graph is null && result is PyTensor made ? WithInit(made, b.Name, call) : result;
            }

            case PyClass cls:
                return cls.IsModule ? ConstructUserModule(cls, args, at) : ConstructObject(cls, args, at);
            case PyTorchClass tc:
                return ConstructTorch(tc, args, at);
            case PyModule module:
                return CallModule(module, args, at);
            case PyUnknown u:
                if (u.IsName)
                {
                    Note(SpanOf(at), u.Reason, "the checker does not model this call");
                }

                return new PyUnknown($"the result of {u.Reason}", SpanOf(at));
            case PyNamespace ns:
                Note(SpanOf(at), ns.Name, "the checker does not model this call");
                return Unknown($"the result of {ns.Name}", at);
            default:
                Note(SpanOf(at), TextOf(at), $"calling a {callee.TypeName} is not followed");
                return Unknown($"the result of {TextOf(at)}", at);
        }
    }

    /// <summary>A tensor made in <c>__init__</c> by a factory, marked with how it was made (for a module's parameters and buffers).</summary>
    private static PyTensor WithInit(PyTensor tensor, string factory, TorchCall call)
    {
        var init = factory switch
        {
            "torch.randn" or "torch.rand" or "torch.zeros" or "torch.ones" or "torch.empty" => new TensorInit(factory["torch.".Length..]),
            "torch.full" => new TensorInit("full", call.Double(1, "fill_value")),
            "torch.tensor" or "torch.as_tensor" or "torch.FloatTensor" or "torch.LongTensor" =>
                new TensorInit("tensor", call.Arg(0, "data") is PyInt or PyFloat or PyBool ? call.Double(0, "data") : null),
            _ => null,
        };
        return init is null ? tensor : new PyTensor(tensor.Shape, tensor.Node)
        {
            BatchAxis = tensor.BatchAxis,
            DType = tensor.DType,
            Origin = tensor.Origin,
            Init = init,
        };
    }

    /// <summary>Runs a function written in the file with its parameters bound as Python binds them.</summary>
    internal PyValue Invoke(PyFunction f, CallArgs args, Python.Syntax.Node at)
    {
        if (f.IsGenerator)
        {
            Note(SpanOf(at), f.Name + "()", "generator functions are not followed");
            return new PyUnknown($"the generator {f.Name}()", SpanOf(at));
        }

        if (_frames.Count >= _limits.MaxDepth)
        {
            StopAtLimit($"calls nested more than {_limits.MaxDepth} deep");
            return new PyUnknown("the work limit was reached", SpanOf(at));
        }

        var scope = new Scope(f.Closure, f.Closure.Globals);
        var first = BindParameters(f, args, scope);
        var frame = new Frame(scope, f, first);
        _frames.Add(frame);
        var savedSpan = _statementSpan;
        var savedOffset = _statementOffset;
        try
        {
            if (f.LambdaBody is not null)
            {
                return Evaluate(f.LambdaBody, frame);
            }

            var completion = Execute(f.Body!, frame);
            return completion == Completion.Return ? frame.ReturnValue
                : completion == Completion.Abort ? new PyUnknown($"{f.Name}() did not finish", SpanOf(at))
                : PyNone.Instance;
        }
        finally
        {
            _frames.RemoveAt(_frames.Count - 1);
            _statementSpan = savedSpan;
            _statementOffset = savedOffset;
        }
    }

    /// <summary>Binds arguments to parameters (positional, keyword, defaults, *args, **kwargs); a missing one is unknown.</summary>
    private PyValue? BindParameters(PyFunction f, CallArgs args, Scope scope)
    {
        var parameters = f.Parameters;
        var used = new bool[args.Names.Length];
        var position = 0;
        PyValue? first = null;
        List<PyValue>? rest = null;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            PyValue? value = null;
            switch (p.Kind)
            {
                case ParameterKind.VarPositional:
                    rest = [];
                    while (position < args.Positional.Length)
                    {
                        rest.Add(args.Positional[position++]);
                    }

                    value = new PyTuple([.. rest]);
                    break;
                case ParameterKind.VarKeyword:
                {
                    var kwargs = new PyDict();
                    for (var k = 0; k < args.Names.Length; k++)
                    {
                        if (!used[k])
                        {
                            kwargs.Set(new PyStr(args.Names[k]), args.NamedValues[k]);
                            used[k] = true;
                        }
                    }

                    value = kwargs;
                    break;
                }

                default:
                    if (p.Kind != ParameterKind.KeywordOnly && position < args.Positional.Length)
                    {
                        value = args.Positional[position++];
                    }
                    else if (p.Kind != ParameterKind.PositionalOnly && args.IndexOfName(p.Name) is var k and >= 0)
                    {
                        value = args.NamedValues[k];
                        used[k] = true;
                    }
                    else if (f.Defaults[i] is { } d)
                    {
                        value = d;
                    }
                    else
                    {
                        value = new PyUnknown(args.HasUnknownSpread ? $"the argument {p.Name} (passed through *args or **kwargs)" : $"the argument {p.Name} of {f.Name}() (not given)", _statementSpan);
                    }

                    break;
            }

            if (i == 0)
            {
                first = value;
            }

            scope.Set(p.Name, value);
        }

        return first;
    }

    private PyValue ConstructObject(PyClass cls, CallArgs args, Expr at)
    {
        var obj = new PyObject(cls);
        if (cls.TryLookup("__init__", out var init) && init is PyFunction f)
        {
            Invoke(f, args.Prepend(obj), at);
        }

        return obj;
    }

    private PyValue ConstructUserModule(PyClass cls, CallArgs args, Expr at)
    {
        var module = new PyUserModule(new ModuleInfo(string.Empty, cls.Name, null) { IsUserClass = true }, cls);
        if (cls.TryLookup("__init__", out var init) && init is PyFunction f)
        {
            var result = Invoke(f, args.Prepend(module), at);
            if (result is PyUnknown)
            {
                module.Incomplete = true;
            }
        }
        else if (cls.HasUnknownBase)
        {
            module.Incomplete = true;
        }

        return module;
    }
}
