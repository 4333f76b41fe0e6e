using ShapeSafe.Dataflow;
using ShapeSafe.Inference;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>
/// Builds a real TorchSharp <see cref="Sequential"/> from a model that checked clean: one child per
/// layer line, named as in the model file (the layer's name, else its type and position), every
/// inferred size filled in. A name written again with the same constructor, or alone on a line, is
/// the same module used again (as a forward() calling self.pool twice), so its weights are shared.
/// </summary>
public static class ModuleBuilder
{
    /// <summary>Parses, checks and builds a model file in one call; <paramref name="inputOverride"/> replaces its input line.</summary>
    public static BuildResult FromModelText(string path, string text, Shape? inputOverride = null, Device? device = null) =>
        Build(ShapeChecker.Check(ModelFileParser.Parse(path, text), inputOverride), device);

    /// <summary>The module of a clean check, on <paramref name="device"/> (CPU when null); no module when the check has errors.</summary>
    public static BuildResult Build(CheckResult check, Device? device = null)
    {
        if (check.HasErrors)
        {
            var errors = check.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error);
            return new BuildResult(check, null, $"the model has {errors} error{(errors == 1 ? string.Empty : "s")}; fix {(errors == 1 ? "it" : "them")} before building");
        }

        if (check.Layers.Count == 0)
        {
            return new BuildResult(check, null, "the model has no layers");
        }

        // The runtime reads the same graph the checker lowers to: one module per ModuleInfo (identity decided once, where
        // it was constructed), appended under its name at each call, so a reused layer shares its weights.
        var graph = ModelFileGraph.Lower(check);
        var sequential = nn.Sequential();
        var built = new Dictionary<ModuleInfo, nn.Module<Tensor, Tensor>>(ReferenceEqualityComparer.Instance);
        foreach (var node in graph.Nodes)
        {
            if (node is not { Kind: NodeKind.CallModule, Module: { } info })
            {
                continue;
            }

            if (!built.TryGetValue(info, out var module))
            {
                var label = $"{info.Constructor?.Name ?? info.Type} (line {info.Constructor?.Line})";
                try
                {
                    module = info.Entry is null || info.Args is null
                        ? throw new LayerBuildException($"{label}: the layer did not check, so it cannot be built")
                        : LayerFactory.Create(info.Entry.Rule.Type, label, info.Args, info.Inferred);
                }
                catch (LayerBuildException e)
                {
                    sequential.Dispose();
                    return new BuildResult(check, null, e.Message);
                }

                built[info] = module;
            }

            sequential.append(info.Name, module);
        }

        if (device is not null && device.type != DeviceType.CPU)
        {
            sequential.to(device);
        }

        return new BuildResult(check, sequential, null);
    }

    /// <summary>True for the same call again: a bare-name line (the parser hands back the earlier call) or the same constructor text.</summary>
}
