using System.Text;

namespace ShapeSafe.Python.Syntax;

/// <summary>Statements: the statement loop with its recovery, compound statements and simple statements.</summary>
public sealed partial class PythonParser
{
    /// <summary>Parses statements into <paramref name="body"/> until EOF, or until a DEDENT (not consumed) for a block.</summary>
    private void ParseStatementList(List<Stmt> body, bool block)
    {
        var recovering = false;
        while (Tick())
        {
            var k = Kind;
            if (k == PyTokenKind.EndOfFile)
            {
                break;
            }

            if (k == PyTokenKind.Dedent)
            {
                if (block)
                {
                    break;
                }

                Bump();
                continue;
            }

            if (k == PyTokenKind.Newline)
            {
                Bump();
                continue;
            }

            if (k == PyTokenKind.Indent)
            {
                lineMarker = index;
                if (!recovering)
                {
                    Error(Peek(1).Range, "unexpected indent");
                }

                Bump();
                ParseIndentedBlockInto(body);
                continue;
            }

            var before = index;
            var events = errorEvents;
            ParseStatement(body);
            recovering = errorEvents != events;
            if (index == before)
            {
                ReportUnexpected("invalid syntax");
                Bump();
                recovering = true;
            }
        }
    }

    /// <summary>After an INDENT: the block's statements until its DEDENT (consumed), bounded by <see cref="MaxDepth"/>.</summary>
    private void ParseIndentedBlockInto(List<Stmt> body)
    {
        if (!Enter())
        {
            Error(Cur.Range, "too deeply nested");
            SkipBlock();
            return;
        }

        ParseStatementList(body, block: true);
        Eat(PyTokenKind.Dedent);
        Leave();
    }

    /// <summary>Skips an indented block whose INDENT was consumed, through its DEDENT.</summary>
    private void SkipBlock()
    {
        var level = 1;
        while (Kind != PyTokenKind.EndOfFile)
        {
            if (Kind == PyTokenKind.Indent)
            {
                level++;
            }
            else if (Kind == PyTokenKind.Dedent && --level == 0)
            {
                Bump();
                return;
            }

            Bump();
        }
    }

    private void ParseStatement(List<Stmt> body)
    {
        lineMarker = index;
        if (Kind == PyTokenKind.Error && Cur.Value is { } message
            && (message.StartsWith("unindent", StringComparison.Ordinal) || message.StartsWith("too many levels", StringComparison.Ordinal)))
        {
            indentOverflow |= message.StartsWith("too many levels", StringComparison.Ordinal);
            Error(Cur.Range, message);
            Bump();
            if (AtLineEnd)
            {
                return;
            }
        }

        switch (Kind)
        {
            case PyTokenKind.If:
                body.Add(ParseIf());
                return;
            case PyTokenKind.While:
                body.Add(ParseWhile());
                return;
            case PyTokenKind.For:
                body.Add(ParseFor(Cur.Start, isAsync: false));
                return;
            case PyTokenKind.Try:
                body.Add(ParseTry());
                return;
            case PyTokenKind.With:
                body.Add(ParseWith(Cur.Start, isAsync: false));
                return;
            case PyTokenKind.Def:
                body.Add(ParseFunctionDef(NoExprs, Cur.Start, isAsync: false));
                return;
            case PyTokenKind.Class:
                body.Add(ParseClassDef(NoExprs, Cur.Start));
                return;
            case PyTokenKind.At:
                body.Add(ParseDecorated());
                return;
            case PyTokenKind.Async when PeekKind() is PyTokenKind.Def or PyTokenKind.For or PyTokenKind.With:
            {
                var start = Bump().Start;
                body.Add(Kind switch
                {
                    PyTokenKind.Def => ParseFunctionDef(NoExprs, start, isAsync: true),
                    PyTokenKind.For => ParseFor(start, isAsync: true),
                    _ => ParseWith(start, isAsync: true),
                });
                return;
            }

            case PyTokenKind.Name when Cur.Value == "match" && TryParseMatch() is { } match:
                body.Add(match);
                return;
            default:
                ParseSimpleStatements(body);
                return;
        }
    }

