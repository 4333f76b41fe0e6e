using ShapeSafe.Diagnostics;
using ShapeSafe.Checking;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Explain;

/// <summary>
/// Ties an explained message to a checked model (a model file or a .py file), reading its dataflow graph: finds the
/// layer calls whose constructor sizes equal the message's numbers (the Linear with in_features == C and out_features
/// == D, the Conv2d with that weight, the BatchNorm with that num_features, the layer a checkpoint parameter belongs
/// to), with the check's diagnostics and fixes on those layers. It only names layers whose numbers match; it never
/// guesses one.
/// </summary>
public static class ModelMatcher
{
    /// <summary>Checks the model file at <paramref name="input"/> (or its own input line) and matches the explanation to it.</summary>
    public static Explanation Attach(Explanation explanation, ModelFile file, Shape? input = null) =>
        Attach(explanation, CheckService.Check(file.Path, string.Join("\n", file.Lines), new CheckRequest { Inputs = input is null ? [] : [input] }));

    /// <summary>Matches the explanation to a model already checked (either front-end).</summary>
    public static Explanation Attach(Explanation explanation, FileCheck check) => explanation with { Model = Match(explanation, check) };

    public static ModelMatch Match(Explanation explanation, FileCheck file)
    {
        var check = new Checked(file, LayerSite.Of(file.Graph));
        var notes = new List<string>();
        var layers = explanation.Kind switch
        {
            "linear-shape-mismatch" or "linear-shape-mismatch-legacy" => Linear(explanation, check, notes),
            "conv-channel-mismatch" => ConvChannels(explanation, check),
            "conv-transpose-channel-mismatch" => ConvTransposeChannels(explanation, check),
            "conv-constructor-invalid" => ConvGroups(explanation, check),
            "dim-out-of-range" => DimOutOfRange(explanation, check),
            "torchsharp-conv-input" => TorchSharpConv(explanation, check),
            "conv-input-rank" => ConvRank(explanation, check),
            "kernel-too-large" => KernelTooLarge(explanation, check, notes),
            "pool-output-too-small" => PoolTooSmall(explanation, check),
            "pool-padding-too-large" => PoolPadding(explanation, check),
            "batchnorm-features-mismatch" => BatchNorm(explanation, check, notes),
            "target-out-of-bounds" => Target(explanation, check, notes),
            "loss-batch-mismatch" => LossBatch(explanation, check, notes),
            "state-dict-size-mismatch" => StateDict(explanation, check),
            _ => [],
        };

        var ops = OperationDiagnostics(explanation, check);
        notes.AddRange(ops);
        if (layers.Count == 0 && ops.Count == 0)
        {
            notes.Insert(0, $"No layer in {file.Path} has the sizes in the message.");
        }

        return new ModelMatch(file.Path, check.Input, layers, notes)
        {
            ErrorCount = file.Diagnostics.Count(d => d.Severity == Severity.Error),
        };
    }

    /// <summary>
    /// The tensor operations (torch.cat, +, expand, bmm, a dim argument in a .py file) where the check finds the failure the
    /// message reports: a diagnostic of the matching code whose message holds the message's sizes.
    /// </summary>
    private static List<string> OperationDiagnostics(Explanation e, Checked check)
    {
        var (descriptor, sizes) = e.Kind switch
        {
            "cat-size-mismatch" => (DiagnosticCatalog.OpCatSize, new[] { e.Number("expected_size"), e.Number("got_size") }),
            "broadcast-mismatch" => (DiagnosticCatalog.OpBroadcast, new[] { e.Number("size_a"), e.Number("size_b") }),
            "expand-size-mismatch" => (DiagnosticCatalog.OpExpand, new[] { e.Number("expanded_size"), e.Number("existing_size") }),
            "bmm-batch2-mismatch" => (DiagnosticCatalog.OpMatmulMismatch, new[] { e.Number("batch"), e.Number("inner") }),
            "dim-out-of-range" => (DiagnosticCatalog.OpDimOutOfRange, new[] { e.Number("min_dim"), e.Number("max_dim"), e.Number("dim") }),
            _ => (null, []),
        };
        if (descriptor is null)
        {
            return [];
        }

        return check.Diagnostics
            .Where(d => d.Code == descriptor.Code && sizes.All(n => n is { } v && System.Text.RegularExpressions.Regex.IsMatch(d.Message, $@"(?<![0-9]){v}(?![0-9])")))
            .Select(d => $"{check.File.Path}:{d.Span.Line}: the check finds this failure here ({d.Code}): {d.Message}")
            .ToList();
    }

