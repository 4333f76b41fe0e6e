using System.Globalization;
using System.Text;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Tests.Python.Syntax;

/// <summary>Prints a Python AST as compact S-expressions, so parser tests read as <c>source -> tree</c> rows.</summary>
public static class AstPrinter
{
    public static string Print(ModuleNode module) => string.Join(" ", module.Body.Select(Print));

    public static string Print(Node node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Node? node)
    {
        switch (node)
        {
            case null:
                sb.Append('_');
                break;
            case Expr e:
                WriteExpr(sb, e);
                break;
            case Stmt s:
                WriteStmt(sb, s);
                break;
            case CallArgument a:
                sb.Append(a.Kind switch
                {
                    ArgumentKind.Keyword => a.Keyword + "=",
                    ArgumentKind.Star => "*",
                    ArgumentKind.DoubleStar => "**",
                    _ => string.Empty,
                });
                Write(sb, a.Value);
                break;
            case Comprehension c:
                sb.Append(c.IsAsync ? "(async-for " : "(for ");
                Write(sb, c.Target);
                sb.Append(' ');
                Write(sb, c.Iter);
                foreach (var cond in c.Ifs)
                {
                    sb.Append(" (if ");
                    Write(sb, cond);
                    sb.Append(')');
                }

                sb.Append(')');
                break;
            case Parameter p:
                sb.Append(p.Kind switch
                {
                    ParameterKind.PositionalOnly => "po:",
                    ParameterKind.KeywordOnly => "kw:",
                    ParameterKind.VarPositional => "*",
                    ParameterKind.VarKeyword => "**",
                    _ => string.Empty,
                }).Append(p.Name);
                if (p.Annotation is not null)
                {
                    sb.Append(':');
                    Write(sb, p.Annotation);
                }

                if (p.Default is not null)
                {
                    sb.Append('=');
                    Write(sb, p.Default);
                }

                break;
            case ImportAlias alias:
                sb.Append(alias.AsName is null ? alias.Name : $"({alias.Name} as {alias.AsName})");
                break;
            case WithItem item:
                sb.Append("(item ");
                Write(sb, item.Context);
                if (item.Target is not null)
                {
                    sb.Append(' ');
                    Write(sb, item.Target);
                }

                sb.Append(')');
                break;
            case ExceptHandler h:
                sb.Append("(except ");
                Write(sb, h.Type);
                if (h.Name is not null)
                {
                    sb.Append(" as ").Append(h.Name);
                }

                sb.Append(' ');
                Block(sb, h.Body);
                sb.Append(')');
                break;
            case MatchCase mc:
                sb.Append("(case ");
                Write(sb, mc.Pattern);
                if (mc.Guard is not null)
                {
                    sb.Append(" if ");
                    Write(sb, mc.Guard);
                }

                sb.Append(' ');
                Block(sb, mc.Body);
                sb.Append(')');
                break;
            case ModuleNode m:
                sb.Append(Print(m));
                break;
            default:
                throw new InvalidOperationException("unknown node " + node.GetType().Name);
        }
    }

    private static void List(StringBuilder sb, string head, IEnumerable<Node?> items)
    {
        sb.Append('(').Append(head);
        foreach (var item in items)
        {
            sb.Append(' ');
            Write(sb, item);
        }

        sb.Append(')');
    }

    private static void Block(StringBuilder sb, IReadOnlyList<Stmt> body)
    {
        sb.Append('[');
        for (var i = 0; i < body.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            Write(sb, body[i]);
        }

        sb.Append(']');
    }

    private static string Op(BinaryOperator op) => op switch
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

    private static string Op(CompareOperator op) => op switch
    {
        CompareOperator.Eq => "==",
        CompareOperator.NotEq => "!=",
        CompareOperator.Lt => "<",
        CompareOperator.LtE => "<=",
        CompareOperator.Gt => ">",
        CompareOperator.GtE => ">=",
        CompareOperator.Is => "is",
        CompareOperator.IsNot => "is-not",
        CompareOperator.In => "in",
        _ => "not-in",
    };