    /// <summary>Simple statements separated by ';' up to and including the NEWLINE.</summary>
    private void ParseSimpleStatements(List<Stmt> body)
    {
        while (Tick())
        {
            var before = index;
            body.Add(ParseSimpleStatement());
            if (Kind == PyTokenKind.Semicolon && index > before)
            {
                Bump();
                if (AtLineEnd)
                {
                    break;
                }

                continue;
            }

            break;
        }

        if (Eat(PyTokenKind.Newline) || Kind == PyTokenKind.EndOfFile)
        {
            return;
        }

        ReportUnexpected(StartsExpression(Kind) ? "invalid syntax. Perhaps you forgot a comma?" : "invalid syntax");
        SkipLineAndNewline();
    }

    private Stmt ParseSimpleStatement()
    {
        var start = CurStart;
        switch (Kind)
        {
            case PyTokenKind.Pass:
                Bump();
                return new PassStmt(RangeFrom(start));
            case PyTokenKind.Break:
                Bump();
                return new BreakStmt(RangeFrom(start));
            case PyTokenKind.Continue:
                Bump();
                return new ContinueStmt(RangeFrom(start));
            case PyTokenKind.Return:
            {
                Bump();
                var value = StartsExpression(Kind) || Kind == PyTokenKind.Star ? ParseStarExpressions() : null;
                return new ReturnStmt(value, RangeFrom(start));
            }

            case PyTokenKind.Raise:
            {
                Bump();
                Expr? exception = null;
                Expr? cause = null;
                if (StartsExpression(Kind))
                {
                    exception = ParseExpression();
                    if (Eat(PyTokenKind.From))
                    {
                        cause = ParseExpression();
                    }
                }

                return new RaiseStmt(exception, cause, RangeFrom(start));
            }

            case PyTokenKind.Global or PyTokenKind.Nonlocal:
            {
                var isGlobal = Bump().Kind == PyTokenKind.Global;
                var names = new List<string>();
                do
                {
                    if (Kind != PyTokenKind.Name)
                    {
                        ReportUnexpected("invalid syntax");
                        break;
                    }

                    names.Add(Bump().Value!);
                }
                while (Eat(PyTokenKind.Comma));

                return isGlobal ? new GlobalStmt(names, RangeFrom(start)) : new NonlocalStmt(names, RangeFrom(start));
            }

            case PyTokenKind.Del:
            {
                Bump();
                var target = ParseStarExpressions();
                var targets = target is TupleExpr { Parenthesized: false } tuple ? tuple.Elements : new[] { target };
                foreach (var t in targets)
                {
                    CheckTarget(t, "delete");
                }

                return new DeleteStmt(targets, RangeFrom(start));
            }

            case PyTokenKind.Assert:
            {
                Bump();
                var test = ParseExpression();
                var message = Eat(PyTokenKind.Comma) ? ParseExpression() : null;
                return new AssertStmt(test, message, RangeFrom(start));
            }

            case PyTokenKind.Import:
                return ParseImport();
            case PyTokenKind.From:
                return ParseFromImport();
            case PyTokenKind.Name when Cur.Value == "type" && PeekKind() == PyTokenKind.Name
                                       && PeekKind(2) is PyTokenKind.Equal or PyTokenKind.LeftBracket:
                return ParseTypeAlias();
            default:
                if (!StartsExpression(Kind) && Kind is not (PyTokenKind.Star or PyTokenKind.Yield))
                {
                    ReportUnexpected("invalid syntax");
                    SkipToLineEnd();
                    return new ErrorStmt(RangeFrom(start));
                }

                return ParseExpressionStatement();
        }
    }

    private Stmt ParseExpressionStatement()
    {
        var start = CurStart;
        var first = ParseStarExpressionsOrYield();
        switch (Kind)
        {
            case PyTokenKind.Colon:
            {
                Bump();
                if (first is not (NameExpr or AttributeExpr or SubscriptExpr or ErrorExpr))
                {
                    Error(first.Range, first is TupleExpr
                        ? "only single target (not tuple) can be annotated"
                        : $"illegal target for annotation");
                }

                var annotation = ParseExpression();
                var value = Eat(PyTokenKind.Equal) ? ParseStarExpressionsOrYield() : null;
                return new AnnAssignStmt(first, annotation, value, RangeFrom(start));
            }

            case PyTokenKind.Equal:
            {
                var exprs = new List<Expr> { first };
                while (Eat(PyTokenKind.Equal))
                {
                    exprs.Add(ParseStarExpressionsOrYield());
                }

                var value = exprs[^1];
                exprs.RemoveAt(exprs.Count - 1);
                foreach (var target in exprs)
                {
                    CheckTarget(target, "assign to");
                }

                return new AssignStmt(exprs, value, RangeFrom(start));
            }

            default:
                if (AugmentedOperator(Kind) is { } op)
                {
                    Bump();
                    if (first is not (NameExpr or AttributeExpr or SubscriptExpr or ErrorExpr))
                    {
                        Error(first.Range, $"'{Describe(first)}' is an illegal expression for augmented assignment");
                    }

                    var value = ParseStarExpressionsOrYield();
                    return new AugAssignStmt(first, op, value, RangeFrom(start));
                }

                return new ExprStmt(first, RangeFrom(start));
        }
    }

