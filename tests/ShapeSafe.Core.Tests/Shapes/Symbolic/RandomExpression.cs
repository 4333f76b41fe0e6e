using ShapeSafe.Shapes.Symbolic;

namespace ShapeSafe.Tests.Shapes.Symbolic;

/// <summary>
/// A random expression tree for property tests, evaluated directly with Python's semantics (the reference) and built
/// through <see cref="SymExpr"/>'s operators (the canonical form under test).
/// </summary>
internal sealed class RandomExpression
{
    private static readonly string[] Names = ["N", "H", "W"];

    private RandomExpression(string op, RandomExpression? left, RandomExpression? right, long value, string? name)
    {
        Op = op;
        Left = left;
        Right = right;
        Value = value;
        Name = name;
    }

    public string Op { get; }

    public RandomExpression? Left { get; }

    public RandomExpression? Right { get; }

    public long Value { get; }

    public string? Name { get; }

    /// <summary>A random tree that can be built: one that divides by a constant zero (Python raises for it) is drawn again.</summary>
    public static (RandomExpression Tree, SymExpr Canonical) Draw(Random random, int depth)
    {
        while (true)
        {
            var tree = Generate(random, depth);
            try
            {
                return (tree, tree.Build());
            }
            catch (DivideByZeroException)
            {
            }
        }
    }

    private static RandomExpression Generate(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            return random.Next(2) == 0
                ? new RandomExpression("const", null, null, random.Next(-5, 10), null)
                : new RandomExpression("sym", null, null, 0, Names[random.Next(Names.Length)]);
        }

        var op = random.Next(6) switch
        {
            0 => "+",
            1 => "-",
            2 => "*",
            3 => "//",
            4 => "%",
            _ => "neg",
        };
        if (op == "neg")
        {
            return new RandomExpression(op, Generate(random, depth - 1), null, 0, null);
        }

        var right = op is "//" or "%" && random.Next(3) > 0
            ? new RandomExpression("const", null, null, random.Next(2) == 0 ? random.Next(1, 9) : -random.Next(1, 5), null)
            : Generate(random, depth - 1);
        return new RandomExpression(op, Generate(random, depth - 1), right, 0, null);
    }

    /// <summary>Direct evaluation with Python's // and %; throws <see cref="DivideByZeroException"/> as Python raises.</summary>
    public long Evaluate(IReadOnlyDictionary<string, long> values) => Op switch
    {
        "const" => Value,
        "sym" => values[Name!],
        "neg" => checked(-Left!.Evaluate(values)),
        "+" => checked(Left!.Evaluate(values) + Right!.Evaluate(values)),
        "-" => checked(Left!.Evaluate(values) - Right!.Evaluate(values)),
        "*" => checked(Left!.Evaluate(values) * Right!.Evaluate(values)),
        "//" => PythonFloorDiv(Left!.Evaluate(values), Right!.Evaluate(values)),
        _ => PythonMod(Left!.Evaluate(values), Right!.Evaluate(values)),
    };

    public SymExpr Build() => Op switch
    {
        "const" => SymExpr.Constant(Value),
        "sym" => SymExpr.Symbol(Name!),
        "neg" => -Left!.Build(),
        "+" => Left!.Build() + Right!.Build(),
        "-" => Left!.Build() - Right!.Build(),
        "*" => Left!.Build() * Right!.Build(),
        "//" => SymExpr.FloorDiv(Left!.Build(), Right!.Build()),
        _ => SymExpr.Mod(Left!.Build(), Right!.Build()),
    };

    public override string ToString() => Op switch
    {
        "const" => Value < 0 ? $"({Value})" : $"{Value}",
        "sym" => Name!,
        "neg" => $"-({Left})",
        _ => $"({Left}){Op}({Right})",
    };

    // Written out with Math.Floor on decimals, independent of the integer arithmetic under test.
    private static long PythonFloorDiv(long a, long b) =>
        b == 0 ? throw new DivideByZeroException() : (long)Math.Floor((decimal)a / b);

    private static long PythonMod(long a, long b) => checked(a - (b * PythonFloorDiv(a, b)));
}
