using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python;

/// <summary>Depth-first search of a syntax tree for a node matching a predicate (no allocation per node beyond the recursion).</summary>
internal static class AstSearch
{
    public static bool Any(Node? node, Func<Node, bool> match)
    {
        if (node is null)
        {
            return false;
        }

        if (match(node))
        {
            return true;
        }

        return node switch
        {
            ExprStmt s => Any(s.Value, match),
            AssignStmt s => All(s.Targets, match) || Any(s.Value, match),
            AnnAssignStmt s => Any(s.Target, match) || Any(s.Value, match),
            AugAssignStmt s => Any(s.Target, match) || Any(s.Value, match),
            IfStmt s => Any(s.Test, match) || All(s.Body, match) || All(s.OrElse, match),
            ForStmt s => Any(s.Target, match) || Any(s.Iter, match) || All(s.Body, match) || All(s.OrElse, match),
            WhileStmt s => Any(s.Test, match) || All(s.Body, match) || All(s.OrElse, match),
            ReturnStmt s => Any(s.Value, match),
            FunctionDefStmt s => All(s.Decorators, match) || s.Parameters.Any(p => Any(p.Default, match)) || All(s.Body, match),
            ClassDefStmt s => s.Bases.Any(b => Any(b.Value, match)) || All(s.Body, match),
            TryStmt s => All(s.Body, match) || s.Handlers.Any(h => Any(h.Type, match) || All(h.Body, match)) || All(s.OrElse, match) || All(s.FinalBody, match),
            WithStmt s => s.Items.Any(i => Any(i.Context, match) || Any(i.Target, match)) || All(s.Body, match),
            AssertStmt s => Any(s.Test, match) || Any(s.Message, match),
            DeleteStmt s => All(s.Targets, match),
            RaiseStmt s => Any(s.Exception, match) || Any(s.Cause, match),
            AttributeExpr e => Any(e.Value, match),
            SubscriptExpr e => Any(e.Value, match) || Any(e.Index, match),
            CallExpr e => Any(e.Func, match) || e.Arguments.Any(a => Any(a.Value, match)),
            BinaryExpr e => Any(e.Left, match) || Any(e.Right, match),
            UnaryExpr e => Any(e.Operand, match),
            BoolOpExpr e => All(e.Values, match),
            CompareExpr e => Any(e.Left, match) || All(e.Comparators, match),
            IfExpr e => Any(e.Test, match) || Any(e.Body, match) || Any(e.OrElse, match),
            TupleExpr e => All(e.Elements, match),
            ListExpr e => All(e.Elements, match),
            SetExpr e => All(e.Elements, match),
            DictExpr e => e.Keys.Any(k => Any(k, match)) || All(e.Values, match),
            ListCompExpr e => Any(e.Element, match) || Generators(e.Generators, match),
            SetCompExpr e => Any(e.Element, match) || Generators(e.Generators, match),
            GeneratorExpr e => Any(e.Element, match) || Generators(e.Generators, match),
            DictCompExpr e => Any(e.Key, match) || Any(e.Value, match) || Generators(e.Generators, match),
            LambdaExpr e => Any(e.Body, match),
            SliceExpr e => Any(e.Lower, match) || Any(e.Upper, match) || Any(e.Step, match),
            StarredExpr e => Any(e.Value, match),
            NamedExpr e => Any(e.Target, match) || Any(e.Value, match),
            StringExpr e => All(e.Parts, match),
            AwaitExpr e => Any(e.Value, match),
            YieldExpr e => Any(e.Value, match),
            YieldFromExpr e => Any(e.Value, match),
            _ => false,
        };
    }

    private static bool All<T>(IReadOnlyList<T> nodes, Func<Node, bool> match)
        where T : Node
    {
        foreach (var n in nodes)
        {
            if (Any(n, match))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Generators(IReadOnlyList<Comprehension> generators, Func<Node, bool> match)
    {
        foreach (var g in generators)
        {
            if (Any(g.Target, match) || Any(g.Iter, match) || All(g.Ifs, match))
            {
                return true;
            }
        }

        return false;
    }
}
