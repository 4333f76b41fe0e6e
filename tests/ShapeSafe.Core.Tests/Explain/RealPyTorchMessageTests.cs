using System.Globalization;
using System.Text.Json;
using ShapeSafe.Explain;

namespace ShapeSafe.Tests.Explain;

/// <summary>
/// Messages PyTorch 1.13 really prints, read from tests/fixtures/explain/pytorch-1.13-messages.json (written by
/// generate_pytorch_messages.py next to it): each is recognized as its kind, with every number read.
/// </summary>
public sealed class RealPyTorchMessageTests
{
    /// <summary>Case name in the JSON, kind, and the numbers (name=value) the explanation must carry.</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        { "pool-per-channel-max", "pool-output-too-small", "channels=8" },
        { "pool-per-channel-avg", "pool-output-too-small", "channels=8" },
        { "conv-in-channels-groups", "conv-constructor-invalid", "" },
        { "conv-out-channels-groups", "conv-constructor-invalid", "" },
        { "conv-padding-mode", "conv-constructor-invalid", "" },
        { "conv-padding-same-strided", "conv-constructor-invalid", "" },
        { "broadcast-residual-add", "broadcast-mismatch", "size_a=16 size_b=32 dimension=1" },
        { "cat-unet-skip", "cat-size-mismatch", "cat_dimension=1 expected_size=48 got_size=49 tensor_index=1" },
        { "bmm-batch2-size", "bmm-batch2-mismatch", "batch=4 inner=5" },
        { "bmm-batch2-batch", "bmm-batch2-mismatch", "batch=4 inner=5" },
        { "expand", "expand-size-mismatch", "expanded_size=4 existing_size=3 dimension=1" },
        { "conv-transpose1d-channels", "conv-transpose-channel-mismatch", "expected_channels=64 out_channels_per_group=32 batch=1 channels=32" },
        { "conv-transpose2d-channels", "conv-transpose-channel-mismatch", "expected_channels=64 out_channels_per_group=32 batch=1 channels=32" },
        { "conv-transpose3d-channels", "conv-transpose-channel-mismatch", "expected_channels=64 out_channels_per_group=32 batch=1 channels=32" },
        { "dim-out-of-range-softmax", "dim-out-of-range", "min_dim=-2 max_dim=1 dim=2 tensor_rank=2" },
        { "dim-out-of-range-flatten", "dim-out-of-range", "min_dim=-2 max_dim=1 dim=2 tensor_rank=2" },
    };

    private static readonly Lazy<Dictionary<string, string>> Messages = new(() =>
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "explain", "pytorch-1.13-messages.json")));
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .ToDictionary(m => m.GetProperty("case").GetString()!, m => m.GetProperty("message").GetString()!);
    });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExplainsEachMessageWithEveryNumber(string name, string kind, string numbers)
    {
        var message = Messages.Value[name];

        var result = MessageExplainer.Explain(message);

        Assert.True(result.Recognized, $"{message}: {result.Reason}");
        var e = result.Explanation!;
        Assert.Equal(kind, e.Kind);
        foreach (var pair in numbers.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (pair.Split('=')[0], long.Parse(pair.Split('=')[1], CultureInfo.InvariantCulture));
            Assert.True(e.Number(key) == value, $"{key}: expected {value}, got {e.Number(key)?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        // Every integer printed in the message is one of the explained numbers or sizes.
        var explained = e.Numbers.Select(n => n.Value).Concat(e.Shapes.SelectMany(s => s.Dims)).ToHashSet();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(message, @"(?<![0-9A-Za-z_])-?[0-9]+"))
        {
            if (kind != "conv-constructor-invalid")
            {
                Assert.Contains(long.Parse(m.Value, CultureInfo.InvariantCulture), explained);
            }
        }

        Assert.NotEmpty(e.Fixes);
        Assert.False(string.IsNullOrWhiteSpace(e.Cause));
        Assert.All(e.Numbers, n => Assert.False(string.IsNullOrWhiteSpace(n.Meaning)));
        Assert.True(MessageConsistency.Contradiction(e) is null);
    }

    [Fact]
    public void EveryCommittedMessageHasACase()
    {
        var covered = Cases.Select(row => (string)row[0]).ToHashSet();

        Assert.All(Messages.Value.Keys, k => Assert.Contains(k, covered));
    }

    [Fact]
    public void TheUNetSkipIsExplainedAsAnOddSizeFlooredByPooling()
    {
        var e = MessageExplainer.Explain(Messages.Value["cat-unet-skip"]).Explanation!;

        Assert.Contains(e.Notes, n => n.Contains("49 is odd", StringComparison.Ordinal) && n.Contains("floored it to 24", StringComparison.Ordinal));
        Assert.Contains(e.Fixes, f => f.Contains("skip[..., :48, :48]", StringComparison.Ordinal));
        Assert.Contains(e.Fixes, f => f.Contains("F.pad(x, [0, 1, 0, 1])", StringComparison.Ordinal));
    }

    [Fact]
    public void TheResidualAddNamesTheShortcutConvolution()
    {
        var e = MessageExplainer.Explain(Messages.Value["broadcast-residual-add"]).Explanation!;

        Assert.Contains(e.Notes, n => n.Contains("nn.Conv2d(16, 32, 1)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("conv-padding-mode", "'reflect'")]
    [InlineData("conv-padding-same-strided", "padding=kernel_size // 2")]
    [InlineData("conv-in-channels-groups", "in_channels")]
    [InlineData("conv-out-channels-groups", "out_channels")]
    public void ConstructorErrorsSayWhatToChange(string name, string fragment)
    {
        var e = MessageExplainer.Explain(Messages.Value[name]).Explanation!;

        Assert.Contains(e.Fixes.Append(e.Cause), f => f.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void ExplainsLibtorchsPerChannelOutputTooSmallForm()
    {
        // libtorch's slow_conv2d shape check (ConvolutionMM2d.cpp); the same text is in PyTorch 1.13's and libtorch 2.10's libtorch_cpu.so.
        var e = MessageExplainer.Explain("RuntimeError: Given input size per channel: (1 x 1). Calculated output size per channel: (-1 x -1). Output size is too small").Explanation!;

        Assert.Equal("pool-output-too-small", e.Kind);
        Assert.Equal([1L, 1L], e.Shape("input_size"));
        Assert.Equal([-1L, -1L], e.Shape("output_size"));
        Assert.Contains(e.Notes, n => n.Contains("3x3 over 1x1", StringComparison.Ordinal));
    }

    [Fact]
    public void TransposedConvolutionSaysTheWeightIsInChannelsFirst()
    {
        var e = MessageExplainer.Explain(Messages.Value["conv-transpose2d-channels"]).Explanation!;

        Assert.Contains("ConvTranspose2d", e.Summary, StringComparison.Ordinal);
        Assert.Contains(e.Notes, n => n.Contains("[in_channels, out_channels / groups, *kernel_size]", StringComparison.Ordinal));
        Assert.Contains(e.Fixes, f => f.Contains("ConvTranspose2d(32,", StringComparison.Ordinal));
    }
}
