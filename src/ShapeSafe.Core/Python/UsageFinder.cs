using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python;

/// <summary>
/// Scans the file's own top-level code (never run) for the model it builds and calls: <c>model = Net()</c> then
/// <c>model(x)</c> or <c>model.forward(x)</c>, or <c>Net()(x)</c>; inside <c>if __name__ == "__main__":</c>, try and with
/// blocks, loops and functions such as <c>main()</c>.
/// </summary>
internal sealed class UsageFinder(List<PyClass> candidates, List<ModelUsage> found)
{
    public void Scan(IReadOnlyList<Stmt> body) => Scan(body, [], new Dictionary<string, PyClass>(StringComparer.Ordinal));

    private void Scan(IReadOnlyList<Stmt> body, List<(string, Expr)> assignments, Dictionary<string, PyClass> models)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case AssignStmt { Targets: [NameExpr target] } a:
                    CheckCalls(a.Value, assignments, models);
                    if (ConstructionOf(a.Value) is { } made)
                    {
                        models[target.Id] = made.Class;
                        Usage(made.Class).Construction ??= made.Call;
                    }
                    else
                    {
                        assignments.Add((target.Id, a.Value));
                    }

                    break;
                case AssignStmt a:
                    CheckCalls(a.Value, assignments, models);
                    break;
                case ExprStmt s:
                    CheckCalls(s.Value, assignments, models);
                    break;
                case IfStmt s:
                    Scan(s.Body, [.. assignments], new(models, StringComparer.Ordinal));
                    Scan(s.OrElse, [.. assignments], new(models, StringComparer.Ordinal));
                    break;
                case TryStmt s:
                    Scan(s.Body, assignments, models);
                    break;
                case WithStmt s:
                    Scan(s.Body, assignments, models);
                    break;
                case ForStmt s:
                    Scan(s.Body, [.. assignments], new(models, StringComparer.Ordinal));
                    break;
                case WhileStmt s:
                    Scan(s.Body, [.. assignments], new(models, StringComparer.Ordinal));
                    break;
                case FunctionDefStmt s:
                    Scan(s.Body, [.. assignments], new(models, StringComparer.Ordinal));
                    break;
            }
        }
    }

    private ModelUsage Usage(PyClass cls)
    {
        var usage = found.Find(u => ReferenceEquals(u.Class, cls));
        if (usage is null)
        {
            usage = new ModelUsage(cls);
            found.Add(usage);
        }

        return usage;
    }

    /// <summary><c>Net(...)</c>, also through <c>.to(device)</c>, <c>.eval()</c>, <c>.cuda()</c>.</summary>
    private (PyClass Class, CallExpr Call)? ConstructionOf(Expr e)
    {
        switch (e)
        {
            case CallExpr { Func: NameExpr n } call when candidates.Find(c => c.Name == n.Id) is { } cls:
                return (cls, call);
            case CallExpr { Func: AttributeExpr { Value: var inner, Attr: "to" or "eval" or "train" or "cuda" or "cpu" or "float" or "double" } }:
                return ConstructionOf(inner);
            default:
                return null;
        }
    }

    private void CheckCalls(Expr e, List<(string, Expr)> assignments, Dictionary<string, PyClass> models)
    {
        AstSearch.Any(e, node =>
        {
            if (node is not CallExpr call)
            {
                return false;
            }

            PyClass? cls = call.Func switch
            {
                NameExpr n when models.TryGetValue(n.Id, out var m) => m,
                AttributeExpr { Value: NameExpr n, Attr: "forward" } when models.TryGetValue(n.Id, out var m) => m,
                CallExpr inner when ConstructionOf(inner) is { } made => made.Class,
                _ => null,
            };
            if (cls is null)
            {
                return false;
            }

            var usage = Usage(cls);
            if (usage.Call is null)
            {
                usage.Call = call;
                usage.Assignments = [.. assignments];
                if (call.Func is CallExpr inner && ConstructionOf(inner) is { } made)
                {
                    usage.Construction ??= made.Call;
                }
            }

            return true;
        });
    }
}
