namespace ShapeSafe.Explain;

/// <summary>
/// Checks that a recognized message's numbers really describe a failure. A line can have the form of a PyTorch error
/// and still say nothing PyTorch would print (<c>(128x2048 and 2048x128)</c> multiplies fine; <c>shape '[-1, 1946]'</c>
/// fits 62272 = 32 x 1946 elements): explaining it would state a falsehood, so such a message is called
/// self-contradictory instead. Works on the explanation's named numbers and shapes only.
/// </summary>
public static class MessageConsistency
{
    /// <summary>Why the message's own numbers contradict it, or null when they describe a real failure.</summary>
    public static string? Contradiction(Explanation e)
    {
        return e.Kind switch
        {
            "linear-shape-mismatch" or "linear-shape-mismatch-legacy" => Same(e, "features_per_sample", "in_features",
                (f, _) => $"the message's shapes would multiply: the first matrix has {f} columns and the second {f} rows ({f} == {f}), so PyTorch raises no error for them"),
            "conv-channel-mismatch" or "conv-transpose-channel-mismatch" => ConvChannels(e),
            "conv-input-rank" => e.Number("input_rank") is { } r && (r == e.Number("unbatched_rank") || r == e.Number("batched_rank"))
                ? $"the input has {r} dimensions, which is one of the two ranks the message says are expected"
                : null,
            "kernel-too-large" => KernelTooLarge(e),
            "pool-output-too-small" => PoolTooSmall(e),
            "pool-padding-too-large" => e.Number("padding") is { } p && e.Number("max_padding") is { } max && p <= max
                ? $"the padding {p} is at most half of the kernel ({max}), which PyTorch accepts"
                : null,
            "batchnorm-features-mismatch" => Same(e, "channels", "num_features", (c, _) => $"the input's channels and num_features are both {c}"),
            "loss-batch-mismatch" => Same(e, "input_batch", "target_batch", (b, _) => $"the output and the targets both have batch size {b}"),
            "view-shape-invalid" => View(e),
            "broadcast-mismatch" or "expand-size-mismatch" => Broadcast(e),
            "state-dict-size-mismatch" => e.Parameters.Count > 0 && e.Parameters.All(p => p.CheckpointShape.SequenceEqual(p.ModelShape))
                ? "every parameter it lists has the same shape in the checkpoint and in the model"
                : null,
            "cat-size-mismatch" => Same(e, "expected_size", "got_size", (s, _) => $"the expected and the received size are both {s}"),
            "bmm-batch2-mismatch" => e.Shape("expected") is { } x && e.Shape("got") is { } g && x.SequenceEqual(g)
                ? $"the expected and the received sizes are both [{string.Join(", ", x)}]"
                : null,
            "dim-out-of-range" => DimOutOfRange(e),
            "load-tensor-too-large" => e.Number("required_bytes") is { } need && e.Number("available_bytes") is { } have && need <= have
                ? $"the {need} bytes required fit in the storage of {have} bytes"
                : null,
            _ => null,
        };
    }

    private static string? Same(Explanation e, string a, string b, Func<long, long, string> why) =>
        e.Number(a) is { } x && e.Number(b) is { } y && x == y ? why(x, y) : null;

    private static string? ConvChannels(Explanation e)
    {
        var (expected, got) = (e.Number("expected_channels"), e.Number("channels"));
        if (expected is not null && expected == got)
        {
            return $"the input has {got} channels, the number the message says are expected";
        }

        if (e.Shape("input_shape") is { Count: >= 2 } input && got is { } g && input[1] != g)
        {
            return $"the input [{string.Join(", ", input)}] has {input[1]} channels in dimension 1, not the {g} the message reports";
        }

        // A convolution expects groups x weight[1] channels; a transposed one weight[0].
        if (e.Shape("weight_size") is { Count: >= 3 } weight && expected is { } x)
        {
            var fromWeight = e.Kind == "conv-transpose-channel-mismatch"
                ? (Int128)weight[0]
                : (Int128)weight[1] * (e.Number("groups") ?? 1);
            if (fromWeight != x)
            {
                return $"the weight [{string.Join(", ", weight)}] makes the layer expect {fromWeight} channels, not the {x} the message reports";
            }
        }

        return null;
    }

    private static string? KernelTooLarge(Explanation e) =>
        e.Shape("padded_input_size") is { } padded && e.Shape("kernel_size") is { } kernel && padded.Count == kernel.Count && padded.Zip(kernel).All(p => p.First >= p.Second)
            ? $"the padded input ({SizeList.Spatial(padded)}) is at least as large as the kernel ({SizeList.Spatial(kernel)}) in every dimension"
            : null;

    private static string? PoolTooSmall(Explanation e)
    {
        if (e.Shape("output_size") is { Count: > 0 } output)
        {
            return output.All(s => s >= 1) ? $"the calculated output size {SizeList.Spatial(output)} is not empty" : null;
        }

        return e.Number("output_size") is >= 1 and var size ? $"the calculated output size {size} is not empty" : null;
    }

    private static string? View(Explanation e)
    {
        var shape = e.Shape("requested_shape");
        var (total, known) = (e.Number("total_elements"), e.Number("known_product"));
        if (shape is null || total is not { } t)
        {
            return null;
        }

        var inferred = shape.Count(d => d == -1);
        if (inferred > 1)
        {
            return $"the shape [{string.Join(", ", shape)}] has {inferred} sizes of -1; PyTorch reports that only one dimension can be inferred, not this";
        }

        if (shape.Any(d => d < -1))
        {
            return $"the shape [{string.Join(", ", shape)}] has a negative size other than -1; PyTorch reports an invalid shape dimension, not this";
        }

        if (known is not { } k)
        {
            return null;
        }

        if (inferred == 1 && k > 0 && t % k == 0)
        {
            return $"{t} elements are a multiple of {k} ({t} = {t / k} x {k}), so view/reshape to [{string.Join(", ", shape)}] succeeds";
        }

        return inferred == 0 && k == t ? $"the shape [{string.Join(", ", shape)}] holds exactly {t} elements, as many as the tensor has" : null;
    }

    private static string? Broadcast(Explanation e)
    {
        var (a, b) = (e.Number("size_a") ?? e.Number("expanded_size"), e.Number("size_b") ?? e.Number("existing_size"));
        if (a is not { } x || b is not { } y)
        {
            return null;
        }

        if (x == y)
        {
            return $"both sizes are {x}, which match";
        }

        return e.Kind == "broadcast-mismatch" && (x == 1 || y == 1) || e.Kind == "expand-size-mismatch" && y == 1
            ? $"a size of 1 ({(y == 1 ? y : x)}) is broadcast to any size, so {x} and {y} are compatible"
            : null;
    }

    private static string? DimOutOfRange(Explanation e)
    {
        if (e.Number("min_dim") is not { } min || e.Number("max_dim") is not { } max || e.Number("dim") is not { } dim)
        {
            return null;
        }

        if (min != -(max + 1) && !(min == -1 && max == 0))
        {
            return $"the range [{min}, {max}] is not one PyTorch prints: for a tensor of n dimensions it is [-n, n-1]";
        }

        return dim >= min && dim <= max ? $"dimension {dim} lies in the range [{min}, {max}]" : null;
    }
}