    private static BinaryOperator? AugmentedOperator(PyTokenKind kind) => kind switch
    {
        PyTokenKind.PlusEqual => BinaryOperator.Add,
        PyTokenKind.MinusEqual => BinaryOperator.Sub,
        PyTokenKind.StarEqual => BinaryOperator.Mult,
        PyTokenKind.AtEqual => BinaryOperator.MatMult,
        PyTokenKind.SlashEqual => BinaryOperator.Div,
        PyTokenKind.PercentEqual => BinaryOperator.Mod,
        PyTokenKind.DoubleStarEqual => BinaryOperator.Pow,
        PyTokenKind.LeftShiftEqual => BinaryOperator.LShift,
        PyTokenKind.RightShiftEqual => BinaryOperator.RShift,
        PyTokenKind.PipeEqual => BinaryOperator.BitOr,
        PyTokenKind.CaretEqual => BinaryOperator.BitXor,
        PyTokenKind.AmpersandEqual => BinaryOperator.BitAnd,
        PyTokenKind.DoubleSlashEqual => BinaryOperator.FloorDiv,
        _ => null,
    };

    /// <summary>Reports a target that cannot be assigned (or deleted): CPython's "cannot assign to function call".</summary>
    private void CheckTarget(Expr target, string verb)
    {
        switch (target)
        {
            case NameExpr or AttributeExpr or SubscriptExpr or ErrorExpr:
                return;
            case TupleExpr tuple:
                foreach (var e in tuple.Elements)
                {
                    CheckTarget(e, verb);
                }

                return;
            case ListExpr list:
                foreach (var e in list.Elements)
                {
                    CheckTarget(e, verb);
                }

                return;
            case StarredExpr starred when verb != "delete":
                CheckTarget(starred.Value, verb);
                return;
            default:
                Error(target.Range, $"cannot {verb} {Describe(target)}");
                return;
        }
    }

    private static string Describe(Expr e) => e switch
    {
        CallExpr => "function call",
        IntExpr or FloatExpr or ImaginaryExpr or StringExpr { IsFString: false } => "literal",
        StringExpr => "f-string expression",
        ConstantExpr { Kind: ConstantKind.Ellipsis } => "ellipsis",
        ConstantExpr c => c.Kind.ToString(),
        TupleExpr => "tuple",
        ListExpr => "list",
        DictExpr => "dict literal",
        SetExpr => "set display",
        CompareExpr => "comparison",
        BoolOpExpr or BinaryExpr or UnaryExpr => "expression",
        LambdaExpr => "lambda",
        IfExpr => "conditional expression",
        NamedExpr => "named expression",
        AwaitExpr => "await expression",
        YieldExpr or YieldFromExpr => "yield expression",
        GeneratorExpr => "generator expression",
        ListCompExpr => "list comprehension",
        SetCompExpr => "set comprehension",
        DictCompExpr => "dict comprehension",
        StarredExpr => "starred",
        _ => "expression",
    };

    private ImportStmt ParseImport()
    {
        var start = Bump().Start;
        var names = new List<ImportAlias>();
        do
        {
            var aliasStart = CurStart;
            var name = ParseDottedName();
            if (name is null)
            {
                break;
            }

            var asName = ParseAsName();
            names.Add(new ImportAlias(name, asName, RangeFrom(aliasStart)));
        }
        while (Eat(PyTokenKind.Comma));

        return new ImportStmt(names, RangeFrom(start));
    }

    private string? ParseAsName()
    {
        if (!Eat(PyTokenKind.As))
        {
            return null;
        }

        if (Kind == PyTokenKind.Name)
        {
            return Bump().Value;
        }

        ReportUnexpected("invalid syntax");
        return null;
    }