    private static List<MatchedLayer> Linear(Explanation e, Checked check, List<string> notes)
    {
        var (c, d, b) = (e.Number("in_features"), e.Number("out_features"), e.Number("features_per_sample"));
        var linears = check.Sites.Where(t => t.BaseType == "Linear").ToArray();
        var exact = linears.Where(t => t.Int("in_features") == c && t.Int("out_features") == d).ToArray();
        var matched = exact.Length > 0
            ? exact.Select(t => Layer(t, check, $"built with in_features={c} and out_features={d}, the numbers in the message")).ToList()
            : linears.Where(t => t.Int("in_features") == c)
                .Select(t => Layer(t, check, $"built with in_features={c} as in the message (its out_features is {t.Int("out_features")}, the message says {d})")).ToList();
        foreach (var t in exact.Length > 0 ? exact : linears.Where(t => t.Int("in_features") == c))
        {
            if (t.Input is { Rank: > 0 } inShape && inShape[^1].IsKnown)
            {
                var reaching = inShape[^1].Value;
                notes.Add(reaching == b
                    ? $"With the input {check.Input}, the check reproduces the error: {reaching} features reach {t.Name} (line {t.Line})."
                    : $"With the input {check.Input}, {reaching} features reach {t.Name} (line {t.Line}), but the message shows {b}: the run that failed used another input size; pass it with --input to see its diagnostics.");
            }
        }

        return matched;
    }

    private static List<MatchedLayer> ConvChannels(Explanation e, Checked check)
    {
        var weight = e.Shape("weight_size");
        var (expected, outChannels, groups) = (e.Number("expected_channels"), e.Number("out_channels"), e.Number("groups") ?? 1);
        var type = weight is null ? null : $"Conv{weight.Count - 2}d";
        return check.Sites
            .Where(t => t.BaseType == type && t.Int("in_channels") == expected && t.Int("out_channels") == outChannels && (t.Int("groups") ?? 1) == groups)
            .Select(t => Layer(t, check, $"built with in_channels={expected}, out_channels={outChannels}{(groups > 1 ? $", groups={groups}" : string.Empty)}: the weight [{string.Join(", ", weight!)}] in the message"))
            .ToList();
    }

    private static List<MatchedLayer> ConvTransposeChannels(Explanation e, Checked check)
    {
        var weight = e.Shape("weight_size");
        var (expected, perGroup) = (e.Number("expected_channels"), e.Number("out_channels_per_group"));
        var type = weight is null ? null : $"ConvTranspose{weight.Count - 2}d";
        return check.Sites
            .Where(t => t.BaseType == type && t.Int("in_channels") == expected && t.Int("out_channels") is { } o && perGroup is > 0 && o == perGroup * (t.Int("groups") ?? 1))
            .Select(t => Layer(t, check, $"built with in_channels={expected}, out_channels={t.Int("out_channels")}: the weight [{string.Join(", ", weight!)}] in the message"))
            .ToList();
    }

    private static List<MatchedLayer> ConvGroups(Explanation e, Checked check)
    {
        var which = e.Summary.Contains("in_channels", StringComparison.Ordinal) ? "in_channels" : e.Summary.Contains("out_channels", StringComparison.Ordinal) ? "out_channels" : null;
        if (which is null)
        {
            return [];
        }

        return check.Sites
            .Where(t => t.BaseType is { } type && type.StartsWith("Conv", StringComparison.Ordinal) && t.Int("groups") is > 1 and var g && t.Int(which) is { } c && c % g != 0)
            .Select(t => Layer(t, check, $"built with {which}={t.Int(which)} and groups={t.Int("groups")}: {t.Int(which)} is not a multiple of {t.Int("groups")}"))
            .ToList();
    }

    private static List<MatchedLayer> DimOutOfRange(Explanation e, Checked check)
    {
        var (dim, rank) = (e.Number("dim"), e.Number("tensor_rank"));
        string[] names = ["dim", "start_dim", "end_dim"];
        return check.Sites
            .Where(t => names.FirstOrDefault(n => t.Int(n) == dim) is not null
                && (t.Input is not { } input || input.Rank == rank || LayerDiagnostics(t, check).Any(d => d.Descriptor == DiagnosticCatalog.DimOutOfRange)))
            .Select(t => Layer(t, check, $"built with {names.First(n => t.Int(n) == dim)}={dim}, the dim in the message, for an input of {rank} dimensions"))
            .ToList();
    }