    private static void WriteExpr(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case NameExpr n:
                sb.Append(n.Id);
                break;
            case IntExpr i:
                sb.Append(i.Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "big:" + i.Text);
                break;
            case FloatExpr f:
                sb.Append("float:").Append(f.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case ImaginaryExpr im:
                sb.Append("imag:").Append(im.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case StringExpr s:
                var literal = (s.IsBytes ? "b" : string.Empty) + "'" + s.Value.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\t", "\\t") + "'";
                if (s.IsFString)
                {
                    List(sb, "f " + literal, s.Parts);
                }
                else
                {
                    sb.Append(literal);
                }

                break;
            case ConstantExpr c:
                sb.Append(c.Kind == ConstantKind.Ellipsis ? "..." : c.Kind.ToString());
                break;
            case BinaryExpr b:
                List(sb, Op(b.Op), new Node[] { b.Left, b.Right });
                break;
            case UnaryExpr u:
                List(sb, u.Op switch
                {
                    UnaryOperator.Not => "not",
                    UnaryOperator.Invert => "~",
                    UnaryOperator.UAdd => "u+",
                    _ => "u-",
                }, new Node[] { u.Operand });
                break;
            case BoolOpExpr bo:
                List(sb, bo.Op == BoolOperator.And ? "and" : "or", bo.Values);
                break;
            case CompareExpr cmp:
                sb.Append("(cmp ");
                Write(sb, cmp.Left);
                for (var k = 0; k < cmp.Ops.Count; k++)
                {
                    sb.Append(' ').Append(Op(cmp.Ops[k])).Append(' ');
                    Write(sb, cmp.Comparators[k]);
                }

                sb.Append(')');
                break;
            case IfExpr ie:
                List(sb, "if", new Node[] { ie.Test, ie.Body, ie.OrElse });
                break;
            case NamedExpr ne:
                List(sb, ":=", new Node[] { ne.Target, ne.Value });
                break;
            case LambdaExpr l:
                List(sb, "lambda", l.Parameters.Cast<Node>().Append(l.Body));
                break;
            case CallExpr call:
                List(sb, "call", call.Arguments.Cast<Node>().Prepend(call.Func));
                break;
            case AttributeExpr a:
                sb.Append("(. ");
                Write(sb, a.Value);
                sb.Append(' ').Append(a.Attr).Append(')');
                break;
            case SubscriptExpr sub:
                List(sb, "sub", new Node[] { sub.Value, sub.Index });
                break;
            case SliceExpr sl:
                List(sb, "slice", new Node?[] { sl.Lower, sl.Upper, sl.Step });
                break;
            case StarredExpr st:
                List(sb, "*", new Node[] { st.Value });
                break;
            case TupleExpr t:
                List(sb, t.Parenthesized ? "tuple()" : "tuple", t.Elements);
                break;
            case ListExpr le:
                List(sb, "list", le.Elements);
                break;
            case SetExpr se:
                List(sb, "set", se.Elements);
                break;
            case DictExpr d:
                sb.Append("(dict");
                for (var k = 0; k < d.Values.Count; k++)
                {
                    sb.Append(d.Keys[k] is null ? " (** " : " (");
                    if (d.Keys[k] is { } key)
                    {
                        Write(sb, key);
                        sb.Append(' ');
                    }

                    Write(sb, d.Values[k]);
                    sb.Append(')');
                }

                sb.Append(')');
                break;
            case ListCompExpr lc:
                List(sb, "listcomp", lc.Generators.Cast<Node>().Prepend(lc.Element));
                break;
            case SetCompExpr sc:
                List(sb, "setcomp", sc.Generators.Cast<Node>().Prepend(sc.Element));
                break;
            case GeneratorExpr g:
                List(sb, "gen", g.Generators.Cast<Node>().Prepend(g.Element));
                break;
            case DictCompExpr dc:
                List(sb, "dictcomp", dc.Generators.Cast<Node>().Prepend(dc.Value).Prepend(dc.Key));
                break;
            case AwaitExpr aw:
                List(sb, "await", new Node[] { aw.Value });
                break;
            case YieldExpr y:
                List(sb, "yield", y.Value is null ? Array.Empty<Node>() : new Node[] { y.Value });
                break;
            case YieldFromExpr yf:
                List(sb, "yield-from", new Node[] { yf.Value });
                break;
            case ErrorExpr:
                sb.Append("<error>");
                break;
            default:
                throw new InvalidOperationException("unknown expression " + e.GetType().Name);
        }
    }

    private static void WriteStmt(StringBuilder sb, Stmt s)
    {
        switch (s)
        {
            case ExprStmt es:
                Write(sb, es.Value);
                break;
            case AssignStmt a:
                List(sb, "=", a.Targets.Cast<Node>().Append(a.Value));
                break;
            case AugAssignStmt aug:
                List(sb, Op(aug.Op) + "=", new Node[] { aug.Target, aug.Value });
                break;
            case AnnAssignStmt ann:
                List(sb, ":", ann.Value is null ? new Node[] { ann.Target, ann.Annotation } : new Node[] { ann.Target, ann.Annotation, ann.Value });
                break;
            case ReturnStmt r:
                List(sb, "return", r.Value is null ? Array.Empty<Node>() : new Node[] { r.Value });
                break;
            case PassStmt:
                sb.Append("pass");
                break;
            case BreakStmt:
                sb.Append("break");
                break;
            case ContinueStmt:
                sb.Append("continue");
                break;
            case RaiseStmt raise:
                sb.Append("(raise");
                if (raise.Exception is not null)
                {
                    sb.Append(' ');
                    Write(sb, raise.Exception);
                }

                if (raise.Cause is not null)
                {
                    sb.Append(" from ");
                    Write(sb, raise.Cause);
                }

                sb.Append(')');
                break;
            case GlobalStmt g:
                sb.Append("(global ").Append(string.Join(' ', g.Names)).Append(')');
                break;
            case NonlocalStmt nl:
                sb.Append("(nonlocal ").Append(string.Join(' ', nl.Names)).Append(')');
                break;
            case DeleteStmt d:
                List(sb, "del", d.Targets);
                break;
            case AssertStmt asrt:
                List(sb, "assert", asrt.Message is null ? new Node[] { asrt.Test } : new Node[] { asrt.Test, asrt.Message });
                break;
            case ImportStmt imp:
                List(sb, "import", imp.Names);
                break;
            case ImportFromStmt from:
                sb.Append("(from ").Append(new string('.', from.Level)).Append(from.Module ?? string.Empty);
                foreach (var alias in from.Names)
                {
                    sb.Append(' ');
                    Write(sb, alias);
                }

                sb.Append(')');
                break;
            case IfStmt ifs:
                sb.Append("(if ");
                Write(sb, ifs.Test);
                sb.Append(' ');
                Block(sb, ifs.Body);
                if (ifs.OrElse.Count > 0)
                {
                    sb.Append(' ');
                    Block(sb, ifs.OrElse);
                }

                sb.Append(')');
                break;
            case WhileStmt w:
                sb.Append("(while ");
                Write(sb, w.Test);
                sb.Append(' ');
                Block(sb, w.Body);
                if (w.OrElse.Count > 0)
                {
                    sb.Append(' ');
                    Block(sb, w.OrElse);
                }

                sb.Append(')');
                break;
            case ForStmt f:
                sb.Append(f.IsAsync ? "(async-for " : "(for ");
                Write(sb, f.Target);
                sb.Append(' ');
                Write(sb, f.Iter);
                sb.Append(' ');
                Block(sb, f.Body);
                if (f.OrElse.Count > 0)
                {
                    sb.Append(' ');
                    Block(sb, f.OrElse);
                }

                sb.Append(')');
                break;
            case TryStmt t:
                sb.Append(t.IsStar ? "(try* " : "(try ");
                Block(sb, t.Body);
                foreach (var h in t.Handlers)
                {
                    sb.Append(' ');
                    Write(sb, h);
                }

                if (t.OrElse.Count > 0)
                {
                    sb.Append(" (else ");
                    Block(sb, t.OrElse);
                    sb.Append(')');
                }

                if (t.FinalBody.Count > 0)
                {
                    sb.Append(" (finally ");
                    Block(sb, t.FinalBody);
                    sb.Append(')');
                }

                sb.Append(')');
                break;
            case WithStmt with:
                sb.Append(with.IsAsync ? "(async-with" : "(with");
                foreach (var item in with.Items)
                {
                    sb.Append(' ');
                    Write(sb, item);
                }

                sb.Append(' ');
                Block(sb, with.Body);
                sb.Append(')');
                break;
            case FunctionDefStmt fn:
                sb.Append(fn.IsAsync ? "(async-def " : "(def ").Append(fn.Name);
                foreach (var deco in fn.Decorators)
                {
                    sb.Append(" @");
                    Write(sb, deco);
                }

                List(sb.Append(' '), "params", fn.Parameters);
                if (fn.Returns is not null)
                {
                    sb.Append(" -> ");
                    Write(sb, fn.Returns);
                }

                sb.Append(' ');
                Block(sb, fn.Body);
                sb.Append(')');
                break;
            case ClassDefStmt cls:
                sb.Append("(class ").Append(cls.Name);
                foreach (var deco in cls.Decorators)
                {
                    sb.Append(" @");
                    Write(sb, deco);
                }

                List(sb.Append(' '), "bases", cls.Bases);
                sb.Append(' ');
                Block(sb, cls.Body);
                sb.Append(')');
                break;
            case MatchStmt m:
                List(sb, "match", m.Cases.Cast<Node>().Prepend(m.Subject));
                break;
            case TypeAliasStmt ta:
                sb.Append("(type ").Append(ta.Name).Append(' ');
                Write(sb, ta.Value);
                sb.Append(')');
                break;
            case ErrorStmt:
                sb.Append("<error-stmt>");
                break;
            default:
                throw new InvalidOperationException("unknown statement " + s.GetType().Name);
        }
    }
}