    /// <summary>A dotted name (<c>torch.nn.functional</c>), or null with a diagnostic.</summary>
    private string? ParseDottedName()
    {
        if (Kind != PyTokenKind.Name)
        {
            ReportUnexpected("invalid syntax");
            return null;
        }

        var first = Bump().Value!;
        if (Kind != PyTokenKind.Dot)
        {
            return first;
        }

        var sb = new StringBuilder(first);
        while (Kind == PyTokenKind.Dot)
        {
            Bump();
            if (Kind != PyTokenKind.Name)
            {
                ReportUnexpected("invalid syntax");
                break;
            }

            sb.Append('.').Append(Bump().Value);
        }

        return sb.ToString();
    }

    private ImportFromStmt ParseFromImport()
    {
        var start = Bump().Start;
        var level = 0;
        while (Kind is PyTokenKind.Dot or PyTokenKind.Ellipsis)
        {
            level += Bump().Kind == PyTokenKind.Dot ? 1 : 3;
        }

        string? module = null;
        if (Kind == PyTokenKind.Name || level == 0)
        {
            module = ParseDottedName();
        }

        var names = new List<ImportAlias>();
        if (!Eat(PyTokenKind.Import))
        {
            ReportUnexpected("invalid syntax");
            return new ImportFromStmt(module, names, level, RangeFrom(start));
        }

        if (Kind == PyTokenKind.Star)
        {
            var star = Bump();
            names.Add(new ImportAlias("*", null, star.Range));
            return new ImportFromStmt(module, names, level, RangeFrom(start));
        }

        PyToken? open = Kind == PyTokenKind.LeftParen ? Bump() : null;
        while (true)
        {
            if (Kind != PyTokenKind.Name)
            {
                if (names.Count == 0 || open is null)
                {
                    ReportUnexpected(names.Count > 0 ? "trailing comma not allowed without surrounding parentheses" : "invalid syntax");
                }

                break;
            }

            var aliasStart = CurStart;
            var name = Bump().Value!;
            var asName = ParseAsName();
            names.Add(new ImportAlias(name, asName, RangeFrom(aliasStart)));
            if (!Eat(PyTokenKind.Comma))
            {
                break;
            }
        }

        if (open is { } o)
        {
            ExpectClosing(PyTokenKind.RightParen, o);
        }

        return new ImportFromStmt(module, names, level, RangeFrom(start));
    }

    private TypeAliasStmt ParseTypeAlias()
    {
        var start = Bump().Start;
        var name = Bump().Value!;
        if (Kind == PyTokenKind.LeftBracket)
        {
            SkipTypeParameters();
        }

        Expr value;
        if (Eat(PyTokenKind.Equal))
        {
            value = ParseExpression();
        }
        else
        {
            ReportUnexpected("invalid syntax");
            value = new ErrorExpr(new TextRange(prevEnd, prevEnd));
        }

        return new TypeAliasStmt(name, value, RangeFrom(start));
    }

    /// <summary>Skips the <c>[T, *Ts, **P]</c> of a generic def, class or type alias (the AST does not keep them).</summary>
    private void SkipTypeParameters()
    {
        var open = Bump();
        var level = 1;
        while (!AtLineEnd)
        {
            var k = Bump().Kind;
            if (k == PyTokenKind.LeftBracket)
            {
                level++;
            }
            else if (k == PyTokenKind.RightBracket && --level == 0)
            {
                return;
            }
        }

        Error(open.Range, "'[' was never closed");
    }

    /// <summary>
    /// The body after a compound statement's header: ':' then an indented block, or simple statements on the same line.
    /// A missing ':' is reported and the body is still read.
    /// </summary>
    private IReadOnlyList<Stmt> ParseBlock(string what, int headerStart)
    {
        if (!Eat(PyTokenKind.Colon))
        {
            ReportUnexpected("expected ':'");
            SkipToLineEnd();
        }

        if (Kind == PyTokenKind.Newline)
        {
            Bump();
            if (Kind == PyTokenKind.Indent)
            {
                Bump();
                var body = new List<Stmt>();
                ParseIndentedBlockInto(body);
                return body;
            }

            var marker = lineMarker;
            lineMarker = index;
            if (Kind == PyTokenKind.Error && Cur.Value is { } message && message.StartsWith("too many levels", StringComparison.Ordinal))
            {
                // Past the indentation limit the tokenizer reports once; the blocks it leaves flat are not errors again.
                indentOverflow = true;
                Error(Cur.Range, message);
                Bump();
            }
            else if (!indentOverflow)
            {
                Error(Kind == PyTokenKind.Error ? Cur.Range : new TextRange(CurStart, CurStart),
                    $"expected an indented block after {what} on line {LineOf(headerStart)}");
            }

            lineMarker = marker;
            return NoStmts;
        }

        if (Kind == PyTokenKind.EndOfFile)
        {
            Error(Cur.Range, $"expected an indented block after {what} on line {LineOf(headerStart)}");
            return NoStmts;
        }

        var line = new List<Stmt>();
        ParseSimpleStatements(line);
        return line;
    }

