using ShapeSafe.Dataflow;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// Python operators: on ints (as <see cref="Dim"/>: known or symbolic), floats, strings and sequences, and on tensors
/// (broadcasting element-wise ops and <c>@</c>, through the same bindings as <c>torch.add</c> and <c>torch.matmul</c>).
/// </summary>
public sealed partial class Interpreter
{
    internal PyValue Binary(BinaryOperator op, PyValue left, PyValue right, Expr at, bool inPlace)
    {
        if (left is PyTensor || right is PyTensor)
        {
            return TensorBinary(op, left, right, at, inPlace);
        }

        if (left is PyUnknown || right is PyUnknown)
        {
            return left as PyUnknown ?? (PyUnknown)right;
        }

        if (PyNumbers.IsNumber(left) && PyNumbers.IsNumber(right))
        {
            var value = Arithmetic(op, left, right, at);
            return Graph is not null && value is PyInt && (HasProvenance(left) || HasProvenance(right))
                ? SizeNode(NodeKind.Operator, OperatorNames.FromSymbol(Symbol(op)), SpanOf(at), [ToArg(left), ToArg(right)], NoKwargs, value)
                : value;
        }

        switch (op)
        {
            case BinaryOperator.Add when left is PyStr a && right is PyStr b:
                return new PyStr(a.Value + b.Value);
            case BinaryOperator.Add when left is PyList a && right is PyList b:
                if (inPlace)
                {
                    a.Items.AddRange(b.Items);
                    return a;
                }

                return new PyList([.. a.Items, .. b.Items]);
            case BinaryOperator.Add when left is PyList a && inPlace && Iterate(right, at) is { } extra:
                a.Items.AddRange(extra);
                return a;
            case BinaryOperator.Add when left is PyTuple a && right is PyTuple b:
                return new PyTuple([.. a.Items, .. b.Items], a.IsSize && b.IsSize);
            case BinaryOperator.Mult when (left is PyList or PyTuple or PyStr) && PyNumbers.ToLong(right) is { } n:
                return Repeat(left, n, at);
            case BinaryOperator.Mult when (right is PyList or PyTuple or PyStr) && PyNumbers.ToLong(left) is { } n:
                return Repeat(right, n, at);
            case BinaryOperator.Mod when left is PyStr format:
                return PercentFormat(format.Value, right) is { } formatted ? new PyStr(formatted) : Unknown($"{TextOf(at)}", at);
            case BinaryOperator.BitOr when left is PyDict a && right is PyDict b:
            {
                var merged = new PyDict();
                for (var i = 0; i < a.Keys.Count; i++)
                {
                    merged.Set(a.Keys[i], a.Values[i]);
                }

                for (var i = 0; i < b.Keys.Count; i++)
                {
                    merged.Set(b.Keys[i], b.Values[i]);
                }

                return merged;
            }
        }

        return Unknown($"{left.TypeName} {Symbol(op)} {right.TypeName}", at);
    }

    /// <summary>printf-style <c>"stage%d" % i</c> with %d, %i, %s, %r, %f and %%; null when a value is not known.</summary>
    private static string? PercentFormat(string format, PyValue values)
    {
        var args = values is PyTuple t ? t.Items : [values];
        var next = 0;
        var sb = new System.Text.StringBuilder(format.Length + 8);
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                sb.Append(format[i]);
                continue;
            }

            if (++i >= format.Length)
            {
                return null;
            }

            var spec = format[i];
            if (spec == '%')
            {
                sb.Append('%');
                continue;
            }

            if (next >= args.Length)
            {
                return null;
            }

            var value = args[next++];
            string? text = spec switch
            {
                'd' or 'i' => PyNumbers.ToLong(value) is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : value is PyFloat f ? ((long)Math.Truncate(f.Value)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                's' => Str(value),
                'r' => value is PyStr s ? "'" + s.Value + "'" : Str(value),
                'f' => PyNumbers.ToDouble(value) is { } d ? d.ToString("F6", System.Globalization.CultureInfo.InvariantCulture) : null,
                _ => null,
            };
            if (text is null)
            {
                return null;
            }

            sb.Append(text);
        }

