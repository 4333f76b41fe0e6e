using ShapeSafe.Explain;

namespace ShapeSafe.Tests.Explain;

public sealed class MessageExplainerTests
{
    /// <summary>Message, kind, and the numbers (name=value) the explanation must carry.</summary>
    public static TheoryData<string, string, string> Messages => new()
    {
        { "mat1 and mat2 shapes cannot be multiplied (128x29040 and 2048x50)", "linear-shape-mismatch", "batch=128 features_per_sample=29040 in_features=2048 out_features=50" },
        { "RuntimeError: mat1 and mat2 shapes cannot be multiplied (20x8192 and 2048x128)", "linear-shape-mismatch", "batch=20 features_per_sample=8192 in_features=2048 out_features=128" },
        { "RuntimeError: size mismatch, m1: [64 x 8192], m2: [2048 x 10] at /pytorch/aten/src/TH/generic/THTensorMath.cpp:136", "linear-shape-mismatch-legacy", "batch=64 features_per_sample=8192 in_features=2048 out_features=10" },
        { "RuntimeError: Given groups=1, weight of size [16, 3, 3, 3], expected input[2, 1, 8, 8] to have 3 channels, but got 1 channels instead", "conv-channel-mismatch", "groups=1 out_channels=16 in_channels_per_group=3 expected_channels=3 batch=2 channels=1" },
        { "Given groups=2, weight of size [16, 2, 3, 3], expected input[2, 6, 8, 8] to have 4 channels, but got 6 channels instead", "conv-channel-mismatch", "groups=2 out_channels=16 in_channels_per_group=2 expected_channels=4 batch=2 channels=6" },
        { "System.ArgumentException: Expected 3D (unbatched) or 4D (batched) input with 3 channels to Conv2d.", "torchsharp-conv-input", "in_channels=3 unbatched_rank=3 batched_rank=4" },
        { "Expected 2D (unbatched) or 3D (batched) input with 16 channels to Conv1d.", "torchsharp-conv-input", "in_channels=16 unbatched_rank=2 batched_rank=3" },
        { "RuntimeError: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 48]", "conv-input-rank", "input_rank=2 unbatched_rank=3 batched_rank=4" },
        { "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [2, 3, 8, 8]", "conv-input-rank", "input_rank=4 unbatched_rank=2 batched_rank=3" },
        { "Expected 4D (unbatched) or 5D (batched) input to conv3d, but got input of size: [8, 8, 8]", "conv-input-rank", "input_rank=3 unbatched_rank=4 batched_rank=5" },
        { "RuntimeError: Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size", "kernel-too-large", "" },
        { "RuntimeError: Given input size: (32x1x1). Calculated output size: (32x0x0). Output size is too small", "pool-output-too-small", "channels=32" },
        { "max_pool1d() Invalid computed output size: 0", "pool-output-too-small", "output_size=0" },
        { "RuntimeError: pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1", "pool-padding-too-large", "padding=2 kernel_size=3 dilation=1 max_padding=1" },
        { "pad should be at most half of effective kernel size, but got pad=3, kernel_size=3 and dilation=2", "pool-padding-too-large", "padding=3 kernel_size=3 dilation=2 max_padding=2" },
        { "RuntimeError: pad should be at most half of kernel size, but got pad=2 and kernel_size=3", "pool-padding-too-large", "padding=2 kernel_size=3 max_padding=1" },
        { "pad should be smaller than or equal to half of kernel size, but got padW = 1, padH = 2, kW = 3, kH = 3", "pool-padding-too-large", "padding=2 kernel_size=3 max_padding=1" },
        { "max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=3", "pool-padding-too-large", "padding=2 kernel_size=3 max_padding=1" },
        { "RuntimeError: running_mean should contain 32 elements not 16", "batchnorm-features-mismatch", "channels=32 num_features=16" },
        { "running_var should contain 64 elements not 128", "batchnorm-features-mismatch", "channels=64 num_features=128" },
        { "ValueError: Expected input batch_size (512) to match target batch_size (128).", "loss-batch-mismatch", "input_batch=512 target_batch=128" },
        { "RuntimeError: shape '[-1, 2048]' is invalid for input of size 692227", "view-shape-invalid", "total_elements=692227 known_product=2048" },
        { "shape '[128, 2048]' is invalid for input of size 692224", "view-shape-invalid", "total_elements=692224 known_product=262144" },
        { "IndexError: Target 10 is out of bounds.", "target-out-of-bounds", "target=10 classes_needed=11" },
        { "Target -5 is out of bounds.", "target-out-of-bounds", "target=-5" },
        { "RuntimeError: Error(s) in loading state_dict for Net:\n\tsize mismatch for fc1.weight: copying a param with shape torch.Size([128, 8192]) from checkpoint, the shape in current model is torch.Size([128, 2048]).", "state-dict-size-mismatch", "mismatched_parameters=1" },
        { "System.ArgumentException: Mismatched tensor shape while loading. Make sure that the model you are loading into is exactly the same as the origin.", "torchsharp-load-mismatch", "" },
        { "The size of tensor a (2048) must match the size of tensor b (8192) at non-singleton dimension 1", "broadcast-mismatch", "size_a=2048 size_b=8192 dimension=1" },
        { "setStorage: sizes [128, 8192], strides [8192, 1], storage offset 0, and itemsize 4 requiring a storage size of 4194304 are out of bounds for storage of size 1048576", "load-tensor-too-large", "checkpoint_elements=1048576 model_elements=262144 item_size=4" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void RecognizesEachKindWithItsNumbers(string message, string kind, string numbers)
    {
        var result = MessageExplainer.Explain(message);

        Assert.True(result.Recognized, result.Reason);
        var e = result.Explanation!;
        Assert.Equal(kind, e.Kind);
        foreach (var pair in numbers.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (pair.Split('=')[0], long.Parse(pair.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(e.Number(name) == value, $"{name}: expected {value}, got {e.Number(name)?.ToString() ?? "none"}");
        }

        Assert.All(e.Numbers, n => Assert.False(string.IsNullOrWhiteSpace(n.Meaning)));
        Assert.NotEmpty(e.Fixes);
        Assert.False(string.IsNullOrWhiteSpace(e.Cause));
        Assert.False(string.IsNullOrWhiteSpace(e.Summary));
        Assert.Equal(message.Replace("\r", string.Empty, StringComparison.Ordinal), e.RawMessage);
    }

    [Fact]
    public void ExplainsTheSeedMessageCompletely()
    {
        var e = MessageExplainer.Explain("mat1 and mat2 shapes cannot be multiplied (128x29040 and 2048x50)").Explanation!;

        Assert.Equal(128, e.Number("batch"));
        Assert.Equal(29040, e.Number("features_per_sample"));
        Assert.Equal(2048, e.Number("in_features"));
        Assert.Equal(50, e.Number("out_features"));
        Assert.Contains("batch of 128 samples with 29040 features each", e.Summary, StringComparison.Ordinal);
        Assert.Contains("built for 2048 inputs and 50 outputs", e.Summary, StringComparison.Ordinal);
        Assert.Contains("computed by hand", e.Cause, StringComparison.Ordinal);
        Assert.Contains(e.Fixes, f => f.StartsWith("Set in_features to 29040", StringComparison.Ordinal));
        Assert.Contains(e.Fixes, f => f.Contains("inferred", StringComparison.Ordinal) && f.Contains("LazyLinear(50)", StringComparison.Ordinal));
        Assert.Contains(e.Fixes, f => f.Contains("AdaptiveAvgPool2d", StringComparison.Ordinal) && f.Contains("2048", StringComparison.Ordinal));
        Assert.Equal("29040 = 60x22x22 = 15x44x44 = 240x11x11", e.FactorHints!.ToString());
        Assert.Contains(e.Notes, n => n.Contains("view(-1, n)", StringComparison.Ordinal));
    }

    [Fact]
    public void SaysWhenTheBatchChangedAndFactorsTheRealFeaturesPerSample()
    {
        // 128 samples of 32x16x16 = 8192 features, flattened with x.view(-1, 2048): 512 rows of 2048 reach Linear(2048, ...)? No:
        // view(-1, 4096) gives 256 rows of 4096 reaching a Linear(2048, 10).
        var e = MessageExplainer.Explain("mat1 and mat2 shapes cannot be multiplied (256x4096 and 2048x10)", new ExplainContext(Batch: 128)).Explanation!;

        Assert.Contains(e.Notes, n => n.Contains("Your batch is 128, but 256 rows reach the Linear", StringComparison.Ordinal) && n.Contains("8192 features", StringComparison.Ordinal));
        Assert.Equal(8192, e.FactorHints!.Value);
        Assert.Contains(e.Fixes, f => f.StartsWith("Set in_features to 8192", StringComparison.Ordinal));
    }

    [Fact]
    public void ComparesTheMapSizeWhenTheChannelCountCanBeTheSame()
    {
        var e = MessageExplainer.Explain("mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)").Explanation!;

        Assert.Contains(e.Notes, n => n.Contains("With 32 channels, the layers produce 16x16 feature maps", StringComparison.Ordinal) && n.Contains("2x larger per side", StringComparison.Ordinal));
        Assert.Contains(e.Fixes, f => f.Contains("AdaptiveAvgPool2d((8, 8))", StringComparison.Ordinal));
        Assert.Equal("8192 = 32x16x16 = 128x8x8 = 8x32x32 = 512x4x4 = 2048x2x2 = 2x64x64", e.FactorHints!.ToString());
    }

    [Theory]
    [InlineData("Given groups=1, weight of size [16, 3, 3, 3], expected input[2, 1, 8, 8] to have 3 channels, but got 1 channels instead", "grayscale")]
    [InlineData("Given groups=1, weight of size [16, 3, 3, 3], expected input[2, 4, 8, 8] to have 3 channels, but got 4 channels instead", "RGBA")]
    [InlineData("Given groups=1, weight of size [16, 3, 3, 3], expected input[8, 64, 64, 3] to have 3 channels, but got 64 channels instead", "x.permute(0, 3, 1, 2)")]
    [InlineData("Given groups=1, weight of size [16, 3, 3, 3], expected input[1, 32, 28, 28] to have 3 channels, but got 32 channels instead", "unsqueeze(1)")]
    public void ConvChannelNotesNameTheLikelyDataProblem(string message, string expectedNote)
    {
        var e = MessageExplainer.Explain(message).Explanation!;

        Assert.Contains(e.Notes, n => n.Contains(expectedNote, StringComparison.Ordinal));
    }

    [Fact]
    public void ConvRankOnALinearOutputSuggestsUnflattenWithFactorHints()
    {
        var e = MessageExplainer.Explain("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 48]").Explanation!;

        Assert.Equal([2L, 48L], e.Shape("input_shape"));
        Assert.Contains(e.Fixes, f => f.Contains("nn.Unflatten(1, (C, H, W))", StringComparison.Ordinal));
        Assert.Equal(48, e.FactorHints!.Value);
        Assert.Contains(new FactorHint(3, 4), e.FactorHints.Candidates);
    }

    [Fact]
    public void KernelTooLargeReadsBothSizeListsAndTheMissingPadding()
    {
        var e = MessageExplainer.Explain("Calculated padded input size per channel: (2 x 5). Kernel size: (3 x 3). Kernel size can't be greater than actual input size").Explanation!;

        Assert.Equal([2L, 5L], e.Shape("padded_input_size"));
        Assert.Equal([3L, 3L], e.Shape("kernel_size"));
        Assert.Contains(e.Fixes, f => f.Contains("at least 1x0 more per side", StringComparison.Ordinal));
    }

    [Fact]
    public void PoolTooSmallReadsChannelsAndSpatialSizes()
    {
        var e = MessageExplainer.Explain("Given input size: (32x2x5). Calculated output size: (32x0x1). Output size is too small").Explanation!;

        Assert.Equal(32, e.Number("channels"));
        Assert.Equal([2L, 5L], e.Shape("input_size"));
        Assert.Equal([0L, 1L], e.Shape("output_size"));
    }

    [Theory]
    [InlineData("Expected input batch_size (512) to match target batch_size (128).", "512 / 128 = 4")]
    [InlineData("Expected input batch_size (32) to match target batch_size (128).", "128 / 32 = 4")]
    [InlineData("Expected input batch_size (100) to match target batch_size (128).", null)]
    public void LossBatchMismatchSaysHowTheRowsRelate(string message, string? note)
    {
        var e = MessageExplainer.Explain(message).Explanation!;

        if (note is null)
        {
            Assert.Contains("do not come from the same batch", e.Cause, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(e.Notes, n => n.StartsWith(note, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ViewWithAKnownBatchGivesTheFeaturesPerSample()
    {
        var e = MessageExplainer.Explain("shape '[128, 2048]' is invalid for input of size 692224").Explanation!;

        Assert.Contains(e.Notes, n => n.StartsWith("692224 / 128 = 5408", StringComparison.Ordinal));
        Assert.Contains(e.Fixes, f => f.Contains("in_features to 5408", StringComparison.Ordinal));
        Assert.Equal("5408 = 32x13x13 = 8x26x26 = 1352x2x2 = 2x52x52", e.FactorHints!.ToString());
    }

    [Fact]
    public void ViewWithoutABatchGivesThePrimeFactorization()
    {
        var e = MessageExplainer.Explain("shape '[-1, 2048]' is invalid for input of size 692227").Explanation!;

        Assert.Null(e.FactorHints);
        Assert.Contains(e.Notes, n => n.StartsWith("692227 = ", StringComparison.Ordinal));
    }

    [Fact]
    public void ViewUsesTheBatchFromTheContext()
    {
        var e = MessageExplainer.Explain("shape '[-1, 2000]' is invalid for input of size 692224", new ExplainContext(Batch: 128)).Explanation!;

        Assert.Equal(5408, e.FactorHints!.Value);
    }

    [Fact]
    public void StateDictListsEveryMismatchWithItsMeaning()
    {
        const string message = """
            Traceback (most recent call last):
              File "train.py", line 40, in <module>
                model.load_state_dict(torch.load("model.pt"))
            RuntimeError: Error(s) in loading state_dict for Net:
            	size mismatch for conv1.weight: copying a param with shape torch.Size([16, 1, 3, 3]) from checkpoint, the shape in current model is torch.Size([16, 3, 3, 3]).
            	size mismatch for fc1.weight: copying a param with shape torch.Size([128, 8192]) from checkpoint, the shape in current model is torch.Size([128, 2048]).
            	size mismatch for fc2.weight: copying a param with shape torch.Size([10, 128]) from checkpoint, the shape in current model is torch.Size([100, 128]).
            	size mismatch for fc2.bias: copying a param with shape torch.Size([10]) from checkpoint, the shape in current model is torch.Size([100]).
            """;
        var e = MessageExplainer.Explain(message).Explanation!;

        Assert.Equal("state-dict-size-mismatch", e.Kind);
        Assert.Equal(["conv1.weight", "fc1.weight", "fc2.weight", "fc2.bias"], e.Parameters.Select(p => p.Parameter));
        Assert.Contains("in_channels (per group) 1 in the checkpoint, 3 in the model", e.Parameters[0].Meaning, StringComparison.Ordinal);
        Assert.Contains("in_features 8192 in the checkpoint, 2048 in the model", e.Parameters[1].Meaning, StringComparison.Ordinal);
        Assert.Contains("out_features 10 in the checkpoint, 100 in the model", e.Parameters[2].Meaning, StringComparison.Ordinal);
        Assert.Equal("fc2", e.Parameters[3].Module);
        Assert.Equal([128L, 8192L], e.Parameters[1].CheckpointShape);
        Assert.Equal([128L, 2048L], e.Parameters[1].ModelShape);
    }

    [Fact]
    public void StorageOutOfBoundsDerivesTheModelsLastDimension()
    {
        var e = MessageExplainer.Explain("setStorage: sizes [128, 8192], strides [8192, 1], storage offset 0, and itemsize 4 requiring a storage size of 4194304 are out of bounds for storage of size 1048576").Explanation!;

        Assert.Contains(e.Notes, n => n.Contains("in_features 8192 vs 2048", StringComparison.Ordinal));
    }

    [Fact]
    public void UsesTheFirstMatchingLineAmongLogNoiseAndANativeStack()
    {
        const string message = """
            2025-01-07 10:12:03 INFO epoch 1/10
            [31m2025-01-07 10:12:04 ERROR training failed[0m
            Unhandled exception. System.Runtime.InteropServices.ExternalException (0x80004005): running_mean should contain 32 elements not 16
            Exception raised from check_dims_match_num_input_features at /pytorch/aten/src/ATen/native/Normalization.cpp:91 (most recent call first):
            frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0xb0 (0x7f3660d881a0 in libc10.so)
            Given input size: (32x1x1). Calculated output size: (32x0x0). Output size is too small
            """;
        var e = MessageExplainer.Explain(message.Replace("[31m", "\u001b[31m", StringComparison.Ordinal).Replace("[0m", "\u001b[0m", StringComparison.Ordinal)).Explanation!;

        Assert.Equal("batchnorm-features-mismatch", e.Kind);
        Assert.StartsWith("Unhandled exception.", e.MatchedLine, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsMessagesWhoseNewlinesWereEscapedInAJsonLog()
    {
        var e = MessageExplainer.Explain(@"{""level"":""error"",""msg"":""Error(s) in loading state_dict for Net:\n\tsize mismatch for fc1.weight: copying a param with shape torch.Size([128, 8192]) from checkpoint, the shape in current model is torch.Size([128, 2048]).""}").Explanation!;

        Assert.Equal("state-dict-size-mismatch", e.Kind);
        Assert.Single(e.Parameters);
    }

    public static TheoryData<string?, string> Unrecognized => new()
    {
        { null, "empty" },
        { "", "empty" },
        { "   \n\t\r\n  ", "empty" },
        { "CUDA out of memory. Tried to allocate 20.00 MiB", "no line" },
        { "mat1 and mat2 shapes cannot be multiplied", "no line" },
        { "mat1 and mat2 shapes cannot be multiplied (128x99999999999999999999 and 2048x50)", "larger than any tensor size" },
        { "shape '[-1, 99999999999999999999]' is invalid for input of size 5", "larger than any tensor size" },
        { "\0\u0001\u0002\u0003binary\0\0\u0005", "binary" },
    };

    [Theory]
    [MemberData(nameof(Unrecognized))]
    public void SaysHonestlyWhenItDoesNotKnowTheMessage(string? message, string reason)
    {
        var result = MessageExplainer.Explain(message);

        Assert.False(result.Recognized);
        Assert.Null(result.Explanation);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeAndRandomInputNeverThrows()
    {
        var random = new Random(7);
        var bytes = new char[3 << 20];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (char)random.Next(0, 0xD800);
        }

        Assert.False(MessageExplainer.Explain(new string(bytes)).Recognized);
        Assert.False(MessageExplainer.Explain(new string('(', 2 << 20)).Recognized);
        Assert.False(MessageExplainer.Explain(string.Concat(Enumerable.Repeat("mat1 and mat2 shapes cannot be multiplied (1", 50000))).Recognized);

        var longLine = new string('x', 100000) + "mat1 and mat2 shapes cannot be multiplied (1x2 and 3x4)";
        Assert.False(MessageExplainer.Explain(longLine).Recognized);
        Assert.True(MessageExplainer.Explain(new string('x', 100000) + "\nmat1 and mat2 shapes cannot be multiplied (1x2 and 3x4)").Recognized);
    }

    [Fact]
    public void EveryRecognizerHasADistinctKindId()
    {
        Assert.Equal(MessageExplainer.Kinds.Count, MessageExplainer.Kinds.Distinct().Count());
        Assert.All(MessageExplainer.Kinds, k => Assert.Matches("^[a-z0-9-]+$", k));
    }
}