    private IfStmt ParseIf()
    {
        // if/elif chains are read in a loop and nested afterwards, so a long chain does not recurse.
        var clauses = new List<(int Start, Expr Test, IReadOnlyList<Stmt> Body)>();
        IReadOnlyList<Stmt> orElse = NoStmts;
        while (true)
        {
            var keyword = Bump();
            var test = ParseNamedExpression();
            var body = ParseBlock(keyword.Kind == PyTokenKind.If ? "'if' statement" : "'elif' statement", keyword.Start);
            clauses.Add((keyword.Start, test, body));
            if (Kind == PyTokenKind.Elif && Tick())
            {
                lineMarker = index;
                continue;
            }

            if (Kind == PyTokenKind.Else)
            {
                lineMarker = index;
                var elseToken = Bump();
                orElse = ParseBlock("'else' statement", elseToken.Start);
            }

            break;
        }

        var end = prevEnd;
        IfStmt? result = null;
        for (var i = clauses.Count - 1; i >= 0; i--)
        {
            var (start, test, body) = clauses[i];
            result = new IfStmt(test, body, result is null ? orElse : new[] { result }, new TextRange(start, Math.Max(end, start)));
        }

        return result!;
    }

    private IReadOnlyList<Stmt> ParseElse()
    {
        if (Kind != PyTokenKind.Else)
        {
            return NoStmts;
        }

        lineMarker = index;
        var elseToken = Bump();
        return ParseBlock("'else' statement", elseToken.Start);
    }

    private WhileStmt ParseWhile()
    {
        var start = Bump().Start;
        var test = ParseNamedExpression();
        var body = ParseBlock("'while' statement", start);
        var orElse = ParseElse();
        return new WhileStmt(test, body, orElse, RangeFrom(start));
    }

    private ForStmt ParseFor(int start, bool isAsync)
    {
        var keyword = Bump();
        var target = ParseTargetList();
        CheckTarget(target, "assign to");
        Expr iter;
        if (Eat(PyTokenKind.In))
        {
            iter = ParseStarExpressions();
        }
        else
        {
            ReportUnexpected("invalid syntax");
            iter = new ErrorExpr(new TextRange(prevEnd, prevEnd));
        }

        var body = ParseBlock("'for' statement", keyword.Start);
        var orElse = ParseElse();
        return new ForStmt(target, iter, body, orElse, isAsync, RangeFrom(start));
    }

    private TryStmt ParseTry()
    {
        var start = Bump().Start;
        var body = ParseBlock("'try' statement", start);
        var handlers = new List<ExceptHandler>();
        var isStar = false;
        while (Kind == PyTokenKind.Except && Tick())
        {
            lineMarker = index;
            var handlerStart = Bump().Start;
            var star = Eat(PyTokenKind.Star);
            isStar |= star;
            Expr? type = null;
            string? name = null;
            if (Kind != PyTokenKind.Colon && !AtLineEnd)
            {
                var typeStart = CurStart;
                type = ParseExpression();
                if (Kind == PyTokenKind.Comma)
                {
                    var elements = new List<Expr> { type };
                    while (Eat(PyTokenKind.Comma) && StartsExpression(Kind))
                    {
                        elements.Add(ParseExpression());
                    }

                    type = new TupleExpr(elements, false, RangeFrom(typeStart));
                }

                name = ParseAsName();
            }

            var handlerBody = ParseBlock(star ? "'except*' statement" : "'except' statement", handlerStart);
            handlers.Add(new ExceptHandler(type, name, handlerBody, RangeFrom(handlerStart)));
        }

        var orElse = ParseElse();
        IReadOnlyList<Stmt> finalBody = NoStmts;
        var hasFinally = false;
        if (Kind == PyTokenKind.Finally)
        {
            lineMarker = index;
            hasFinally = true;
            var finallyToken = Bump();
            finalBody = ParseBlock("'finally' statement", finallyToken.Start);
        }

        if (handlers.Count == 0 && !hasFinally)
        {
            lineMarker = index;
            Error(new TextRange(CurStart, CurStart), "expected 'except' or 'finally' block");
        }

        return new TryStmt(body, handlers, orElse, finalBody, isStar, RangeFrom(start));
    }

