namespace ShapeSafe.Python.Syntax;

/// <summary>Expressions: precedence climbing from lambda and if-else down to primaries and atoms.</summary>
public sealed partial class PythonParser
{
    private const int OrPrecedence = 1;
    private const int AndPrecedence = 2;
    private const int NotPrecedence = 3;
    private const int ComparePrecedence = 4;
    private const int BitOrPrecedence = 5;
    private const int BitXorPrecedence = 6;
    private const int BitAndPrecedence = 7;
    private const int ShiftPrecedence = 8;
    private const int ArithPrecedence = 9;
    private const int TermPrecedence = 10;
    private const int UnaryPrecedence = 11;
    private const int PowerPrecedence = 12;

    private static bool StartsExpression(PyTokenKind kind) => kind is PyTokenKind.Name or PyTokenKind.Number
        or PyTokenKind.String or PyTokenKind.LeftParen or PyTokenKind.LeftBracket or PyTokenKind.LeftBrace
        or PyTokenKind.Minus or PyTokenKind.Plus or PyTokenKind.Tilde or PyTokenKind.Not or PyTokenKind.Lambda
        or PyTokenKind.Await or PyTokenKind.None or PyTokenKind.True or PyTokenKind.False or PyTokenKind.Ellipsis;

    /// <summary><c>yield ...</c> or star expressions (an unparenthesized tuple when there are commas).</summary>
    private Expr ParseStarExpressionsOrYield() => Kind == PyTokenKind.Yield ? ParseYield() : ParseStarExpressions();

    private Expr ParseYield()
    {
        var start = Bump().Start;
        if (Eat(PyTokenKind.From))
        {
            var source = ParseExpression();
            return new YieldFromExpr(source, RangeFrom(start));
        }

        var value = StartsExpression(Kind) || Kind == PyTokenKind.Star ? ParseStarExpressions() : null;
        return new YieldExpr(value, RangeFrom(start));
    }

    /// <summary><c>a, *b, c</c>: one star expression, or an unparenthesized tuple of them (trailing comma included).</summary>
    private Expr ParseStarExpressions() => ParseExpressionList(named: false);

    /// <summary>As <see cref="ParseStarExpressions"/>, allowing <c>:=</c> in each element.</summary>
    private Expr ParseStarNamedExpressions() => ParseExpressionList(named: true);

    private Expr ParseExpressionList(bool named)
    {
        var start = CurStart;
        var first = named ? ParseStarOrNamed() : ParseStarOrExpression();
        if (Kind != PyTokenKind.Comma)
        {
            return first;
        }

        var elements = new List<Expr> { first };
        while (Eat(PyTokenKind.Comma))
        {
            if (!StartsExpression(Kind) && Kind != PyTokenKind.Star)
            {
                break;
            }

            elements.Add(named ? ParseStarOrNamed() : ParseStarOrExpression());
        }

        return new TupleExpr(elements, false, RangeFrom(start));
    }

    private Expr ParseStarOrExpression() => Kind == PyTokenKind.Star ? ParseStarred() : ParseExpression();

    private Expr ParseStarOrNamed()
    {
        var start = CurStart;
        var e = Kind == PyTokenKind.Star ? ParseStarred() : ParseNamedExpression();
        if (inPattern && Kind == PyTokenKind.As && PeekKind() == PyTokenKind.Name)
        {
            // Inside a case pattern, `[a as b]`: the capture is a NamedExpr, as at the pattern's top level.
            Bump();
            var name = Bump();
            e = new NamedExpr(new NameExpr(name.Value!, name.Range), e, RangeFrom(start));
        }

        return e;
    }

    private Expr ParseStarred()
    {
        var start = Bump().Start;
        var value = ParseBinary(BitOrPrecedence);
        return new StarredExpr(value, RangeFrom(start));
    }

    /// <summary><c>name := value</c> or an expression.</summary>
    private Expr ParseNamedExpression()
    {
        if (Kind != PyTokenKind.Name || PeekKind() != PyTokenKind.ColonEqual)
        {
            return ParseExpression();
        }

        var name = Bump();
        Bump();
        var value = ParseExpression();
        return new NamedExpr(new NameExpr(name.Value!, name.Range), value, RangeFrom(name.Start));
    }

