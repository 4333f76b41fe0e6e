using System.Runtime.CompilerServices;

namespace ShapeSafe.Python.Syntax;

/// <summary>
/// A hand-written recursive-descent parser for Python 3 (statements) with precedence climbing for expressions, in the
/// style of Ruff's and Pyright's parsers. It never throws: broken input gives <see cref="ErrorExpr"/> /
/// <see cref="ErrorStmt"/> nodes plus a <see cref="SyntaxDiagnostic"/>, and parsing resumes at the next line.
/// Recursion is bounded by <see cref="MaxDepth"/>, every loop consumes a token or stops, and time is linear.
/// </summary>
/// <remarks>
/// Ranges are exact UTF-16 offsets: a node covers its text from its first to its last token. A parenthesized
/// expression keeps the range of its content (as CPython), except a tuple or generator, whose parentheses are its own;
/// a decorated def or class starts at its first decorator (as Ruff). At most one diagnostic is reported per logical line.
/// </remarks>
public sealed partial class PythonParser
{
    /// <summary>
    /// How deep the parser recurses before "too deeply nested": each nested bracket or operand costs two (expression and
    /// operator level), each block one, so about 200 nested brackets pass, as in CPython.
    /// </summary>
    public const int MaxDepth = 400;

    private static readonly IReadOnlyList<Expr> NoExprs = Array.Empty<Expr>();
    private static readonly IReadOnlyList<Stmt> NoStmts = Array.Empty<Stmt>();
    private static readonly IReadOnlyList<CallArgument> NoArguments = Array.Empty<CallArgument>();
    private static readonly IReadOnlyList<Parameter> NoParameters = Array.Empty<Parameter>();

    private readonly SourceText source;
    private readonly string text;
    private readonly List<PyToken> tokens;
    private readonly List<SyntaxDiagnostic> errors;
    private readonly long stepBudget;
    private int index;
    private int prevEnd;
    private int depth;
    private int lineMarker;
    private int lastErrorLine = -1;
    private int errorEvents;
    private long steps;
    private bool budgetExhausted;
    private bool indentOverflow;
    private bool inPattern;

    private PythonParser(SourceText source, List<PyToken> tokens, List<SyntaxDiagnostic> errors, int depth)
    {
        this.source = source;
        text = source.Text;
        this.tokens = tokens;
        this.errors = errors;
        this.depth = depth;
        stepBudget = (tokens.Count + 16L) * 16L;
        prevEnd = tokens.Count > 0 ? tokens[0].Start : 0;
    }

    /// <summary>Parses a whole file. Never throws; the module holds every statement that could be read.</summary>
    public static ParseResult Parse(string text)
    {
        var source = new SourceText(text ?? string.Empty);
        var tokenizer = new PyTokenizer(source);
        var tokens = tokenizer.Tokenize();
        var errors = new List<SyntaxDiagnostic>();
        var parser = new PythonParser(source, tokens, errors, 0);
        var body = new List<Stmt>();
        parser.ParseStatementList(body, block: false);
        var module = new ModuleNode(body, new TextRange(0, source.Text.Length));
        return new ParseResult(module, source, errors, tokenizer.Comments);
    }

    private PyToken Cur => tokens[index];

    private PyTokenKind Kind => tokens[index].Kind;

    private int CurStart => tokens[index].Start;

    private PyTokenKind PeekKind(int n = 1) => index + n < tokens.Count ? tokens[index + n].Kind : PyTokenKind.EndOfFile;

    private PyToken Peek(int n) => index + n < tokens.Count ? tokens[index + n] : tokens[^1];

    private PyToken Bump()
    {
        var t = tokens[index];
        if (t.Kind != PyTokenKind.EndOfFile)
        {
            index++;
            if (t.Kind is not (PyTokenKind.Newline or PyTokenKind.Indent or PyTokenKind.Dedent))
            {
                prevEnd = t.End;
            }
        }

        return t;
    }

    private bool Eat(PyTokenKind kind)
    {
        if (tokens[index].Kind != kind)
        {
            return false;
        }

        Bump();
        return true;
    }

    private TextRange RangeFrom(int start) => new(start, Math.Max(prevEnd, start));

    private bool AtLineEnd => Kind is PyTokenKind.Newline or PyTokenKind.EndOfFile;

    /// <summary>Counts loop iterations against a budget proportional to the token count; false (once reported) when spent.</summary>
    private bool Tick()
    {
        if (++steps <= stepBudget)
        {
            return true;
        }

        if (!budgetExhausted)
        {
            budgetExhausted = true;
            errors.Add(new SyntaxDiagnostic(Cur.Range, "parser made no progress"));
            index = tokens.Count - 1;
        }

        return false;
    }