    private static List<MatchedLayer> TorchSharpConv(Explanation e, Checked check)
    {
        var channels = e.Number("in_channels");
        var dims = e.Number("batched_rank") - 2;
        return check.Sites
            .Where(t => t.BaseType is { } type && (type == $"Conv{dims}d" || type == $"ConvTranspose{dims}d") && t.Int("in_channels") == channels)
            .Select(t => Layer(t, check, $"a {t.BaseType} built with in_channels={channels}, as in the message"))
            .ToList();
    }

    private static List<MatchedLayer> ConvRank(Explanation e, Checked check)
    {
        var input = e.Shape("input_shape");
        var type = $"Conv{e.Number("batched_rank") - 2}d";
        var convs = check.Sites.Where(t => t.BaseType == type).ToArray();
        var same = convs.Where(t => t.Input?.ToLongArray() is { } dims && input is not null && dims.SequenceEqual(input)).ToArray();
        if (same.Length > 0)
        {
            return same.Select(t => Layer(t, check, $"the check finds the same input [{string.Join(", ", input!)}] reaching it")).ToList();
        }

        return convs.Where(t => LayerDiagnostics(t, check).Any(d => d.Descriptor == DiagnosticCatalog.WrongRank))
            .Select(t => Layer(t, check, $"the check finds a {t.Input?.Rank}-D input reaching it, as in the message"))
            .ToList();
    }

    private static List<MatchedLayer> KernelTooLarge(Explanation e, Checked check, List<string> notes)
    {
        var kernel = e.Shape("kernel_size");
        var padded = e.Shape("padded_input_size");
        if (kernel is null || padded is null)
        {
            return [];
        }

        var matched = new List<MatchedLayer>();
        foreach (var t in check.Sites.Where(t => t.BaseType is { } type && type.StartsWith("Conv", StringComparison.Ordinal)))
        {
            var k = t.Tuple("kernel_size", kernel.Count);
            var dil = t.Tuple("dilation", kernel.Count) ?? Enumerable.Repeat(1L, kernel.Count).ToArray();
            if (k is null || !k.Zip(dil, (a, b) => ((a - 1) * b) + 1).SequenceEqual(kernel))
            {
                continue;
            }

            var reproduced = t.Input is { } inShape && inShape.Rank >= kernel.Count && t.Tuple("padding", kernel.Count) is { } pad
                && inShape.Skip(inShape.Rank - kernel.Count).Select((dim, i) => dim.IsKnown ? dim.Value + (2 * pad[i]) : -1).SequenceEqual(padded);
            if (reproduced)
            {
                notes.Add($"With the input {check.Input}, the check reproduces the error at {t.Name} (line {t.Line}).");
            }

            matched.Add(Layer(t, check, $"its kernel ({SizeList.Spatial(kernel)} with dilation) is the one in the message"));
        }

        return matched;
    }

    private static List<MatchedLayer> PoolTooSmall(Explanation e, Checked check)
    {
        var channels = e.Number("channels");
        var input = e.Shape("input_size");
        var pools = check.Sites.Where(t => t.BaseType is { } type && type.Contains("Pool", StringComparison.Ordinal) && !type.StartsWith("Adaptive", StringComparison.Ordinal)).ToArray();
        var same = pools.Where(t => channels is not null && input is not null && t.Input is { } s && s.Rank == input.Count + 2
            && s.Skip(1).Select(dim => dim.IsKnown ? dim.Value : -1).SequenceEqual(input.Prepend(channels.Value))).ToArray();
        if (same.Length > 0)
        {
            return same.Select(t => Layer(t, check, $"the check finds {channels} channels of {SizeList.Spatial(input!)} maps reaching it, as in the message")).ToList();
        }

        return pools.Where(t => LayerDiagnostics(t, check).Any(d => d.Descriptor == DiagnosticCatalog.PoolOutputTooSmall))
            .Select(t => Layer(t, check, "the check finds its output too small")).ToList();
    }