    /// <summary>A full expression: lambda, or <c>a if b else c</c>, or a disjunction.</summary>
    private Expr ParseExpression()
    {
        if (!Enter())
        {
            return TooDeep();
        }

        var start = CurStart;
        Expr e;
        if (Kind == PyTokenKind.Lambda)
        {
            e = ParseLambda();
        }
        else
        {
            e = ParseBinary(OrPrecedence);
            if (Kind == PyTokenKind.If)
            {
                Bump();
                var test = ParseBinary(OrPrecedence);
                Expr orElse;
                if (Eat(PyTokenKind.Else))
                {
                    orElse = ParseExpression();
                }
                else
                {
                    ReportUnexpected("expected 'else' after 'if' expression");
                    orElse = new ErrorExpr(new TextRange(prevEnd, prevEnd));
                }

                e = new IfExpr(test, e, orElse, RangeFrom(start));
            }
        }

        Leave();
        return e;
    }

    private LambdaExpr ParseLambda()
    {
        var start = Bump().Start;
        var parameters = ParseParameters(PyTokenKind.Colon, annotations: false);
        Expr body;
        if (Eat(PyTokenKind.Colon))
        {
            body = ParseExpression();
        }
        else
        {
            ReportUnexpected("expected ':'");
            body = new ErrorExpr(new TextRange(prevEnd, prevEnd));
        }

        return new LambdaExpr(parameters, body, RangeFrom(start));
    }

    /// <summary>Precedence climbing for every operator whose precedence is at least <paramref name="minPrecedence"/>.</summary>
    private Expr ParseBinary(int minPrecedence)
    {
        if (!Enter())
        {
            return TooDeep();
        }

        var start = CurStart;
        Expr left;
        switch (Kind)
        {
            case PyTokenKind.Not:
            {
                if (minPrecedence > NotPrecedence)
                {
                    ReportUnexpected("invalid syntax");
                }

                Bump();
                var operand = ParseBinary(NotPrecedence);
                left = new UnaryExpr(UnaryOperator.Not, operand, RangeFrom(start));
                break;
            }

            case PyTokenKind.Minus or PyTokenKind.Plus or PyTokenKind.Tilde:
            {
                var op = Bump().Kind switch
                {
                    PyTokenKind.Minus => UnaryOperator.USub,
                    PyTokenKind.Plus => UnaryOperator.UAdd,
                    _ => UnaryOperator.Invert,
                };
                var operand = ParseBinary(UnaryPrecedence);
                left = new UnaryExpr(op, operand, RangeFrom(start));
                break;
            }

            case PyTokenKind.Await:
            {
                Bump();
                var operand = ParsePrimary();
                left = new AwaitExpr(operand, RangeFrom(start));
                break;
            }

            case PyTokenKind.Star:
            {
                ReportUnexpected("can't use starred expression here");
                Bump();
                var operand = ParseBinary(BitOrPrecedence);
                left = new StarredExpr(operand, RangeFrom(start));
                break;
            }

            default:
                left = ParsePrimary();
                break;
        }

        while (true)
        {
            var kind = Kind;
            var precedence = Precedence(kind);
            if (precedence == 0 || precedence < minPrecedence)
            {
                break;
            }

            if (kind is PyTokenKind.Or or PyTokenKind.And)
            {
                var values = new List<Expr> { left };
                while (Kind == kind)
                {
                    Bump();
                    values.Add(ParseBinary(precedence + 1));
                }

                left = new BoolOpExpr(kind == PyTokenKind.Or ? BoolOperator.Or : BoolOperator.And, values, RangeFrom(start));
                continue;
            }

            if (precedence == ComparePrecedence)
            {
                var ops = new List<CompareOperator>();
                var comparators = new List<Expr>();
                while (CompareOperatorAt() is { } op)
                {
                    Bump();
                    if (op is CompareOperator.NotIn or CompareOperator.IsNot)
                    {
                        Bump();
                    }

                    ops.Add(op);
                    comparators.Add(ParseBinary(BitOrPrecedence));
                }

                left = new CompareExpr(left, ops, comparators, RangeFrom(start));
                continue;
            }

            Bump();
            var right = ParseBinary(kind == PyTokenKind.DoubleStar ? UnaryPrecedence : precedence + 1);
            left = new BinaryExpr(left, BinaryOperatorOf(kind), right, RangeFrom(start));
        }

        Leave();
        return left;
    }

