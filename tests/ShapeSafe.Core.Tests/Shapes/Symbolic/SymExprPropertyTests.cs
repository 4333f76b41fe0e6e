using ShapeSafe.Shapes.Symbolic;

namespace ShapeSafe.Tests.Shapes.Symbolic;

public sealed class SymExprPropertyTests
{
    [Theory]
    [InlineData(-7, 2, -4, 1)]
    [InlineData(7, -2, -4, -1)]
    [InlineData(-7, -2, 3, -1)]
    [InlineData(7, 2, 3, 1)]
    [InlineData(-1, 3, -1, 2)]
    [InlineData(0, -3, 0, 0)]
    public void ConstantsFollowPythonFloorSemantics(long a, long b, long quotient, long remainder)
    {
        // The expected values are what python3 prints for a // b and a % b.
        Assert.True(SymExpr.FloorDiv(a, b).TryGetConstant(out var q));
        Assert.True(SymExpr.Mod(a, b).TryGetConstant(out var r));
        Assert.Equal((quotient, remainder), (q, r));
    }

    [Theory]
    [InlineData(20250101, 3)]
    [InlineData(7, 4)]
    [InlineData(12345, 5)]
    public void CanonicalFormsEvaluateAsTheExpressionsTheyCameFrom(int seed, int depth)
    {
        var random = new Random(seed);
        var checkedSamples = 0;
        for (var i = 0; i < 400; i++)
        {
            var (tree, canonical) = RandomExpression.Draw(random, depth);
            var reparsed = SymExpr.Parse(canonical.ToString());
            for (var j = 0; j < 12; j++)
            {
                var values = new Dictionary<string, long>
                {
                    ["N"] = random.Next(-12, 13),
                    ["H"] = random.Next(-12, 13),
                    ["W"] = random.Next(-12, 13),
                };
                long expected;
                try
                {
                    expected = tree.Evaluate(values);
                }
                catch (DivideByZeroException)
                {
                    continue;
                }

                Assert.True(canonical.Substitute(values).TryGetConstant(out var actual), $"{tree} -> {canonical} did not fold");
                Assert.True(expected == actual, $"{tree} -> {canonical} at {string.Join(",", values)}: {actual}, Python gives {expected}");
                Assert.True(reparsed.Substitute(values).TryGetConstant(out var again) && again == expected, $"{canonical} read back as {reparsed} differs at {string.Join(",", values)}");
                checkedSamples++;
            }
        }

        Assert.True(checkedSamples > 1000, $"only {checkedSamples} samples were defined");
    }

    [Theory]
    [InlineData(99, 3)]
    [InlineData(2024, 4)]
    public void CommutedOperandsGiveTheSameCanonicalForm(int seed, int depth)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var a = RandomExpression.Draw(random, depth).Canonical;
            var b = RandomExpression.Draw(random, depth).Canonical;
            Assert.Equal(a + b, b + a);
            Assert.Equal(a * b, b * a);
            Assert.Equal((a + b).GetHashCode(), (b + a).GetHashCode());
            Assert.Equal(SymExpr.Zero, a - a);
        }
    }

    [Theory]
    [InlineData(31337, 3)]
    public void TextReadsBackToTheSameCanonicalForm(int seed, int depth)
    {
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var canonical = RandomExpression.Draw(random, depth).Canonical;
            Assert.Equal(canonical, SymExpr.Parse(canonical.ToString()));
        }
    }
}
