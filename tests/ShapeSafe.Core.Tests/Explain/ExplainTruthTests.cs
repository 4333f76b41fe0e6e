using System.Globalization;
using System.Text.RegularExpressions;
using ShapeSafe.Explain;

namespace ShapeSafe.Tests.Explain;

/// <summary>
/// explain never states a falsehood: messages whose numbers show no failure are called self-contradictory (exit 1), every
/// "A != B" and "not a multiple" it writes is true, and sizes up to 2^63 - 1 are answered exactly (and at once).
/// </summary>
public sealed partial class ExplainTruthTests
{
    public static TheoryData<string, string> Contradictions => new()
    {
        { "RuntimeError: mat1 and mat2 shapes cannot be multiplied (128x2048 and 2048x128)", "2048 == 2048" },
        { "size mismatch, m1: [64 x 2048], m2: [2048 x 10]", "2048 == 2048" },
        { "shape '[-1, 1946]' is invalid for input of size 62272", "62272 = 32 x 1946" },
        { "shape '[2, 4]' is invalid for input of size 8", "exactly 8 elements" },
        { "shape '[-1, -1]' is invalid for input of size 8", "only one dimension can be inferred" },
        { "The size of tensor a (16) must match the size of tensor b (16) at non-singleton dimension 1", "both sizes are 16" },
        { "The size of tensor a (1) must match the size of tensor b (32) at non-singleton dimension 1", "a size of 1" },
        { "The expanded size of the tensor (4) must match the existing size (1) at non-singleton dimension 1.  Target sizes: [4, 4].  Tensor sizes: [4, 1]", "a size of 1" },
        { "Given groups=1, weight of size [16, 3, 3, 3], expected input[2, 3, 8, 8] to have 3 channels, but got 3 channels instead", "has 3 channels" },
        { "Given groups=1, weight of size [16, 3, 3, 3], expected input[2, 5, 8, 8] to have 3 channels, but got 1 channels instead", "has 5 channels in dimension 1" },
        { "Given groups=2, weight of size [16, 3, 3, 3], expected input[2, 5, 8, 8] to have 3 channels, but got 5 channels instead", "expect 6 channels" },
        { "Given transposed=1, weight of size [64, 32, 4, 4], expected input[1, 16, 8, 8] to have 32 channels, but got 16 channels instead", "expect 64 channels" },
        { "Given transposed=1, weight of size [64, 32, 4, 4], expected input[1, 64, 8, 8] to have 64 channels, but got 64 channels instead", "has 64 channels" },
        { "running_mean should contain 32 elements not 32", "both 32" },
        { "Expected input batch_size (128) to match target batch_size (128).", "batch size 128" },
        { "Calculated padded input size per channel: (5 x 5). Kernel size: (3 x 3). Kernel size can't be greater than actual input size", "at least as large" },
        { "Given input size: (32x4x4). Calculated output size: (32x2x2). Output size is too small", "not empty" },
        { "pad should be at most half of kernel size, but got pad=1 and kernel_size=3", "at most half" },
        { "Sizes of tensors must match except in dimension 1. Expected size 48 but got size 48 for tensor number 1 in the list.", "both 48" },
        { "Expected size for first two dimensions of batch2 tensor to be: [4, 5] but got: [4, 5].", "both [4, 5]" },
        { "Dimension out of range (expected to be in range of [-2, 1], but got 1)", "lies in the range" },
        { "setStorage: sizes [128, 2048], strides [2048, 1], storage offset 0, and itemsize 4 requiring a storage size of 1048576 are out of bounds for storage of size 1048576", "fit in the storage" },
        { "Dimension out of range (expected to be in range of [-3, 1], but got 2)", "not one PyTorch prints" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void CallsAMessageWhoseNumbersShowNoFailureSelfContradictory(string message, string fragment)
    {
        var result = MessageExplainer.Explain(message);

        Assert.False(result.Recognized);
        Assert.True(result.SelfContradictory);
        Assert.Contains("contradicts itself", result.Reason, StringComparison.Ordinal);
        Assert.Contains(fragment, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mat1 and mat2 shapes cannot be multiplied (1x9223372036854775783 and 2048x128)", 9223372036854775783L, "9223372036854775783 = 9223372036854775783")]
    [InlineData("mat1 and mat2 shapes cannot be multiplied (1x9223372036854775807 and 2048x128)", 9223372036854775807L, "9223372036854775807 = 7^2 * 73 * 127 * 337 * 92737 * 649657")]
    [InlineData("mat1 and mat2 shapes cannot be multiplied (1x4611686014132420609 and 2048x128)", 4611686014132420609L, "4611686014132420609 = 2147483647^2")]
    [InlineData("mat1 and mat2 shapes cannot be multiplied (1x9223372036854775806 and 2048x128)", 9223372036854775806L, "9223372036854775806 = 2 * 3 * 715827883 * 2147483647")]
    [InlineData("mat1 and mat2 shapes cannot be multiplied (1x9999999967000000063 and 2048x128)", null, null)]
    public void AnswersNineteenDigitSizesExactly(string message, long? features, string? hints)
    {
        var result = MessageExplainer.Explain(message);

        if (features is null)
        {
            // 9999999967000000063 > long.MaxValue: no tensor can have it, and it is said so.
            Assert.False(result.Recognized);
            Assert.Contains("9999999967000000063", result.Reason, StringComparison.Ordinal);
            Assert.Contains("larger than any tensor size", result.Reason, StringComparison.Ordinal);
            return;
        }

        var e = result.Explanation!;
        Assert.Equal(features, e.Number("features_per_sample"));
        Assert.Equal(hints, e.FactorHints!.ToString());
    }

    [Theory]
    [InlineData(9223372036854775783L, 0)]
    [InlineData(9223372036854775807L, 0)]
    [InlineData(9223372036854775806L, 0)]
    [InlineData(4611686018427387904L, 0)]
    [InlineData(8796093022208L, 1)]
    [InlineData(25690112L, 6)]
    public void FactorHintsOfHugeValuesMultiplyBack(long value, int atLeast)
    {
        var hints = FactorAnalysis.Hints(value)!;

        Assert.True(hints.Candidates.Count >= atLeast, hints.ToString());
        Assert.All(hints.Candidates, h => Assert.Equal((Int128)value, (Int128)h.Channels * h.Side * h.Side));
        Assert.All(hints.Candidates, h => Assert.True(h.Side <= FactorAnalysis.MaxSide && h.Channels <= FactorAnalysis.MaxChannels));
    }

    [Fact]
    public void PrimeFactorizationsMultiplyBackToTheValue()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 300; i++)
        {
            var value = random.NextInt64(2, long.MaxValue);
            var product = FactorAnalysis.PrimeFactorization(value).Split(" * ")
                .Select(part => part.Split('^'))
                .Aggregate((Int128)1, (acc, p) => acc * Pow(long.Parse(p[0], CultureInfo.InvariantCulture), p.Length > 1 ? int.Parse(p[1], CultureInfo.InvariantCulture) : 1));
            Assert.Equal((Int128)value, product);
        }
    }

    /// <summary>Random messages of every kind with numbers: each "A != B" and "X ... not a multiple of Y" explain writes is true.</summary>
    [Fact]
    public void EveryInequalityAndNotAMultipleStatementIsTrue()
    {
        var random = new Random(1946);
        var checkedStatements = 0;
        for (var i = 0; i < 400; i++)
        {
            long N(int max) => random.Next(1, max);
            var a = N(4096);
            var b = random.Next(2) == 0 ? a * N(8) : N(4096);
            var c = N(4096);
            var batch = random.Next(3) == 0 ? (long?)N(256) : null;
            string[] messages =
            [
                $"mat1 and mat2 shapes cannot be multiplied ({c}x{a} and {b}x{N(512)})",
                $"size mismatch, m1: [{c} x {a}], m2: [{b} x {N(512)}]",
                $"shape '[-1, {a}]' is invalid for input of size {b}",
                $"shape '[{c}, {a}]' is invalid for input of size {b}",
                $"Expected input batch_size ({a}) to match target batch_size ({b}).",
                $"running_mean should contain {a} elements not {b}",
                $"The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton dimension 1",
                $"Sizes of tensors must match except in dimension 1. Expected size {a} but got size {b} for tensor number 1 in the list.",
                $"The expanded size of the tensor ({b}) must match the existing size ({a}) at non-singleton dimension 1.",
            ];
            foreach (var message in messages)
            {
                var result = MessageExplainer.Explain(message, new ExplainContext(batch));
                if (result.Explanation is not { } e)
                {
                    Assert.True(result.SelfContradictory, $"{message}: {result.Reason}");
                    continue;
                }

                foreach (var sentence in e.Notes.Concat(e.Fixes).Append(e.Summary).Append(e.Cause))
                {
                    foreach (Match m in NotEqual().Matches(sentence))
                    {
                        Assert.NotEqual(m.Groups[1].Value, m.Groups[2].Value);
                        checkedStatements++;
                    }

                    foreach (Match m in NotMultiple().Matches(sentence))
                    {
                        var divisor = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
                        var (x, y) = (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(divisor, CultureInfo.InvariantCulture));
                        Assert.True(y == 0 || x % y != 0, $"{message}: \"{sentence}\" says {x} is not a multiple of {y}");
                        checkedStatements++;
                    }
                }
            }
        }

        Assert.True(checkedStatements > 100, $"only {checkedStatements} statements checked");
    }

    [Theory]
    [InlineData(48, 49, true)]
    [InlineData(49, 48, true)]
    [InlineData(47, 48, false)]
    public void CallsASizeOddOnlyWhenItIs(long expected, long got, bool odd)
    {
        var e = MessageExplainer.Explain($"Sizes of tensors must match except in dimension 1. Expected size {expected} but got size {got} for tensor number 1 in the list.").Explanation!;

        Assert.Equal(odd, e.Notes.Any(n => n.Contains($"{Math.Max(expected, got)} is odd", StringComparison.Ordinal)));
        Assert.All(e.Notes, n => Assert.DoesNotContain("48 is odd", n, StringComparison.Ordinal));
    }

    private static Int128 Pow(long b, int e)
    {
        Int128 r = 1;
        for (var i = 0; i < e; i++)
        {
            r *= b;
        }

        return r;
    }

    [GeneratedRegex(@"(-?[0-9]+) != (-?[0-9]+)")]
    private static partial Regex NotEqual();

    // "the 62272 elements to be a multiple of 1946, and they are not", "... = 62272 elements is not a multiple of 1946".
    [GeneratedRegex(@"(?:the |= )([0-9]+) elements (?:to be a multiple of ([0-9]+), and they are not|is not a multiple of ([0-9]+))")]
    private static partial Regex NotMultiple();
}
