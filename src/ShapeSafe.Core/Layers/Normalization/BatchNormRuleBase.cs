using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Normalization;

/// <summary>
/// BatchNorm1d/2d/3d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True):
/// shape preserving over (N, C, *) inputs of the ranks each accepts; num_features must equal C
/// (PyTorch checks it through running_mean, else weight; with neither it is unused), and may be
/// omitted (LazyBatchNorm*). Batch statistics need more than one value per channel.
/// </summary>
public abstract class BatchNormRuleBase : LayerRule
{
    private static readonly LayerSignature Constructor = NormSignatures.Running(affine: true, trackRunningStats: true);

    public override LayerSignature Signature => Constructor;

    /// <summary>The input ranks PyTorch's _check_input_dim accepts.</summary>
    protected abstract IReadOnlyList<int> Ranks { get; }

    /// <summary>Those ranks as PyTorch words them: "2D or 3D", "4D".</summary>
    protected abstract string RankText { get; }

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        if (!Ranks.Contains(input.Rank))
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, RankText, PyTorchText.Sizes(input)) with
            {
                Notes = [PyTorchText.RunTime($"ValueError: expected {RankText} input (got {input.Rank}D input)")],
            }, input);
        }

        var channels = input[1];
        var written = context.OptionalInt("num_features");
        var affine = context.Bool("affine");
        var track = context.Bool("track_running_stats");
        var warnings = new List<Diagnostic>();
        Diagnostic? failure = null;
        Dictionary<string, long>? inferred = null;

        if (written is null)
        {
            if (channels.IsSymbolic)
            {
                return LayerOutcome.Fail(context.Error(DiagnosticCatalog.SymbolicShape, context.Call.CallSpan, context.Name, "num_features", channels), input);
            }

            inferred = new Dictionary<string, long> { ["num_features"] = channels.Value };
        }
        else if (channels.IsKnown && channels.Value != written.Value)
        {
            var mismatch = context.SizeMismatch(DiagnosticCatalog.BatchNormFeatures, "num_features", written.Value, channels.Value);
            if (track || affine)
            {
                var buffer = track ? "running_mean" : "weight";
                failure = mismatch with { Notes = [.. mismatch.Notes, PyTorchText.RunTime($"RuntimeError: {buffer} should contain {channels.Value} elements not {written.Value}")] };
            }
            else
            {
                warnings.Add(mismatch with
                {
                    Severity = Severity.Warning,
                    Notes = [.. mismatch.Notes, "PyTorch runs this: with affine=False and track_running_stats=False, num_features is not used"],
                });
            }
        }

        if (SingleValue(context, input, track) is { } single)
        {
            if (single.Severity == Severity.Error && failure is null)
            {
                failure = single;
            }
            else
            {
                warnings.Add(single);
            }
        }

        var c = channels.IsKnown ? channels.Value : written ?? 0;
        var outcome = new LayerOutcome
        {
            Warnings = warnings,
            Inferred = (IReadOnlyDictionary<string, long>?)inferred ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, long>.Empty,
            Parameters = affine ? checked(2 * c) : 0,
            MultiplyAdds = input.KnownProduct(1),
        };
        return failure is null ? outcome with { Output = input } : outcome with { Failure = failure, RecoveredOutput = input };
    }

    /// <summary>
    /// F.batch_norm's _verify_batch_size: batch statistics over N * spatial = 1 value per channel fail.
    /// With running stats that is only in training (a warning); without, batch statistics are always used (an error).
    /// </summary>
    private static Diagnostic? SingleValue(LayerContext context, Shape input, bool track)
    {
        var values = input[0] * input.Product(2);
        if (!values.IsKnown || values.Value != 1)
        {
            return null;
        }

        var message = $"ValueError: Expected more than 1 value per channel when training, got input size {PyTorchText.TorchSize(input)}";
        var diagnostic = context.Error(DiagnosticCatalog.SingleValueNormalization, context.Call.CallSpan, context.Name, "channel", input,
            track ? "when training" : "in training and in evaluation (track_running_stats=False always uses batch statistics)");
        return track
            ? diagnostic with { Notes = [PyTorchText.Training(message), "use a batch of more than one sample when training"] }
            : diagnostic with { Severity = Severity.Error, Notes = [PyTorchText.RunTime(message)] };
    }
}