    private int Precedence(PyTokenKind kind) => kind switch
    {
        PyTokenKind.Or => OrPrecedence,
        PyTokenKind.And => AndPrecedence,
        PyTokenKind.Less or PyTokenKind.Greater or PyTokenKind.EqualEqual or PyTokenKind.NotEqual or PyTokenKind.LessEqual
            or PyTokenKind.GreaterEqual or PyTokenKind.In or PyTokenKind.Is => ComparePrecedence,
        PyTokenKind.Not when PeekKind() == PyTokenKind.In => ComparePrecedence,
        PyTokenKind.Pipe => BitOrPrecedence,
        PyTokenKind.Caret => BitXorPrecedence,
        PyTokenKind.Ampersand => BitAndPrecedence,
        PyTokenKind.LeftShift or PyTokenKind.RightShift => ShiftPrecedence,
        PyTokenKind.Plus or PyTokenKind.Minus => ArithPrecedence,
        PyTokenKind.Star or PyTokenKind.Slash or PyTokenKind.DoubleSlash or PyTokenKind.Percent or PyTokenKind.At => TermPrecedence,
        PyTokenKind.DoubleStar => PowerPrecedence,
        _ => 0,
    };

    private CompareOperator? CompareOperatorAt() => Kind switch
    {
        PyTokenKind.EqualEqual => CompareOperator.Eq,
        PyTokenKind.NotEqual => CompareOperator.NotEq,
        PyTokenKind.Less => CompareOperator.Lt,
        PyTokenKind.LessEqual => CompareOperator.LtE,
        PyTokenKind.Greater => CompareOperator.Gt,
        PyTokenKind.GreaterEqual => CompareOperator.GtE,
        PyTokenKind.In => CompareOperator.In,
        PyTokenKind.Is => PeekKind() == PyTokenKind.Not ? CompareOperator.IsNot : CompareOperator.Is,
        PyTokenKind.Not when PeekKind() == PyTokenKind.In => CompareOperator.NotIn,
        _ => null,
    };

    private static BinaryOperator BinaryOperatorOf(PyTokenKind kind) => kind switch
    {
        PyTokenKind.Plus => BinaryOperator.Add,
        PyTokenKind.Minus => BinaryOperator.Sub,
        PyTokenKind.Star => BinaryOperator.Mult,
        PyTokenKind.At => BinaryOperator.MatMult,
        PyTokenKind.Slash => BinaryOperator.Div,
        PyTokenKind.Percent => BinaryOperator.Mod,
        PyTokenKind.DoubleStar => BinaryOperator.Pow,
        PyTokenKind.LeftShift => BinaryOperator.LShift,
        PyTokenKind.RightShift => BinaryOperator.RShift,
        PyTokenKind.Pipe => BinaryOperator.BitOr,
        PyTokenKind.Caret => BinaryOperator.BitXor,
        PyTokenKind.Ampersand => BinaryOperator.BitAnd,
        _ => BinaryOperator.FloorDiv,
    };

    /// <summary>An atom followed by any number of <c>.name</c>, <c>(args)</c> and <c>[index]</c> trailers (a loop, not recursion).</summary>
    private Expr ParsePrimary()
    {
        var start = CurStart;
        var e = ParseAtom();
        while (true)
        {
            switch (Kind)
            {
                case PyTokenKind.Dot:
                {
                    Bump();
                    if (Kind == PyTokenKind.Name)
                    {
                        var name = Bump();
                        e = new AttributeExpr(e, name.Value!, name.Range, RangeFrom(start));
                        continue;
                    }

                    ReportUnexpected("invalid syntax");
                    return new AttributeExpr(e, string.Empty, new TextRange(prevEnd, prevEnd), RangeFrom(start));
                }

                case PyTokenKind.LeftParen:
                {
                    var arguments = ParseArguments(Bump(), out _);
                    e = new CallExpr(e, arguments, RangeFrom(start));
                    continue;
                }

                case PyTokenKind.LeftBracket:
                {
                    var open = Bump();
                    var index = ParseSlices();
                    ExpectClosing(PyTokenKind.RightBracket, open);
                    e = new SubscriptExpr(e, index, RangeFrom(start));
                    continue;
                }

                default:
                    return e;
            }
        }
    }

