using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Normalization;

/// <summary>
/// nn.GroupNorm(num_groups, num_channels, eps=1e-05, affine=True): shape preserving over (N, C, *).
/// num_channels must be divisible by num_groups (checked when the layer is built), the input's C too,
/// and C must equal num_channels when there are affine weights.
/// </summary>
public sealed class GroupNormRule : LayerRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Of("num_groups", ParamType.Int),
        ParameterSpec.Of("num_channels", ParamType.Int),
        ParameterSpec.Optional("eps", ParamType.Float, 1e-5),
        ParameterSpec.Optional("affine", ParamType.Bool, true),
        ParameterSpec.OptionalNone("device", ParamType.Any),
        ParameterSpec.OptionalNone("dtype", ParamType.Any));

    public override string Type => "GroupNorm";

    public override LayerSignature Signature => Constructor;

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var groups = context.Int("num_groups");
        var numChannels = context.Int("num_channels");
        var affine = context.Bool("affine");
        if (groups <= 0)
        {
            return LayerOutcome.Fail(context.Invalid("num_groups", $"must be positive, but got {groups}") with
            {
                Notes = [groups == 0 ? PyTorchText.Construction("ZeroDivisionError: integer modulo by zero") : PyTorchText.RunTime($"RuntimeError: Expected num groups to be greater than 0, got {groups}")],
            });
        }

        if (numChannels % groups != 0)
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.GroupsDoNotDivide, context.SpanOf("num_channels"), context.Name, $"num_channels={numChannels}", groups) with
            {
                Notes = [PyTorchText.Construction("ValueError: num_channels must be divisible by num_groups")],
            }, input);
        }

        var cost = new LayerOutcome
        {
            Parameters = affine ? checked(2 * numChannels) : 0,
            MultiplyAdds = input.Rank > 1 ? input.KnownProduct(1) : 0L,
        };
        if (input.Rank < 2)
        {
            return cost with
            {
                Failure = context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, "at least 2D", PyTorchText.Sizes(input)) with
                {
                    Notes = [PyTorchText.RunTime($"RuntimeError: Expected at least 2 dimensions for input tensor but received {input.Rank}")],
                },
                RecoveredOutput = input,
            };
        }

        var channels = input[1];
        if (SingleValue(context, input, groups) is { } single)
        {
            return cost with { Failure = single, RecoveredOutput = input };
        }

        if (channels.IsKnown && channels.Value % groups != 0)
        {
            return cost with
            {
                Failure = context.Error(DiagnosticCatalog.GroupsDoNotDivide, context.SpanOf("num_groups"), context.Name, $"the {channels.Value} input channels", groups) with
                {
                    Notes = [PyTorchText.RunTime($"RuntimeError: Expected number of channels in input to be divisible by num_groups, but got input of shape {PyTorchText.Sizes(input)} and num_groups={groups}")],
                },
                RecoveredOutput = input,
            };
        }

        if (channels.IsKnown && channels.Value != numChannels)
        {
            var mismatch = context.SizeMismatch(DiagnosticCatalog.ChannelMismatch, "num_channels", numChannels, channels.Value);

            // GroupNorm has no Lazy variant: keep only the fix that writes the size.
            mismatch = mismatch with { Fixes = mismatch.Fixes.Take(1).ToArray() };
            if (affine)
            {
                return cost with
                {
                    Failure = mismatch with
                    {
                        Notes = [.. mismatch.Notes, PyTorchText.RunTime($"RuntimeError: Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [{numChannels}] and input of shape {PyTorchText.Sizes(input)}")],
                    },
                    RecoveredOutput = input,
                };
            }

            return cost with
            {
                Output = input,
                Warnings = [mismatch with { Severity = Severity.Warning, Notes = [.. mismatch.Notes, "PyTorch runs this: with affine=False, num_channels is not used"] }],
            };
        }

        return cost with { Output = input };
    }

    /// <summary>F.group_norm's _verify_batch_size over [N*C/G, G, *spatial]: a single value per group fails, in training and evaluation.</summary>
    private static Diagnostic? SingleValue(LayerContext context, Shape input, long groups)
    {
        if (!input.IsFullyKnown)
        {
            return null;
        }

        var sizes = new List<long> { input[0].Value * input[1].Value / groups, groups };
        sizes.AddRange(input.Skip(2).Select(d => d.Value));
        var values = sizes[0] * sizes.Skip(2).Aggregate(1L, (a, b) => a * b);
        if (values != 1)
        {
            return null;
        }

        return context.Error(DiagnosticCatalog.SingleValueNormalization, context.Call.CallSpan, context.Name, "group", input, "in training and in evaluation") with
        {
            Severity = Severity.Error,
            Notes = [PyTorchText.RunTime($"ValueError: Expected more than 1 value per channel when training, got input size {PyTorchText.List(sizes)}")],
        };
    }
}
