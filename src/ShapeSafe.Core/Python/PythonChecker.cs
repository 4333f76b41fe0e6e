using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Binding;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python;

/// <summary>
/// Checks a PyTorch model written in Python without running it: parses the file, reads its definitions, chooses the
/// nn.Module subclass and its input shapes, constructs the model (evaluating <c>__init__</c>) and follows
/// <c>forward</c> with abstract tensors. Every shape error PyTorch would raise is reported at the line that raises it,
/// pointing at the constructor argument to fix.
/// </summary>
public static class PythonChecker
{
    private const string InputMarker = "shapesafe:";

    public static PythonCheckResult Check(string path, string text, PythonCheckOptions? options = null)
    {
        options ??= new PythonCheckOptions();
        text = ShapeSafe.IO.Utf8Text.WithoutByteOrderMark(text);
        var parsed = PythonParser.Parse(text);
        var source = parsed.Source;
        var diagnostics = new List<Diagnostic>();
        foreach (var error in parsed.Errors)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PythonSyntax, source.ToSpan(error.Range), error.Message));
        }

        var lines = new string[source.LineCount];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = source.LineText(i + 1);
        }

        var interpreter = new Interpreter(source.Text, source.ToSpan);
        interpreter.ReadModuleLevel(parsed.Module);
        var candidates = Candidates(parsed.Module, interpreter);
        var names = candidates.ConvertAll(c => c.Name);
        var result = new PythonCheckResult { Path = path, Source = source, Lines = lines, Candidates = names };

        var usage = FindUsage(parsed.Module.Body, candidates);
        var (chosen, choice, usageError) = Choose(candidates, options.ClassName, usage, source);
        if (chosen is null)
        {
            diagnostics.Add(usageError!);
            return result with { Diagnostics = diagnostics, IsUsageError = true };
        }

        var classUsage = usage.Find(u => ReferenceEquals(u.Class, chosen));
        if (classUsage is not null)
        {
            classUsage.Scope = UsageScope(classUsage, interpreter);
        }

        var (inputs, inputSource, inputError) = ChooseInputs(options, chosen, classUsage, parsed, interpreter);
        if (inputError is not null)
        {
            diagnostics.Add(inputError);
        }

        if (inputs is null)
        {
            // A file with syntax errors may have lost its input comment or usage: its syntax errors say what to fix first.
            if (inputError is null && parsed.Errors.Count == 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingModelInput, source.ToSpan(chosen.Definition.NameRange), chosen.Name));
            }

            return result with { ClassName = chosen.Name, ClassChoice = choice, Diagnostics = diagnostics, IsUsageError = true };
        }

        var site = (Expr?)classUsage?.Construction ?? new NameExpr(chosen.Name, chosen.Definition.NameRange);
        var constructorArgs = classUsage?.Construction is { } construction ? ConstructorArguments(construction, interpreter, classUsage.Scope) : CallArgs.Empty;
        var model = interpreter.Construct(chosen, constructorArgs, site);
        DataflowGraph? graph = null;
        DataflowGraph? trainingGraph = null;
        GraphValue? output = null;
        var firstForwardDiagnostic = interpreter.Diagnostics.Count;
        var trainingKeys = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? evalKeys = null;
        var firstEvalDiagnostic = -1;
        if (model is PyUserModule root)
        {
            var call = classUsage?.Call ?? site;
            interpreter.BeginMode(training: true, trainingKeys);
            graph = new DataflowGraph(root.Info);
            var returned = interpreter.RunForward(root, inputs, graph, call);
            output = Interpreter.ToGraphValue(returned);
            if (interpreter.TrainingFlagRead && !interpreter.LimitReached)
            {
                // forward reads self.training: bind it again in eval mode (what model.eval() and serving run). The eval
                // graph is the one graph consumers read; the training graph runs under model.train().
                trainingGraph = graph;
                evalKeys = new HashSet<string>(StringComparer.Ordinal);
                firstEvalDiagnostic = interpreter.Diagnostics.Count;
                interpreter.BeginMode(training: false, evalKeys);
                graph = new DataflowGraph(root.Info);
                output = Interpreter.ToGraphValue(interpreter.RunForward(root, inputs, graph, call));
            }

            interpreter.BeginMode(training: true, null);
        }

        for (var i = 0; i < interpreter.Diagnostics.Count; i++)
        {
            var d = interpreter.Diagnostics[i];
            if (evalKeys is not null && d.Severity != Severity.Info)
            {
                var key = Interpreter.KeyOf(d);
                if (i >= firstEvalDiagnostic)
                {
                    d = d with { Notes = [.. d.Notes, "only in eval mode (model.eval()), where self.training is False; training mode does not reach it"] };
                }
                else if (i >= firstForwardDiagnostic && trainingKeys.Contains(key) && !evalKeys.Contains(key))
                {
                    d = d with { Notes = [.. d.Notes, "only in training mode (model.train()), where self.training is True; eval mode does not reach it"] };
                }
            }

            diagnostics.Add(d);
        }

        return result with
        {
            ClassName = chosen.Name,
            ClassChoice = choice,
            Inputs = inputs,
            InputSource = inputSource,
            Graph = graph,
            TrainingGraph = trainingGraph,
            Output = output,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>The nn.Module subclasses defined at module level, in order.</summary>
    private static List<PyClass> Candidates(ModuleNode module, Interpreter interpreter)
    {
        var list = new List<PyClass>();
        Collect(module.Body);
        return list;

        void Collect(IReadOnlyList<Stmt> body)
        {
            foreach (var statement in body)
            {
                switch (statement)
                {
                    case ClassDefStmt c when interpreter.Globals.TryLookup(c.Name, out var v) && v is PyClass { IsModule: true } cls && ReferenceEquals(cls.Definition, c):
                        list.Add(cls);
                        break;
                    case TryStmt t:
                        Collect(t.Body);
                        break;
                    case IfStmt i when !Interpreter.IsMainGuard(i.Test):
                        Collect(i.Body);
                        break;
                }
            }
        }
    }

    private static (PyClass? Class, ClassChoice Choice, Diagnostic? Error) Choose(List<PyClass> candidates, string? className, List<ModelUsage> usage, SourceText source)
    {
        var list = candidates.Count == 0 ? "no nn.Module subclass" : string.Join(", ", candidates.ConvertAll(c => c.Name));
        var fileStart = new SourceSpan(1, 1, 1);
        if (className is not null)
        {
            var named = candidates.Find(c => c.Name == className);
            return named is not null ? (named, ClassChoice.Option, null)
                : (null, ClassChoice.None, Diagnostic.Create(DiagnosticCatalog.ModelClassNotFound, fileStart, className, list));
        }

        if (candidates.Count == 0)
        {
            return (null, ClassChoice.None, Diagnostic.Create(DiagnosticCatalog.NoModelClass, fileStart));
        }

        var instantiated = new List<PyClass>();
        foreach (var u in usage)
        {
            if (!instantiated.Contains(u.Class))
            {
                instantiated.Add(u.Class);
            }
        }

        if (instantiated.Count == 1)
        {
            return (instantiated[0], ClassChoice.Instantiated, null);
        }

        // One walk per class collects the names its body reads; a class is used by another when another reads its name.
        var namesRead = new Dictionary<PyClass, HashSet<string>>(ReferenceEqualityComparer.Instance);
        foreach (var candidate in candidates)
        {
            namesRead[candidate] = NamesRead(candidate.Definition.Body);
        }

        bool UsedByAnother(PyClass c) => candidates.Exists(other => !ReferenceEquals(other, c) && namesRead[other].Contains(c.Name));

        var unused = candidates.FindAll(c => !UsedByAnother(c));
        if (instantiated.Count == 0 && unused.Count == 1)
        {
            return (unused[0], ClassChoice.OnlyUnused, null);
        }

        if (instantiated.Count > 1)
        {
            var topLevel = instantiated.FindAll(c => !UsedByAnother(c));
            if (topLevel.Count == 1)
            {
                return (topLevel[0], ClassChoice.Instantiated, null);
            }
        }

        return (null, ClassChoice.None, Diagnostic.Create(DiagnosticCatalog.AmbiguousModelClass, fileStart, list));
    }

    /// <summary>Every name read anywhere in the statements.</summary>
    private static HashSet<string> NamesRead(IReadOnlyList<Stmt> body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in body)
        {
            AstSearch.Any(statement, node =>
            {
                if (node is NameExpr name)
                {
                    names.Add(name.Id);
                }

                return false;
            });
        }

        return names;
    }

    private static (IReadOnlyList<Shape>? Inputs, InputSource Source, Diagnostic? Error) ChooseInputs(PythonCheckOptions options, PyClass chosen, ModelUsage? usage,
        ParseResult parsed, Interpreter interpreter)
    {
        if (options.Inputs is { Count: > 0 } given)
        {
            return (given, InputSource.Option, null);
        }

        if (InputComment(chosen, parsed) is { } comment)
        {
            var (text, range) = comment;
            var shapes = new List<Shape>();
            foreach (var written in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // An input may name its element type after a colon (4x50:int64 for token ids); shapes do not depend on it.
                var colon = written.IndexOf(':', StringComparison.Ordinal);
                var part = colon < 0 ? written : written[..colon].TrimEnd();
                if (!ShapeParser.TryParse(part, out var shape, out var error))
                {
                    return (null, InputSource.None, Diagnostic.Create(DiagnosticCatalog.InvalidInputComment, parsed.Source.ToSpan(range), error));
                }

                shapes.Add(shape);
            }

            if (shapes.Count > 0)
            {
                return (shapes, InputSource.Comment, null);
            }
        }

        if (usage?.Call is { } call)
        {
            var shapes = new List<Shape>();
            foreach (var argument in call.Arguments)
            {
                if (argument.Kind != ArgumentKind.Positional)
                {
                    break;
                }

                if (interpreter.EvaluateQuietly(argument.Value, usage.Scope) is not PyTensor { Shape: { } shape })
                {
                    shapes.Clear();
                    break;
                }

                shapes.Add(shape);
            }

            if (shapes.Count > 0)
            {
                return (shapes, InputSource.Usage, null);
            }
        }

        return (null, InputSource.None, null);
    }

    /// <summary>The text after <c>input</c> of a <c># shapesafe: input ...</c> comment directly above the class (decorators and blank lines may sit between).</summary>
    private static (string Text, TextRange Range)? InputComment(PyClass chosen, ParseResult parsed)
    {
        var source = parsed.Source;
        var classLine = source.LineOf(chosen.Definition.Range.Start);
        foreach (var d in chosen.Definition.Decorators)
        {
            classLine = Math.Min(classLine, source.LineOf(d.Range.Start));
        }

        var commentsByLine = new Dictionary<int, PyComment>();
        foreach (var c in parsed.Comments)
        {
            commentsByLine[source.LineOf(c.Range.Start)] = c;
        }

        for (var line = classLine - 1; line >= 1; line--)
        {
            var lineText = source.LineText(line).Trim();
            if (commentsByLine.TryGetValue(line, out var comment) && lineText.StartsWith('#'))
            {
                var body = comment.Text.TrimStart('#').Trim();
                if (body.StartsWith(InputMarker, StringComparison.Ordinal))
                {
                    var rest = body[InputMarker.Length..].Trim();
                    if (rest.StartsWith("input", StringComparison.Ordinal))
                    {
                        return (rest["input".Length..].Trim(), comment.Range);
                    }
                }

                continue;
            }

            if (lineText.Length == 0 || lineText.StartsWith('@'))
            {
                continue;
            }

            break;
        }

        return null;
    }

    /// <summary>A scope holding the values of the assignments before the model's call (<c>x = torch.randn(...)</c>), evaluated quietly.</summary>
    private static Scope UsageScope(ModelUsage usage, Interpreter interpreter)
    {
        var scope = new Scope(interpreter.Globals, interpreter.Globals);
        foreach (var (name, value) in usage.Assignments)
        {
            scope.Set(name, interpreter.EvaluateQuietly(value, scope));
        }

        return scope;
    }

    private static CallArgs ConstructorArguments(CallExpr construction, Interpreter interpreter, Scope scope)
    {
        var positional = new List<PyValue>();
        var positionalExprs = new List<Expr?>();
        var names = new List<string>();
        var values = new List<PyValue>();
        var exprs = new List<Expr?>();
        foreach (var a in construction.Arguments)
        {
            var v = interpreter.EvaluateQuietly(a.Value, scope);
            if (a.Kind == ArgumentKind.Positional)
            {
                positional.Add(v);
                positionalExprs.Add(a.Value);
            }
            else if (a.Kind == ArgumentKind.Keyword)
            {
                names.Add(a.Keyword!);
                values.Add(v);
                exprs.Add(a.Value);
            }
        }

        return new CallArgs([.. positional], [.. positionalExprs], [.. names], [.. values], [.. exprs]);
    }

    /// <summary>Finds where the file constructs a model class and calls it, at module level, in <c>if __name__ == "__main__":</c>, try blocks and functions.</summary>
    private static List<ModelUsage> FindUsage(IReadOnlyList<Stmt> body, List<PyClass> candidates)
    {
        var found = new List<ModelUsage>();
        new UsageFinder(candidates, found).Scan(body);
        return found;
    }
}