    private WithStmt ParseWith(int start, bool isAsync)
    {
        var keyword = Bump();
        List<WithItem>? items = null;
        if (Kind == PyTokenKind.LeftParen)
        {
            // Python 3.9+: with (a as b, c as d): ... ; fall back to a parenthesized expression when that fails.
            var saved = Save();
            var open = Bump();
            var candidate = ParseWithItems(PyTokenKind.RightParen);
            if (Kind == PyTokenKind.RightParen && PeekKind() == PyTokenKind.Colon && errors.Count == saved.Errors && errorEvents == saved.ErrorEvents)
            {
                ExpectClosing(PyTokenKind.RightParen, open);
                items = candidate;
            }
            else
            {
                Restore(saved);
            }
        }

        items ??= ParseWithItems(PyTokenKind.Colon);
        var body = ParseBlock("'with' statement", keyword.Start);
        return new WithStmt(items, body, isAsync, RangeFrom(start));
    }

    private List<WithItem> ParseWithItems(PyTokenKind closing)
    {
        var items = new List<WithItem>();
        do
        {
            if (Kind == closing && items.Count > 0)
            {
                break;
            }

            var itemStart = CurStart;
            var context = ParseExpression();
            Expr? target = null;
            if (Eat(PyTokenKind.As))
            {
                target = ParseTargetItem();
                CheckTarget(target, "assign to");
            }

            items.Add(new WithItem(context, target, RangeFrom(itemStart)));
        }
        while (Eat(PyTokenKind.Comma));

        return items;
    }

    private Stmt ParseDecorated()
    {
        var start = CurStart;
        var decorators = new List<Expr>();
        while (Kind == PyTokenKind.At && Tick())
        {
            lineMarker = index;
            Bump();
            decorators.Add(ParseNamedExpression());
            if (!Eat(PyTokenKind.Newline))
            {
                ReportUnexpected("invalid syntax");
                SkipLineAndNewline();
            }
        }

        lineMarker = index;
        switch (Kind)
        {
            case PyTokenKind.Def:
                return ParseFunctionDef(decorators, start, isAsync: false);
            case PyTokenKind.Async when PeekKind() == PyTokenKind.Def:
                Bump();
                return ParseFunctionDef(decorators, start, isAsync: true);
            case PyTokenKind.Class:
                return ParseClassDef(decorators, start);
            default:
                ReportUnexpected("invalid syntax");
                return new ErrorStmt(RangeFrom(start));
        }
    }

    private (string Name, TextRange Range) ParseDefName()
    {
        if (Kind == PyTokenKind.Name)
        {
            var t = Bump();
            return (t.Value!, t.Range);
        }

        ReportUnexpected("invalid syntax");
        return (string.Empty, new TextRange(prevEnd, prevEnd));
    }

    private FunctionDefStmt ParseFunctionDef(IReadOnlyList<Expr> decorators, int start, bool isAsync)
    {
        var keyword = Bump();
        var (name, nameRange) = ParseDefName();
        if (Kind == PyTokenKind.LeftBracket)
        {
            SkipTypeParameters();
        }

        IReadOnlyList<Parameter> parameters = NoParameters;
        if (Kind == PyTokenKind.LeftParen)
        {
            var open = Bump();
            parameters = ParseParameters(PyTokenKind.RightParen, annotations: true);
            ExpectClosing(PyTokenKind.RightParen, open);
        }
        else
        {
            ReportUnexpected("expected '('");
        }

        var returns = Eat(PyTokenKind.Arrow) ? ParseExpression() : null;
        var body = ParseBlock("function definition", keyword.Start);
        return new FunctionDefStmt(name, nameRange, parameters, body, decorators, returns, isAsync, RangeFrom(start));
    }