        return next == args.Length ? sb.ToString() : null;
    }

    private PyValue Repeat(PyValue sequence, long times, Expr at)
    {
        var items = sequence switch
        {
            PyList l => l.Items,
            PyTuple t => [.. t.Items],
            _ => null,
        };
        if (sequence is PyStr s)
        {
            return times <= 0 ? PyStr.Empty : times * s.Value.Length > 100_000 ? Unknown("a long string", at) : new PyStr(string.Concat(Enumerable.Repeat(s.Value, (int)times)));
        }

        if (items is null || times * items.Count > _limits.MaxIterations)
        {
            return Unknown($"a {sequence.TypeName} repeated {times} times", at);
        }

        var result = new List<PyValue>();
        for (var i = 0; i < times; i++)
        {
            result.AddRange(items);
        }

        return sequence is PyTuple ? new PyTuple([.. result]) : new PyList(result);
    }

    private PyValue Arithmetic(BinaryOperator op, PyValue left, PyValue right, Expr at)
    {
        if (left is PyFloat || right is PyFloat || op is BinaryOperator.Div)
        {
            return FloatArithmetic(op, left, right, at);
        }

        var a = PyNumbers.ToDim(left)!.Value;
        var b = PyNumbers.ToDim(right)!.Value;
        try
        {
            switch (op)
            {
                case BinaryOperator.Add:
                    return PyInt.Of(a + b);
                case BinaryOperator.Sub:
                    return PyInt.Of(a - b);
                case BinaryOperator.Mult:
                    return PyInt.Of(a * b);
                case BinaryOperator.FloorDiv when !(b.IsKnown && b.Value == 0):
                    return PyInt.Of(Dim.FloorDiv(a, b));
                case BinaryOperator.Mod when !(b.IsKnown && b.Value == 0):
                    return PyInt.Of(Dim.Mod(a, b));
                case BinaryOperator.Pow when a.IsKnown && b.IsKnown:
                    return b.Value < 0 ? new PyFloat(Math.Pow(a.Value, b.Value)) : PyInt.Of(IntPow(a.Value, b.Value));
                case BinaryOperator.LShift when a.IsKnown && b.IsKnown && b.Value is >= 0 and < 63:
                    return PyInt.Of(checked(a.Value << (int)b.Value));
                case BinaryOperator.RShift when a.IsKnown && b.IsKnown && b.Value >= 0:
                    return PyInt.Of(b.Value >= 63 ? (a.Value < 0 ? -1 : 0) : a.Value >> (int)b.Value);
                case BinaryOperator.BitAnd when a.IsKnown && b.IsKnown:
                    return left is PyBool && right is PyBool ? PyBool.Of((a.Value & b.Value) != 0) : PyInt.Of(a.Value & b.Value);
                case BinaryOperator.BitOr when a.IsKnown && b.IsKnown:
                    return left is PyBool && right is PyBool ? PyBool.Of((a.Value | b.Value) != 0) : PyInt.Of(a.Value | b.Value);
                case BinaryOperator.BitXor when a.IsKnown && b.IsKnown:
                    return PyInt.Of(a.Value ^ b.Value);
            }
        }
        catch (OverflowException)
        {
            return Unknown("an integer beyond 64 bits", at);
        }

        return Unknown($"{left} {Symbol(op)} {right}", at);
    }

    private static long IntPow(long a, long b)
    {
        var result = 1L;
        for (var i = 0; i < b; i++)
        {
            result = checked(result * a);
        }

        return result;
    }

    private PyValue FloatArithmetic(BinaryOperator op, PyValue left, PyValue right, Expr at)
    {
        if (PyNumbers.ToDouble(left) is not { } a || PyNumbers.ToDouble(right) is not { } b)
        {
            return Unknown($"{left} {Symbol(op)} {right}", at);
        }

        return op switch
        {
            BinaryOperator.Add => new PyFloat(a + b),
            BinaryOperator.Sub => new PyFloat(a - b),
            BinaryOperator.Mult => new PyFloat(a * b),
            BinaryOperator.Div when b != 0 => new PyFloat(a / b),
            BinaryOperator.FloorDiv when b != 0 => new PyFloat(Math.Floor(a / b)),
            BinaryOperator.Mod when b != 0 => new PyFloat(a - (b * Math.Floor(a / b))),
            BinaryOperator.Pow => new PyFloat(Math.Pow(a, b)),
            _ => Unknown($"{left} {Symbol(op)} {right}", at),
        };
    }

    private PyValue TensorBinary(BinaryOperator op, PyValue left, PyValue right, Expr at, bool inPlace)
    {
        var name = Symbol(op) + (inPlace ? "=" : string.Empty);
        var call = new TorchCall(this, name, NodeKind.Operator, null, CallArgs.Of(left, right), at);
        return call.Run(c => op switch
        {
            BinaryOperator.MatMult => MatrixOps.Matmul(c, left, right),
            BinaryOperator.LShift or BinaryOperator.RShift => c.NotFollowed("shifts of tensors are not modelled"),
            _ => ElementwiseOps.Broadcast(c, left, right, inPlace),
        });
    }

    internal static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Sub => "-",
        BinaryOperator.Mult => "*",
        BinaryOperator.MatMult => "@",
        BinaryOperator.Div => "/",
        BinaryOperator.Mod => "%",
        BinaryOperator.Pow => "**",
        BinaryOperator.LShift => "<<",
        BinaryOperator.RShift => ">>",
        BinaryOperator.BitOr => "|",
        BinaryOperator.BitXor => "^",
        BinaryOperator.BitAnd => "&",
        _ => "//",
    };

    private PyValue Unary(UnaryOperator op, PyValue operand, UnaryExpr at)
    {
        if (op == UnaryOperator.Not)
        {
            return Truth(operand) is { } t ? PyBool.Of(!t) : operand is PyTensor ? UnaryTensor(operand, at, "~") : Unknown($"not {TextOf(at.Operand)}", at);
        }

        switch (operand)
        {
            case PyTensor:
                return UnaryTensor(operand, at, op == UnaryOperator.USub ? "neg" : op == UnaryOperator.Invert ? "~" : "pos");
            case PyInt or PyBool when PyNumbers.ToDim(operand) is { } d:
                try
                {
                    PyValue value = op switch
                    {
                        UnaryOperator.USub => PyInt.Of(-d),
                        UnaryOperator.UAdd => PyInt.Of(d),
                        _ => d.IsKnown ? PyInt.Of(~d.Value) : Unknown($"~{d}", at),
                    };
                    return Graph is not null && value is PyInt && HasProvenance(operand)
                        ? SizeNode(NodeKind.Operator, op == UnaryOperator.USub ? "neg" : op == UnaryOperator.UAdd ? "pos" : "invert", SpanOf(at), [ToArg(operand)], NoKwargs, value)
                        : value;
                }
                catch (OverflowException)
                {
                    return Unknown("an integer beyond 64 bits", at);
                }

            case PyFloat f:
                return op switch
                {
                    UnaryOperator.USub => new PyFloat(-f.Value),
                    UnaryOperator.UAdd => f,
                    _ => Unknown($"~{f}", at),
                };
            case PyUnknown u:
                return u;
            default:
                return Unknown(TextOf(at), at);
        }
    }

    private PyValue UnaryTensor(PyValue operand, Expr at, string name)
    {
        var tensor = (PyTensor)operand;
        return MakeTensor(NodeKind.Operator, name, SpanOf(at), tensor.Shape, tensor, [tensor], string.Empty, Graph is null ? null : [ToArg(tensor)]);
    }

    private PyValue BoolOp(BoolOpExpr b, Frame frame)
    {
        PyValue last = PyNone.Instance;
        foreach (var e in b.Values)
        {
            last = Evaluate(e, frame);
            var truth = Truth(last);
            if (truth is null)
            {
                return last is PyTensor && b.Op == BoolOperator.And ? Unknown(TextOf(b), b) : last as PyUnknown ?? Unknown(TextOf(b), b);
            }

            if (truth.Value == (b.Op == BoolOperator.Or))
            {
                return last;
            }
        }

        return last;
    }

    private PyValue Compare(CompareExpr c, Frame frame)
    {
        var left = Evaluate(c.Left, frame);
        PyValue result = PyBool.True;
        for (var i = 0; i < c.Ops.Count; i++)
        {
            var right = Evaluate(c.Comparators[i], frame);
            var r = CompareOne(c.Ops[i], left, right, c);
            if (r is PyTensor || c.Ops.Count == 1)
            {
                return r;
            }

            switch (Truth(r))
            {
                case false:
                    return PyBool.False;
                case null:
                    result = r;
                    break;
            }

            left = right;
        }

        return result;
    }

    private PyValue CompareOne(CompareOperator op, PyValue left, PyValue right, CompareExpr at)
    {
        switch (op)
        {
            case CompareOperator.Is:
            case CompareOperator.IsNot:
            {
                bool? same = left is PyUnknown || right is PyUnknown ? null
                    : ReferenceEquals(left, right) || (left is PyNone && right is PyNone) || (left is PyBool a && right is PyBool b && a.Value == b.Value);
                return same is null ? Unknown(TextOf(at), at) : PyBool.Of(same.Value == (op == CompareOperator.Is));
            }

            case CompareOperator.In:
            case CompareOperator.NotIn:
            {
                var contains = Contains(right, left);
                return contains is null ? Unknown(TextOf(at), at) : PyBool.Of(contains.Value == (op == CompareOperator.In));
            }
        }

        if (left is PyTensor || right is PyTensor)
        {
            var call = new TorchCall(this, CompareSymbol(op), NodeKind.Operator, null, CallArgs.Of(left, right), at);
            return ElementwiseOps.Broadcast(call, left, right, inPlace: false);
        }

        if (op is CompareOperator.Eq or CompareOperator.NotEq)
        {
            var eq = PyEquality.Equal(left, right);
            return eq is null ? Unknown(TextOf(at), at) : PyBool.Of(eq.Value == (op == CompareOperator.Eq));
        }

        int? order = null;
        if (PyNumbers.ToDim(left) is { } da && PyNumbers.ToDim(right) is { } db && !(left is PyFloat || right is PyFloat))
        {
            if (da.IsKnown && db.IsKnown)
            {
                order = da.Value.CompareTo(db.Value);
            }
        }
        else if (PyNumbers.ToDouble(left) is { } fa && PyNumbers.ToDouble(right) is { } fb)
        {
            order = fa.CompareTo(fb);
        }
        else if (left is PyStr sa && right is PyStr sb)
        {
            order = string.CompareOrdinal(sa.Value, sb.Value);
        }

        if (order is not { } o)
        {
            return Unknown(TextOf(at), at);
        }

        return PyBool.Of(op switch
        {
            CompareOperator.Lt => o < 0,
            CompareOperator.LtE => o <= 0,
            CompareOperator.Gt => o > 0,
            _ => o >= 0,
        });
    }

    private static string CompareSymbol(CompareOperator op) => op switch
    {
        CompareOperator.Eq => "==",
        CompareOperator.NotEq => "!=",
        CompareOperator.Lt => "<",
        CompareOperator.LtE => "<=",
        CompareOperator.Gt => ">",
        _ => ">=",
    };

    /// <summary>Python's <c>item in container</c>; null when not known.</summary>
    private static bool? Contains(PyValue container, PyValue item)
    {
        IReadOnlyList<PyValue>? items = container switch
        {
            PyList l => l.Items,
            PyTuple t => t.Items,
            PyDict d => d.Keys,
            _ => null,
        };
        if (container is PyStr s)
        {
            return item is PyStr sub ? s.Value.Contains(sub.Value, StringComparison.Ordinal) : null;
        }

        if (container is PyContainer { Kind: ContainerKind.ModuleDict } md)
        {
            return item is PyStr key ? md.TryGetChild(key.Value, out _) : null;
        }

        if (container is PyRange r && PyNumbers.ToLong(item) is { } v)
        {
            return r.Step > 0 ? v >= r.Start && v < r.Stop && (v - r.Start) % r.Step == 0 : v <= r.Start && v > r.Stop && (r.Start - v) % -r.Step == 0;
        }

        if (items is null)
        {
            return null;
        }

        var unknown = false;
        foreach (var candidate in items)
        {
            switch (PyEquality.Equal(candidate, item))
            {
                case true:
                    return true;
                case null:
                    unknown = true;
                    break;
            }
        }

        return unknown ? null : false;
    }
}