    /// <summary>Call arguments after '(' through ')': positional, <c>k=v</c>, <c>*a</c>, <c>**k</c>, or one bare generator.</summary>
    private IReadOnlyList<CallArgument> ParseArguments(PyToken open, out bool closed)
    {
        var arguments = new List<CallArgument>();
        var sawKeyword = false;
        var trailingComma = false;
        while (Kind != PyTokenKind.RightParen && !AtLineEnd && Kind is not (PyTokenKind.Indent or PyTokenKind.Dedent))
        {
            var argumentStart = CurStart;
            CallArgument argument;
            switch (Kind)
            {
                case PyTokenKind.Star:
                {
                    Bump();
                    var value = ParseExpression();
                    argument = new CallArgument(ArgumentKind.Star, null, value, RangeFrom(argumentStart));
                    break;
                }

                case PyTokenKind.DoubleStar:
                {
                    Bump();
                    sawKeyword = true;
                    var value = ParseExpression();
                    argument = new CallArgument(ArgumentKind.DoubleStar, null, value, RangeFrom(argumentStart));
                    break;
                }

                case PyTokenKind.Name when PeekKind() == PyTokenKind.Equal:
                {
                    var name = Bump();
                    Bump();
                    sawKeyword = true;
                    var value = ParseExpression();
                    argument = new CallArgument(ArgumentKind.Keyword, name.Value, value, RangeFrom(argumentStart));
                    break;
                }

                default:
                {
                    var value = ParseNamedExpression();
                    if (Kind == PyTokenKind.For || (Kind == PyTokenKind.Async && PeekKind() == PyTokenKind.For))
                    {
                        var generators = ParseComprehensions();
                        value = new GeneratorExpr(value, generators, RangeFrom(argumentStart));
                    }
                    else if (Kind == PyTokenKind.Equal)
                    {
                        Error(new TextRange(value.Range.Start, Cur.End), "expression cannot contain assignment, perhaps you meant \"==\"?");
                        Bump();
                        ParseExpression();
                    }
                    else if (sawKeyword && value is not ErrorExpr)
                    {
                        Error(value.Range, "positional argument follows keyword argument");
                    }

                    argument = new CallArgument(ArgumentKind.Positional, null, value, RangeFrom(argumentStart));
                    break;
                }
            }

            arguments.Add(argument);
            trailingComma = Eat(PyTokenKind.Comma);
            if (!trailingComma)
            {
                break;
            }
        }

        closed = Kind == PyTokenKind.RightParen;
        ExpectClosing(PyTokenKind.RightParen, open);

        // A sole generator argument owns the call's parentheses, as in CPython.
        if (closed && arguments.Count == 1 && arguments[0] is { Kind: ArgumentKind.Positional, Value: GeneratorExpr gen } only
            && !trailingComma)
        {
            var range = new TextRange(open.Start, prevEnd);
            arguments[0] = only with { Value = gen with { Range = range }, Range = range };
        }

        return arguments;
    }

    /// <summary>The index inside <c>[...]</c>: one item, or an unparenthesized tuple of slices and expressions.</summary>
    private Expr ParseSlices()
    {
        var start = CurStart;
        var first = ParseSliceItem();
        if (Kind != PyTokenKind.Comma)
        {
            return first;
        }

        var elements = new List<Expr> { first };
        while (Eat(PyTokenKind.Comma))
        {
            if (Kind == PyTokenKind.RightBracket)
            {
                break;
            }

            elements.Add(ParseSliceItem());
        }

        return new TupleExpr(elements, false, RangeFrom(start));
    }

    private Expr ParseSliceItem()
    {
        var start = CurStart;
        Expr? lower = null;
        if (Kind != PyTokenKind.Colon)
        {
            lower = Kind == PyTokenKind.Star ? ParseStarred() : ParseNamedExpression();
            if (Kind != PyTokenKind.Colon)
            {
                return lower;
            }
        }

        Bump();
        var upper = StartsExpression(Kind) ? ParseExpression() : null;
        Expr? step = null;
        if (Eat(PyTokenKind.Colon) && StartsExpression(Kind))
        {
            step = ParseExpression();
        }

        return new SliceExpr(lower, upper, step, RangeFrom(start));
    }