    private static List<MatchedLayer> PoolPadding(Explanation e, Checked check)
    {
        var (pad, kernel) = (e.Number("padding"), e.Number("kernel_size"));
        return check.Sites
            .Where(t => t.BaseType is { } type && type.Contains("Pool", StringComparison.Ordinal)
                && t.Tuple("padding", 3) is { } p && p.Contains(pad ?? -1) && t.Tuple("kernel_size", 3) is { } k && k.Contains(kernel ?? -1))
            .Select(t => Layer(t, check, $"built with kernel_size={kernel} and padding={pad}, as in the message"))
            .ToList();
    }

    private static List<MatchedLayer> BatchNorm(Explanation e, Checked check, List<string> notes)
    {
        var (channels, numFeatures) = (e.Number("channels"), e.Number("num_features"));
        var matched = check.Sites.Where(t => t.BaseType is { } type && type.StartsWith("BatchNorm", StringComparison.Ordinal) && t.Int("num_features") == numFeatures).ToArray();
        foreach (var t in matched)
        {
            if (t.Input is { Rank: > 1 } s && s[1].IsKnown && s[1].Value == channels)
            {
                notes.Add($"With the input {check.Input}, the check reproduces the error: {channels} channels reach {t.Name} (line {t.Line}).");
            }
        }

        return matched.Select(t => Layer(t, check, $"built with num_features={numFeatures}, as in the message")).ToList();
    }

    private static List<MatchedLayer> Target(Explanation e, Checked check, List<string> notes)
    {
        var target = e.Number("target");
        var last = check.Sites.LastOrDefault(t => t.Int("out_features") is not null);
        if (last is null || target is null or < 0)
        {
            return [];
        }

        var outputs = last.Int("out_features")!.Value;
        notes.Add(outputs <= target
            ? $"{last.Name} (line {last.Line}) ends the model with out_features={outputs}: target {target} needs at least {target + 1}."
            : $"{last.Name} (line {last.Line}) ends the model with out_features={outputs}, enough for target {target}: the run that failed used another model, or the loss got other outputs.");
        return [Layer(last, check, $"the last layer with out_features ({outputs}), whose outputs the targets index")];
    }

    private static List<MatchedLayer> LossBatch(Explanation e, Checked check, List<string> notes)
    {
        var (rows, targets) = (e.Number("input_batch"), e.Number("target_batch"));
        var first = check.Sites.FirstOrDefault(t => t.BaseType == "Linear" && t.Int("in_features") is not null);
        if (first is null || rows is null || targets is null || targets == 0 || rows % targets != 0 || rows == targets)
        {
            return [];
        }

        var n = first.Int("in_features")!.Value;
        var k = rows.Value / targets.Value;
        notes.Add($"If a view(-1, {n}) feeds {first.Name} (line {first.Line}), each sample really has {k} x {n} = {k * n} features: set in_features to {k * n} and flatten with x.flatten(1).");
        return [Layer(first, check, $"the first Linear (in_features={n}), the usual n of a view(-1, n) before it")];
    }

    private static List<MatchedLayer> StateDict(Explanation e, Checked check)
    {
        var matched = new List<MatchedLayer>();
        foreach (var p in e.Parameters)
        {
            var leafModule = p.Module.Split('.')[^1];
            foreach (var t in check.Sites.Where(t => t.Name == p.Module || t.Module.Name == leafModule))
            {
                matched.Add(Layer(t, check, $"{p.Parameter} is [{string.Join(", ", p.CheckpointShape)}] in the checkpoint and [{string.Join(", ", p.ModelShape)}] in the model: {p.Meaning}"));
            }
        }

        return matched;
    }

    private static MatchedLayer Layer(LayerSite t, Checked check, string reason) =>
        new(t.Name, t.Type, t.Line, t.LineText, reason, LayerDiagnostics(t, check));

    /// <summary>The diagnostics about this layer: on its constructor line (a model file) or on the line that calls it (.py).</summary>
    private static IReadOnlyList<Diagnostic> LayerDiagnostics(LayerSite t, Checked check) =>
        check.File.Diagnostics.Where(d => d.Layer is { } l ? l.Line == t.Line || l.Line == t.Call.Span.Line : d.Span.Line == t.Line || d.Span.Line == t.Call.Span.Line).ToArray();

    /// <summary>A checked file with its layer calls read from the graph once.</summary>
    private sealed record Checked(FileCheck File, List<LayerSite> Sites)
    {
        public Shape? Input => File.Inputs.Count > 0 ? File.Inputs[0] : null;

        public IReadOnlyList<Diagnostic> Diagnostics => File.Diagnostics;
    }
}
