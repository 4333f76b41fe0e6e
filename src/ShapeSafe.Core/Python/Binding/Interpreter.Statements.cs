using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>Statements: assignment (with nn.Module's <c>__setattr__</c>), control flow, definitions and imports.</summary>
public sealed partial class Interpreter
{
    internal Completion Execute(IReadOnlyList<Stmt> body, Frame frame)
    {
        for (var i = 0; i < body.Count; i++)
        {
            var c = Execute(body[i], frame);
            if (c != Completion.Normal)
            {
                return c;
            }
        }

        return Completion.Normal;
    }

    private Completion Execute(Stmt statement, Frame frame)
    {
        if (!Step())
        {
            return Completion.Abort;
        }

        _statementSpan = SpanOf(statement);
        _statementOffset = statement.Range.Start;
        switch (statement)
        {
            case ExprStmt s:
                Evaluate(s.Value, frame);
                break;
            case AssignStmt s:
            {
                var value = Evaluate(s.Value, frame);
                foreach (var target in s.Targets)
                {
                    Assign(target, value, frame);
                }

                break;
            }

            case AnnAssignStmt s:
                if (s.Value is not null)
                {
                    Assign(s.Target, Evaluate(s.Value, frame), frame);
                }

                break;
            case AugAssignStmt s:
            {
                var current = Evaluate(s.Target, frame);
                var operand = Evaluate(s.Value, frame);
                Assign(s.Target, Binary(s.Op, current, operand, s.Target, inPlace: true), frame);
                break;
            }

            case IfStmt s:
                return ExecuteIf(s, frame);
            case ForStmt s:
                return ExecuteFor(s, frame);
            case WhileStmt s:
                return ExecuteWhile(s, frame);
            case BreakStmt:
                return Completion.Break;
            case ContinueStmt:
                return Completion.Continue;
            case ReturnStmt s:
                frame.ReturnValue = s.Value is null ? PyNone.Instance : Evaluate(s.Value, frame);
                return _limitReached ? Completion.Abort : Completion.Return;
            case PassStmt:
                break;
            case FunctionDefStmt s:
                frame.Locals.Set(s.Name, DefineFunction(s, frame));
                break;
            case ClassDefStmt s:
                frame.Locals.Set(s.Name, DefineClass(s, frame));
                break;
            case ImportStmt s:
                Import(s, frame.Locals);
                break;
            case ImportFromStmt s:
                ImportFrom(s, frame.Locals);
                break;
            case TryStmt s:
                return ExecuteTry(s, frame);
            case WithStmt s:
                foreach (var item in s.Items)
                {
                    var context = Evaluate(item.Context, frame);
                    if (item.Target is not null)
                    {
                        Assign(item.Target, context is PyTensor or PyModule ? context : new PyUnknown("the value a with statement binds", SpanOf(item)), frame);
                    }
                }

                return Execute(s.Body, frame);
            case AssertStmt s:
                ExecuteAssert(s, frame);
                break;
            case DeleteStmt s:
                foreach (var target in s.Targets)
                {
                    Delete(target, frame);
                }

                break;
            case RaiseStmt:
                _raised = true;
                Note(_statementSpan, "raise", "the code raises an exception here, so the rest of this call is not followed");
                return Completion.Abort;
            case GlobalStmt s:
                foreach (var name in s.Names)
                {
                    frame.Locals.DeclareGlobal(name);
                }

                break;
            case NonlocalStmt:
                break;
            default:
                Note(_statementSpan, FirstWord(statement), "this statement is not supported by the checker");
                break;
        }

        return _limitReached ? Completion.Abort : Completion.Normal;
    }

    private static string FirstWord(Stmt statement) => statement switch
    {
        MatchStmt => "match",
        TypeAliasStmt => "type alias",
        ErrorStmt => "a statement that does not parse",
        _ => statement.GetType().Name,
    };

    private Completion ExecuteIf(IfStmt s, Frame frame)
    {
        var test = Evaluate(s.Test, frame);
        switch (Truth(test))
        {
            case true:
                return Execute(s.Body, frame);
            case false:
                return Execute(s.OrElse, frame);
            default:
                SkipUnknownBranch("if", s.Test, test, [s.Body, s.OrElse], frame);
                return Completion.Normal;
        }
    }

    /// <summary>A condition the binder cannot decide: one note, and every name either branch assigns becomes unknown.</summary>
    private void SkipUnknownBranch(string statement, Expr test, PyValue value, IReadOnlyList<IReadOnlyList<Stmt>> bodies, Frame frame)
    {
        var why = value is PyUnknown u ? u.Reason : value is PyTensor ? "it depends on tensor values" : "its value is not known";
        Report(Diagnostic.Create(DiagnosticCatalog.UnknownCondition, SpanOf(test), TextOf(test), why));
        Graph?.Unfollowed.Add(new Dataflow.UnfollowedStatement(SpanOf(test), statement, TextOf(test), why));
        var unknown = new PyUnknown($"assigned under the condition {TextOf(test)}", SpanOf(test));
        foreach (var body in bodies)
        {
            MarkAssignedUnknown(body, unknown, frame);
        }
    }

    private void MarkAssignedUnknown(IReadOnlyList<Stmt> body, PyUnknown unknown, Frame frame)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case AssignStmt a:
                    foreach (var t in a.Targets)
                    {
                        MarkTargetUnknown(t, unknown, frame);
                    }

                    break;
                case AnnAssignStmt a:
                    MarkTargetUnknown(a.Target, unknown, frame);
                    break;
                case AugAssignStmt a:
                    MarkTargetUnknown(a.Target, unknown, frame);
                    break;
                case ForStmt f:
                    MarkTargetUnknown(f.Target, unknown, frame);
                    MarkAssignedUnknown(f.Body, unknown, frame);
                    MarkAssignedUnknown(f.OrElse, unknown, frame);
                    break;
                case WhileStmt w:
                    MarkAssignedUnknown(w.Body, unknown, frame);
                    MarkAssignedUnknown(w.OrElse, unknown, frame);
                    break;
                case IfStmt i:
                    MarkAssignedUnknown(i.Body, unknown, frame);
                    MarkAssignedUnknown(i.OrElse, unknown, frame);
                    break;
                case WithStmt w:
                    MarkAssignedUnknown(w.Body, unknown, frame);
                    break;
                case TryStmt t:
                    MarkAssignedUnknown(t.Body, unknown, frame);
                    MarkAssignedUnknown(t.OrElse, unknown, frame);
                    MarkAssignedUnknown(t.FinalBody, unknown, frame);
                    foreach (var h in t.Handlers)
                    {
                        MarkAssignedUnknown(h.Body, unknown, frame);
                    }

                    break;
                case FunctionDefStmt f:
                    frame.Locals.Set(f.Name, unknown);
                    break;
                case ClassDefStmt c:
                    frame.Locals.Set(c.Name, unknown);
                    break;
                case ExprStmt { Value: CallExpr { Func: AttributeExpr { Value: var owner } } }:
                    // self.layers.append(...) under an unknown condition: the list's content is no longer known.
                    MarkIncomplete(owner, frame);
                    break;
            }
        }
    }

    private void MarkTargetUnknown(Expr target, PyUnknown unknown, Frame frame)
    {
        switch (target)
        {
            case NameExpr n:
                frame.Locals.Set(n.Id, unknown);
                break;
            case TupleExpr t:
                foreach (var e in t.Elements)
                {
                    MarkTargetUnknown(e, unknown, frame);
                }

                break;
            case ListExpr l:
                foreach (var e in l.Elements)
                {
                    MarkTargetUnknown(e, unknown, frame);
                }

                break;
            case StarredExpr s:
                MarkTargetUnknown(s.Value, unknown, frame);
                break;
            case AttributeExpr a:
                var owner = Evaluate(a.Value, frame);
                SetAttribute(owner, a.Attr, unknown, a);
                if (owner is PyUserModule m)
                {
                    m.Incomplete = true;
                }

                break;
            case SubscriptExpr s:
                MarkIncomplete(s.Value, frame);
                break;
        }
    }

    private void MarkIncomplete(Expr owner, Frame frame)
    {
        switch (owner)
        {
            case NameExpr n:
                frame.Locals.Set(n.Id, new PyUnknown($"{n.Id} changed under a condition not known", SpanOf(n)));
                break;
            case AttributeExpr a when Evaluate(a.Value, frame) is { } o:
                SetAttribute(o, a.Attr, new PyUnknown($"{TextOf(a)} changed under a condition not known", SpanOf(a)), a);
                if (o is PyUserModule m)
                {
                    m.Incomplete = true;
                }

                break;
        }
    }

    private Completion ExecuteFor(ForStmt s, Frame frame)
    {
        var iterable = Evaluate(s.Iter, frame);
        var items = Iterate(iterable, s.Iter);
        if (items is null)
        {
            SkipUnknownBranch("for", s.Iter, iterable is PyUnknown ? iterable : new PyUnknown($"iterating over {iterable.TypeName} is not followed", SpanOf(s.Iter)), [s.Body, s.OrElse], frame);
            MarkTargetUnknown(s.Target, new PyUnknown("loop variable of a loop not followed", SpanOf(s.Target)), frame);
            return Completion.Normal;
        }

        var count = 0;
        foreach (var item in items)
        {
            if (++count > _limits.MaxIterations)
            {
                _statementSpan = SpanOf(s);
                StopAtLimit($"a loop ran more than {_limits.MaxIterations} times");
                return Completion.Abort;
            }

            Assign(s.Target, item, frame);
            var c = Execute(s.Body, frame);
            if (c == Completion.Break)
            {
                return Completion.Normal;
            }

            if (c is Completion.Return or Completion.Abort)
            {
                return c;
            }
        }

        return Execute(s.OrElse, frame);
    }

    private Completion ExecuteWhile(WhileStmt s, Frame frame)
    {
        for (var count = 0; ; count++)
        {
            if (count >= _limits.MaxIterations)
            {
                _statementSpan = SpanOf(s);
                StopAtLimit($"a while loop ran more than {_limits.MaxIterations} times");
                return Completion.Abort;
            }

            var test = Evaluate(s.Test, frame);
            var truth = Truth(test);
            if (truth is null)
            {
                SkipUnknownBranch("while", s.Test, test, [s.Body, s.OrElse], frame);
                return Completion.Normal;
            }

            if (truth == false)
            {
                return Execute(s.OrElse, frame);
            }

            var c = Execute(s.Body, frame);
            if (c == Completion.Break)
            {
                return Completion.Normal;
            }

            if (c is Completion.Return or Completion.Abort)
            {
                return c;
            }
        }
    }

    private Completion ExecuteTry(TryStmt s, Frame frame)
    {
        var c = Execute(s.Body, frame);
        if (c == Completion.Abort && _raised && !_limitReached && s.Handlers.Count > 0)
        {
            _raised = false;
            var handler = s.Handlers[0];
            if (handler.Name is not null)
            {
                frame.Locals.Set(handler.Name, new PyUnknown("the exception caught", SpanOf(handler)));
            }

            c = Execute(handler.Body, frame);
        }
        else if (c == Completion.Normal)
        {
            c = Execute(s.OrElse, frame);
        }

        if (s.FinalBody.Count > 0 && !_limitReached)
        {
            var saved = frame.ReturnValue;
            var f = Execute(s.FinalBody, frame);
            if (f != Completion.Normal)
            {
                return f;
            }

            frame.ReturnValue = saved;
        }

        return c;
    }

    private void ExecuteAssert(AssertStmt s, Frame frame)
    {
        var test = Evaluate(s.Test, frame);
        if (Truth(test) == false)
        {
            Report(Diagnostic.Create(DiagnosticCatalog.AssertFails, SpanOf(s), TextOf(s.Test)));
        }
    }

    private void Delete(Expr target, Frame frame)
    {
        switch (target)
        {
            case NameExpr n:
                frame.Locals.Remove(n.Id);
                break;
            case AttributeExpr a:
                switch (Evaluate(a.Value, frame))
                {
                    case PyModule m:
                        if (!m.RemoveChild(a.Attr))
                        {
                            m.Attributes.Remove(a.Attr);
                        }

                        break;
                    case PyObject o:
                        o.Attributes.Remove(a.Attr);
                        break;
                }

                break;
            case SubscriptExpr s:
            {
                var owner = Evaluate(s.Value, frame);
                var index = Evaluate(s.Index, frame);
                switch (owner)
                {
                    case PyList l when PyNumbers.ToLong(index) is { } i && NormalizeIndex(i, l.Items.Count) is { } at:
                        l.Items.RemoveAt(at);
                        break;
                    case PyDict d:
                        d.Remove(index);
                        break;
                    case PyContainer c when PyNumbers.ToLong(index) is { } i && NormalizeIndex(i, c.Count) is { } at:
                    {
                        var items = c.Items;
                        items.RemoveAt(at);
                        if (c.Kind == ContainerKind.ModuleDict)
                        {
                            break;
                        }

                        c.Renumber(items);
                        break;
                    }
                }

                break;
            }

            case TupleExpr t:
                foreach (var e in t.Elements)
                {
                    Delete(e, frame);
                }

                break;
        }
    }

    private static int? NormalizeIndex(long index, int count)
    {
        var i = index < 0 ? index + count : index;
        return i >= 0 && i < count ? (int)i : null;
    }
}