    private Expr ParseAtom()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case PyTokenKind.Name:
                Bump();
                return new NameExpr(t.Value!, t.Range);
            case PyTokenKind.Number:
                Bump();
                return NumberNode(t);
            case PyTokenKind.String:
                return ParseStrings();
            case PyTokenKind.None:
                Bump();
                return new ConstantExpr(ConstantKind.None, t.Range);
            case PyTokenKind.True:
                Bump();
                return new ConstantExpr(ConstantKind.True, t.Range);
            case PyTokenKind.False:
                Bump();
                return new ConstantExpr(ConstantKind.False, t.Range);
            case PyTokenKind.Ellipsis:
                Bump();
                return new ConstantExpr(ConstantKind.Ellipsis, t.Range);
            case PyTokenKind.LeftParen:
                return ParseParenthesized();
            case PyTokenKind.LeftBracket:
                return ParseList();
            case PyTokenKind.LeftBrace:
                return ParseBrace();
            case PyTokenKind.Lambda:
                return ParseLambda();
            case PyTokenKind.Yield:
                ReportUnexpected("invalid syntax");
                return ParseYield();
            case PyTokenKind.Error:
                ReportUnexpected("invalid syntax");
                Bump();
                return new ErrorExpr(t.Range);
            default:
                return MissingExpression();
        }
    }

    /// <summary>Where an expression was expected: a diagnostic, and an error node (the stray token is consumed unless it can end a construct).</summary>
    private ErrorExpr MissingExpression()
    {
        ReportUnexpected("invalid syntax");
        var t = Cur;
        if (t.Kind is PyTokenKind.Newline or PyTokenKind.EndOfFile or PyTokenKind.Indent or PyTokenKind.Dedent
            or PyTokenKind.RightParen or PyTokenKind.RightBracket or PyTokenKind.RightBrace or PyTokenKind.Comma
            or PyTokenKind.Colon or PyTokenKind.Semicolon or PyTokenKind.Equal or PyTokenKind.Arrow
            || AugmentedOperator(t.Kind) is not null || t.Kind is PyTokenKind.For or PyTokenKind.If or PyTokenKind.Else or PyTokenKind.In or PyTokenKind.As)
        {
            return new ErrorExpr(new TextRange(prevEnd, prevEnd));
        }

        Bump();
        return new ErrorExpr(t.Range);
    }

    private Expr NumberNode(PyToken t)
    {
        var span = text.AsSpan(t.Start, t.Range.Length);
        if ((t.Flags & PyTokenFlags.Int) != 0)
        {
            if (!PyNumber.TryParseInt(span, out var value, out var error))
            {
                Error(t.Range, error!);
            }

            return new IntExpr(value, span.ToString(), t.Range);
        }

        if ((t.Flags & PyTokenFlags.Imaginary) != 0)
        {
            return new ImaginaryExpr(PyNumber.ParseFloat(span[..^1]), t.Range);
        }

        return new FloatExpr(PyNumber.ParseFloat(span), t.Range);
    }

    private Expr ParseParenthesized()
    {
        var open = Bump();
        var start = open.Start;
        if (Eat(PyTokenKind.RightParen))
        {
            return new TupleExpr(NoExprs, true, RangeFrom(start));
        }

        Expr result;
        if (Kind == PyTokenKind.Yield)
        {
            result = ParseYield();
            ExpectClosing(PyTokenKind.RightParen, open);
        }
        else
        {
            var first = ParseStarOrNamed();
            if (Kind == PyTokenKind.For || (Kind == PyTokenKind.Async && PeekKind() == PyTokenKind.For))
            {
                var generators = ParseComprehensions();
                ExpectClosing(PyTokenKind.RightParen, open);
                result = new GeneratorExpr(first, generators, RangeFrom(start));
            }
            else if (Kind == PyTokenKind.Comma)
            {
                var elements = new List<Expr> { first };
                while (Eat(PyTokenKind.Comma) && Kind != PyTokenKind.RightParen)
                {
                    elements.Add(ParseStarOrNamed());
                }

                ExpectClosing(PyTokenKind.RightParen, open);
                result = new TupleExpr(elements, true, RangeFrom(start));
            }
            else
            {
                ExpectClosing(PyTokenKind.RightParen, open);
                result = first;
            }
        }

        return result;
    }

    private Expr ParseList()
    {
        var open = Bump();
        var start = open.Start;
        if (Eat(PyTokenKind.RightBracket))
        {
            return new ListExpr(NoExprs, RangeFrom(start));
        }

        Expr result;
        var first = ParseStarOrNamed();
        if (Kind == PyTokenKind.For || (Kind == PyTokenKind.Async && PeekKind() == PyTokenKind.For))
        {
            var generators = ParseComprehensions();
            ExpectClosing(PyTokenKind.RightBracket, open);
            result = new ListCompExpr(first, generators, RangeFrom(start));
        }
        else
        {
            var elements = new List<Expr> { first };
            while (Eat(PyTokenKind.Comma) && Kind != PyTokenKind.RightBracket)
            {
                elements.Add(ParseStarOrNamed());
            }

            ExpectClosing(PyTokenKind.RightBracket, open);
            result = new ListExpr(elements, RangeFrom(start));
        }

        return result;
    }

    private Expr ParseBrace()
    {
        var open = Bump();
        var start = open.Start;
        if (Eat(PyTokenKind.RightBrace))
        {
            return new DictExpr(Array.Empty<Expr?>(), NoExprs, RangeFrom(start));
        }

        Expr result;
        if (Kind == PyTokenKind.DoubleStar)
        {
            Bump();
            result = ParseDictRest(open, null, ParseBinary(BitOrPrecedence));
        }
        else
        {
            var first = ParseStarOrNamed();
            if (Eat(PyTokenKind.Colon))
            {
                var value = ParseExpression();
                if (Kind == PyTokenKind.For || (Kind == PyTokenKind.Async && PeekKind() == PyTokenKind.For))
                {
                    var generators = ParseComprehensions();
                    ExpectClosing(PyTokenKind.RightBrace, open);
                    result = new DictCompExpr(first, value, generators, RangeFrom(start));
                }
                else
                {
                    result = ParseDictRest(open, first, value);
                }
            }
            else if (Kind == PyTokenKind.For || (Kind == PyTokenKind.Async && PeekKind() == PyTokenKind.For))
            {
                var generators = ParseComprehensions();
                ExpectClosing(PyTokenKind.RightBrace, open);
                result = new SetCompExpr(first, generators, RangeFrom(start));
            }
            else
            {
                var elements = new List<Expr> { first };
                while (Eat(PyTokenKind.Comma) && Kind != PyTokenKind.RightBrace)
                {
                    elements.Add(ParseStarOrNamed());
                }

                ExpectClosing(PyTokenKind.RightBrace, open);
                result = new SetExpr(elements, RangeFrom(start));
            }
        }

        return result;
    }

    private DictExpr ParseDictRest(PyToken open, Expr? firstKey, Expr firstValue)
    {
        var keys = new List<Expr?> { firstKey };
        var values = new List<Expr> { firstValue };
        while (Eat(PyTokenKind.Comma) && Kind != PyTokenKind.RightBrace)
        {
            if (Eat(PyTokenKind.DoubleStar))
            {
                keys.Add(null);
                values.Add(ParseBinary(BitOrPrecedence));
                continue;
            }

            var key = ParseExpression();
            keys.Add(key);
            if (Eat(PyTokenKind.Colon))
            {
                values.Add(ParseExpression());
            }
            else
            {
                ReportUnexpected("':' expected after dictionary key");
                values.Add(new ErrorExpr(new TextRange(prevEnd, prevEnd)));
            }
        }

        ExpectClosing(PyTokenKind.RightBrace, open);
        return new DictExpr(keys, values, RangeFrom(open.Start));
    }

    /// <summary>One or more <c>[async] for target in iter [if cond]...</c> clauses.</summary>
    private IReadOnlyList<Comprehension> ParseComprehensions()
    {
        var generators = new List<Comprehension>();
        while (Kind == PyTokenKind.For || (Kind == PyTokenKind.Async && PeekKind() == PyTokenKind.For))
        {
            var start = CurStart;
            var isAsync = Eat(PyTokenKind.Async);
            Bump();
            var target = ParseTargetList();
            CheckTarget(target, "assign to");
            Expr iter;
            if (Eat(PyTokenKind.In))
            {
                iter = ParseBinary(OrPrecedence);
            }
            else
            {
                ReportUnexpected("invalid syntax");
                iter = new ErrorExpr(new TextRange(prevEnd, prevEnd));
            }

            var ifs = new List<Expr>();
            while (Eat(PyTokenKind.If))
            {
                ifs.Add(ParseBinary(OrPrecedence));
            }

            generators.Add(new Comprehension(target, iter, ifs, isAsync, RangeFrom(start)));
        }

        return generators;
    }

    /// <summary>Targets of <c>for</c> (statement or comprehension): items parsed above comparisons, so <c>in</c> ends them.</summary>
    private Expr ParseTargetList()
    {
        var start = CurStart;
        var first = ParseTargetItem();
        if (Kind != PyTokenKind.Comma)
        {
            return first;
        }

        var elements = new List<Expr> { first };
        while (Eat(PyTokenKind.Comma))
        {
            if (!StartsExpression(Kind) && Kind != PyTokenKind.Star)
            {
                break;
            }

            elements.Add(ParseTargetItem());
        }

        return new TupleExpr(elements, false, RangeFrom(start));
    }

    private Expr ParseTargetItem() => Kind == PyTokenKind.Star ? ParseStarred() : ParseBinary(BitOrPrecedence);

    /// <summary>Parameters of a def (closing ')', annotations allowed) or a lambda (closing ':').</summary>
    private IReadOnlyList<Parameter> ParseParameters(PyTokenKind closing, bool annotations)
    {
        if (Kind == closing)
        {
            return NoParameters;
        }

        var parameters = new List<Parameter>();
        var kind = ParameterKind.PositionalOrKeyword;
        var sawDefault = false;
        var sawSlash = false;
        var sawStar = false;
        while (Kind != closing && !AtLineEnd)
        {
            var start = CurStart;
            switch (Kind)
            {
                case PyTokenKind.Slash:
                {
                    var slash = Bump();
                    if (sawSlash)
                    {
                        Error(slash.Range, "/ may appear only once");
                    }
                    else if (sawStar)
                    {
                        Error(slash.Range, "/ must be ahead of *");
                    }
                    else if (parameters.Count == 0)
                    {
                        Error(slash.Range, "at least one argument must precede /");
                    }

                    sawSlash = true;
                    for (var i = 0; i < parameters.Count; i++)
                    {
                        if (parameters[i].Kind == ParameterKind.PositionalOrKeyword)
                        {
                            parameters[i] = parameters[i] with { Kind = ParameterKind.PositionalOnly };
                        }
                    }

                    break;
                }

                case PyTokenKind.Star:
                {
                    var star = Bump();
                    if (sawStar)
                    {
                        Error(star.Range, "* argument may appear only once");
                    }

                    sawStar = true;
                    kind = ParameterKind.KeywordOnly;
                    if (Kind == PyTokenKind.Name)
                    {
                        var name = Bump();
                        Expr? annotation = null;
                        if (annotations && Eat(PyTokenKind.Colon))
                        {
                            annotation = ParseStarOrExpression();
                        }

                        parameters.Add(new Parameter(name.Value!, ParameterKind.VarPositional, annotation, null, name.Range, RangeFrom(start)));
                    }
                    else if (Kind != PyTokenKind.Comma)
                    {
                        Error(star.Range, "named arguments must follow bare *");
                    }

                    break;
                }

                case PyTokenKind.DoubleStar:
                {
                    Bump();
                    if (Kind != PyTokenKind.Name)
                    {
                        ReportUnexpected("invalid syntax");
                        return parameters;
                    }

                    var name = Bump();
                    Expr? annotation = null;
                    if (annotations && Eat(PyTokenKind.Colon))
                    {
                        annotation = ParseExpression();
                    }

                    parameters.Add(new Parameter(name.Value!, ParameterKind.VarKeyword, annotation, null, name.Range, RangeFrom(start)));
                    break;
                }

                case PyTokenKind.Name:
                {
                    var name = Bump();
                    Expr? annotation = null;
                    if (annotations && Eat(PyTokenKind.Colon))
                    {
                        annotation = ParseExpression();
                    }

                    Expr? defaultValue = null;
                    if (Eat(PyTokenKind.Equal))
                    {
                        defaultValue = ParseExpression();
                        sawDefault = true;
                    }
                    else if (sawDefault && kind == ParameterKind.PositionalOrKeyword)
                    {
                        Error(name.Range, "parameter without a default follows parameter with a default");
                    }

                    parameters.Add(new Parameter(name.Value!, kind, annotation, defaultValue, name.Range, RangeFrom(start)));
                    break;
                }

                default:
                    ReportUnexpected("invalid syntax");
                    return parameters;
            }

            if (!Eat(PyTokenKind.Comma))
            {
                break;
            }
        }

        return parameters;
    }
}
