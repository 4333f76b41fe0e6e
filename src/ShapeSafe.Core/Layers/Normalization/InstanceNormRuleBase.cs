using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Normalization;

/// <summary>
/// InstanceNorm1d/2d/3d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False):
/// shape preserving over batched (N, C, *spatial) or unbatched (C, *spatial) inputs. num_features must
/// equal C when PyTorch uses it (affine weights or running stats); otherwise a mismatch is only PyTorch's
/// warning. Each instance needs more than one spatial element to normalize over.
/// </summary>
public abstract class InstanceNormRuleBase : LayerRule
{
    private static readonly LayerSignature Constructor = NormSignatures.Running(affine: false, trackRunningStats: false);

    // PyTorch's _LazyNormBase defaults to affine=True, track_running_stats=True for LazyInstanceNorm*d too.
    private static readonly LayerSignature LazyConstructor = NormSignatures.Running(affine: true, trackRunningStats: true).WithoutInferable();

    public override LayerSignature Signature => Constructor;

    public override LayerSignature LazySignature => LazyConstructor;

    /// <summary>Spatial dimensions: 1, 2 or 3.</summary>
    protected abstract int SpatialDims { get; }

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var unbatched = SpatialDims + 1;
        if (input.Rank != unbatched && input.Rank != unbatched + 1)
        {
            var ranks = $"{unbatched}D or {unbatched + 1}D";
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, ranks, PyTorchText.Sizes(input)) with
            {
                Notes = [PyTorchText.RunTime($"ValueError: expected {ranks} input (got {input.Rank}D input)")],
            }, input);
        }

        var featureDim = input.Rank - unbatched;
        var channels = input[featureDim];
        var written = context.OptionalInt("num_features");
        var affine = context.Bool("affine");
        var track = context.Bool("track_running_stats");
        var warnings = new List<Diagnostic>();
        Diagnostic? failure = null;
        var inferred = new Dictionary<string, long>();

        if (written is null && featureDim == 0 && (affine || track))
        {
            // PyTorch 1.13's _LazyNormBase sizes its weights from input.shape[1], also for an unbatched (C, *spatial)
            // input: the layer is built for dimension 1, and the check below compares it with the channels.
            var dimOne = input[1];
            if (dimOne.IsSymbolic)
            {
                return LayerOutcome.Fail(context.Error(DiagnosticCatalog.SymbolicShape, context.Call.CallSpan, context.Name, "num_features", dimOne), input);
            }

            written = dimOne.Value;
            inferred["num_features"] = dimOne.Value;
            if (channels.IsKnown && channels.Value != written.Value)
            {
                var batchNote = PyTorchText.RunTime($"RuntimeError: {(track ? "running_mean" : "weight")} should contain {channels.Value} elements not {written.Value}");
                failure = context.Error(DiagnosticCatalog.BatchNormFeatures, context.Call.CallSpan, context.Name, written.Value, channels.Value) with
                {
                    Expected = Fact.Of(written.Value, $"num_features, inferred by {context.Type} from dimension 1 of the unbatched input {input}"),
                    Actual = Fact.Of(channels.Value, context.InputOrigin),
                    Notes = [$"PyTorch 1.13's Lazy norm layers read num_features from dimension 1 even for an unbatched input, whose channels are dimension 0", batchNote],
                };
            }
        }
        else if (written is null)
        {
            if (channels.IsSymbolic)
            {
                return LayerOutcome.Fail(context.Error(DiagnosticCatalog.SymbolicShape, context.Call.CallSpan, context.Name, "num_features", channels), input);
            }

            inferred["num_features"] = channels.Value;
        }
        else if ((affine || track) && featureDim == 0 && context.IsSymbolicBatch(input, 0))
        {
            failure = context.BatchAsChannels(DiagnosticCatalog.BatchNormFeatures, "num_features", written.Value, input, SpatialDims == 1 ? "(C, L)" : SpatialDims == 2 ? "(C, H, W)" : "(C, D, H, W)");
        }
        else if (channels.IsKnown && channels.Value != written.Value)
        {
            var mismatch = context.SizeMismatch(DiagnosticCatalog.BatchNormFeatures, "num_features", written.Value, channels.Value);
            var batch = featureDim == 1 ? input[0] : Dim.Known(1);
            if (affine)
            {
                failure = mismatch with
                {
                    Notes = [.. mismatch.Notes, PyTorchText.RunTime($"ValueError: expected input's size at dim={featureDim} to match num_features ({written.Value}), but got: {channels.Value}.")],
                };
            }
            else if (track)
            {
                var note = batch.IsKnown
                    ? PyTorchText.RunTime($"RuntimeError: running_mean should contain {batch.Value * channels.Value} elements not {batch.Value * written.Value}")
                    : PyTorchText.RunTime("RuntimeError: running_mean should contain N*C elements, but has N*num_features");
                failure = mismatch with { Notes = [.. mismatch.Notes, note] };
            }
            else
            {
                warnings.Add(mismatch with
                {
                    Severity = Severity.Warning,
                    Notes =
                    [
                        .. mismatch.Notes,
                        PyTorchText.Warns($"input's size at dim={featureDim} does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False"),
                    ],
                });
            }
        }

        if (SingleValue(context, input, featureDim, track) is { } single)
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
            Inferred = inferred,
            Parameters = affine ? checked(2 * c) : 0,
            MultiplyAdds = input.KnownProduct(featureDim),
        };
        return failure is null ? outcome with { Output = input } : outcome with { Failure = failure, RecoveredOutput = input };
    }

    /// <summary>
    /// F.instance_norm's _verify_spatial_size: one spatial element per instance fails whenever instance
    /// statistics are used (always without running stats; in training with them).
    /// </summary>
    private static Diagnostic? SingleValue(LayerContext context, Shape input, int featureDim, bool track)
    {
        var spatial = input.Product(featureDim + 1);
        if (!spatial.IsKnown || spatial.Value != 1)
        {
            return null;
        }

        var batched = featureDim == 1 ? input : new Shape(new[] { Dim.Known(1) }.Concat(input));
        var message = $"ValueError: Expected more than 1 spatial element when training, got input size {PyTorchText.TorchSize(batched)}";
        var diagnostic = context.Error(DiagnosticCatalog.SingleValueNormalization, context.Call.CallSpan, context.Name, "channel of each sample", input,
            track ? "when training" : "in training and in evaluation (track_running_stats=False always uses instance statistics)");
        return track
            ? diagnostic with { Notes = [PyTorchText.Training(message)] }
            : diagnostic with { Severity = Severity.Error, Notes = [PyTorchText.RunTime(message)] };
    }
}