    private ClassDefStmt ParseClassDef(IReadOnlyList<Expr> decorators, int start)
    {
        var keyword = Bump();
        var (name, nameRange) = ParseDefName();
        if (Kind == PyTokenKind.LeftBracket)
        {
            SkipTypeParameters();
        }

        IReadOnlyList<CallArgument> bases = NoArguments;
        if (Kind == PyTokenKind.LeftParen)
        {
            bases = ParseArguments(Bump(), out _);
        }

        var body = ParseBlock("class definition", keyword.Start);
        return new ClassDefStmt(name, nameRange, bases, body, decorators, RangeFrom(start));
    }

    /// <summary>
    /// At a <c>match</c> name: parses a match statement when the line is one (subject, ':' and NEWLINE), else rewinds
    /// and returns null so the line is read as an ordinary statement (match is a soft keyword).
    /// </summary>
    private MatchStmt? TryParseMatch()
    {
        var next = PeekKind();
        if (next is PyTokenKind.Newline or PyTokenKind.EndOfFile or PyTokenKind.Equal or PyTokenKind.Dot or PyTokenKind.Comma
            or PyTokenKind.Colon or PyTokenKind.Semicolon or PyTokenKind.RightParen or PyTokenKind.ColonEqual
            || AugmentedOperator(next) is not null)
        {
            return null;
        }

        var saved = Save();
        var start = Bump().Start;
        var subject = ParseStarNamedExpressions();
        if (Kind != PyTokenKind.Colon || PeekKind() != PyTokenKind.Newline || errorEvents != saved.ErrorEvents)
        {
            Restore(saved);
            return null;
        }

        Bump();
        Bump();
        var cases = new List<MatchCase>();
        if (!Eat(PyTokenKind.Indent))
        {
            lineMarker = index;
            Error(new TextRange(CurStart, CurStart), $"expected an indented block after 'match' statement on line {LineOf(start)}");
            return new MatchStmt(subject, cases, RangeFrom(start));
        }

        if (!Enter())
        {
            Error(Cur.Range, "too deeply nested");
            SkipBlock();
            return new MatchStmt(subject, cases, RangeFrom(start));
        }

        while (Kind is not (PyTokenKind.Dedent or PyTokenKind.EndOfFile) && Tick())
        {
            lineMarker = index;
            if (Kind == PyTokenKind.Newline)
            {
                Bump();
                continue;
            }

            if (Kind == PyTokenKind.Name && Cur.Value == "case")
            {
                cases.Add(ParseCase());
                continue;
            }

            ReportUnexpected("invalid syntax");
            SkipLineAndNewline();
            if (Kind == PyTokenKind.Indent)
            {
                Bump();
                SkipBlock();
            }
        }

        Eat(PyTokenKind.Dedent);
        Leave();
        return new MatchStmt(subject, cases, RangeFrom(start));
    }

    private MatchCase ParseCase()
    {
        var start = Bump().Start;
        inPattern = true;
        var pattern = ParsePattern();
        inPattern = false;
        var guard = Eat(PyTokenKind.If) ? ParseNamedExpression() : null;
        var body = ParseBlock("'case' statement", start);
        return new MatchCase(pattern, guard, body, RangeFrom(start));
    }

    /// <summary>A case pattern read as an expression: <c>a | b</c> is a BitOr, <c>p as name</c> a <see cref="NamedExpr"/> binding name.</summary>
    private Expr ParsePattern()
    {
        var start = CurStart;
        var first = ParsePatternItem();
        Expr pattern = first;
        if (Kind == PyTokenKind.Comma)
        {
            var elements = new List<Expr> { first };
            while (Eat(PyTokenKind.Comma) && (StartsExpression(Kind) || Kind == PyTokenKind.Star))
            {
                elements.Add(ParsePatternItem());
            }

            pattern = new TupleExpr(elements, false, RangeFrom(start));
        }

        if (Eat(PyTokenKind.As))
        {
            if (Kind == PyTokenKind.Name)
            {
                var name = Bump();
                return new NamedExpr(new NameExpr(name.Value!, name.Range), pattern, RangeFrom(start));
            }

            ReportUnexpected("invalid syntax");
        }

        return pattern;
    }

    private Expr ParsePatternItem()
    {
        if (Kind != PyTokenKind.Star)
        {
            return ParseBinary(BitOrPrecedence);
        }

        var start = Bump().Start;
        var value = ParseBinary(BitOrPrecedence);
        return new StarredExpr(value, RangeFrom(start));
    }
}
