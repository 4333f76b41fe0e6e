namespace ShapeSafe.Explain;

/// <summary>
/// Says in words which constructor sizes a parameter-shape difference means, from the parameter's name and rank:
/// a rank-2 weight is [out_features, in_features] (Linear), a rank-3..5 weight [out_channels, in_channels / groups, *kernel] (convolution),
/// a rank-1 bias/weight/running statistic holds one value per output feature or channel.
/// </summary>
internal static class ParameterMeaning
{
    public static string Describe(string module, string leaf, IReadOnlyList<long> checkpoint, IReadOnlyList<long> model)
    {
        var parts = new List<string>();
        if (leaf == "weight" && checkpoint.Count == 2 && model.Count == 2)
        {
            if (checkpoint[1] != model[1])
            {
                parts.Add($"in_features {checkpoint[1]} in the checkpoint, {model[1]} in the model");
            }

            if (checkpoint[0] != model[0])
            {
                parts.Add($"out_features {checkpoint[0]} in the checkpoint, {model[0]} in the model");
            }

            return $"if {module} is a Linear (weight [out_features, in_features]): {string.Join("; ", parts)}";
        }

        if (leaf == "weight" && checkpoint.Count is >= 3 and <= 5 && model.Count == checkpoint.Count)
        {
            if (checkpoint[0] != model[0])
            {
                parts.Add($"out_channels {checkpoint[0]} in the checkpoint, {model[0]} in the model");
            }

            if (checkpoint[1] != model[1])
            {
                parts.Add($"in_channels (per group) {checkpoint[1]} in the checkpoint, {model[1]} in the model");
            }

            if (!checkpoint.Skip(2).SequenceEqual(model.Skip(2)))
            {
                parts.Add($"kernel_size {SizeList.Spatial(checkpoint.Skip(2))} in the checkpoint, {SizeList.Spatial(model.Skip(2))} in the model");
            }

            return $"if {module} is a Conv{checkpoint.Count - 2}d (weight [out_channels, in_channels / groups, *kernel_size]): {string.Join("; ", parts)}";
        }

        if (checkpoint.Count == 1 && model.Count == 1 && leaf is "bias" or "weight" or "running_mean" or "running_var")
        {
            return $"{checkpoint[0]} in the checkpoint, {model[0]} in the model: the number of outputs of {module} (out_features, out_channels or num_features)";
        }

        return $"shape [{string.Join(", ", checkpoint)}] in the checkpoint, [{string.Join(", ", model)}] in the model";
    }
}