    private void Error(TextRange range, string message)
    {
        errorEvents++;
        if (lastErrorLine == lineMarker)
        {
            return;
        }

        lastErrorLine = lineMarker;
        errors.Add(new SyntaxDiagnostic(range, message));
    }

    /// <summary>Reports the current token as unexpected; an error token reports its own message.</summary>
    private void ReportUnexpected(string message)
    {
        var t = Cur;
        if (t.Kind == PyTokenKind.Error)
        {
            Error(t.Range, t.Value ?? message);
        }
        else if (t.Kind == PyTokenKind.Indent)
        {
            Error(Peek(1).Range, "unexpected indent");
        }
        else
        {
            Error(t.Range, message);
        }
    }

    /// <summary>One level deeper; false past <see cref="MaxDepth"/> or when the thread's stack runs low (a small thread stack).</summary>
    private bool Enter()
    {
        if (depth >= MaxDepth || ((depth & 7) == 7 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            return false;
        }

        depth++;
        return true;
    }

    private void Leave() => depth--;

    /// <summary>Past <see cref="MaxDepth"/>: one diagnostic, and the rest of the logical line becomes one error node.</summary>
    private ErrorExpr TooDeep()
    {
        var start = Math.Max(CurStart, prevEnd);
        Error(Cur.Range, "too deeply nested");
        while (!AtLineEnd && Kind is not (PyTokenKind.Indent or PyTokenKind.Dedent))
        {
            Bump();
        }

        return new ErrorExpr(RangeFrom(start));
    }

    /// <summary>Skips to the NEWLINE that ends the logical line (not consumed).</summary>
    private void SkipToLineEnd()
    {
        while (!AtLineEnd)
        {
            Bump();
        }
    }

    private void SkipLineAndNewline()
    {
        SkipToLineEnd();
        Eat(PyTokenKind.Newline);
    }

    private readonly record struct State(int Index, int PrevEnd, int Errors, int LastErrorLine, int LineMarker, int ErrorEvents);

    private State Save() => new(index, prevEnd, errors.Count, lastErrorLine, lineMarker, errorEvents);

    private void Restore(State s)
    {
        index = s.Index;
        prevEnd = s.PrevEnd;
        if (errors.Count > s.Errors)
        {
            errors.RemoveRange(s.Errors, errors.Count - s.Errors);
        }

        lastErrorLine = s.LastErrorLine;
        lineMarker = s.LineMarker;
        errorEvents = s.ErrorEvents;
    }

    private int LineOf(int offset) => source.LineOf(offset);

    private static string BracketText(PyTokenKind kind) => kind switch
    {
        PyTokenKind.LeftParen => "(",
        PyTokenKind.RightParen => ")",
        PyTokenKind.LeftBracket => "[",
        PyTokenKind.RightBracket => "]",
        PyTokenKind.LeftBrace => "{",
        _ => "}",
    };

    private static bool IsClosingBracket(PyTokenKind kind) =>
        kind is PyTokenKind.RightParen or PyTokenKind.RightBracket or PyTokenKind.RightBrace;

    /// <summary>Consumes the closing bracket that matches <paramref name="open"/>, or reports why it is missing and recovers.</summary>
    private void ExpectClosing(PyTokenKind closing, PyToken open)
    {
        if (Eat(closing))
        {
            return;
        }

        var k = Kind;
        if (k is PyTokenKind.Newline or PyTokenKind.EndOfFile or PyTokenKind.Indent or PyTokenKind.Dedent)
        {
            Error(open.Range, $"'{BracketText(open.Kind)}' was never closed");
            return;
        }

        if (IsClosingBracket(k))
        {
            Error(Cur.Range, $"closing parenthesis '{BracketText(k)}' does not match opening parenthesis '{BracketText(open.Kind)}'");
            Bump();
            return;
        }

        if (k != PyTokenKind.Error && LineOf(CurStart) != LineOf(prevEnd))
        {
            // The unexpected token starts a new line: the bracket was most likely left open (CPython's reading).
            Error(open.Range, $"'{BracketText(open.Kind)}' was never closed");
        }
        else
        {
            ReportUnexpected(StartsExpression(k) ? "invalid syntax. Perhaps you forgot a comma?" : "invalid syntax");
        }

        // Skip to the matching closer on this logical line.
        var level = 0;
        while (!AtLineEnd)
        {
            var kind = Kind;
            if (kind is PyTokenKind.LeftParen or PyTokenKind.LeftBracket or PyTokenKind.LeftBrace)
            {
                level++;
            }
            else if (IsClosingBracket(kind))
            {
                if (level == 0)
                {
                    Bump();
                    return;
                }

                level--;
            }

            Bump();
        }
    }
}
