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

        var sequential = nn.Sequential();
        var named = new Dictionary<string, (LayerCall Call, nn.Module<Tensor, Tensor> Module)>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < check.Layers.Count; index++)
        {
            var layer = check.Layers[index];
            var call = layer.Call;
            if (call is { Name: { } reusedName, ReusedFrom: not null } && named.TryGetValue(reusedName, out var earlier))
            {
                sequential.append(reusedName, earlier.Module);
                continue;
            }

            nn.Module<Tensor, Tensor> module;
            try
            {
                module = LayerFactory.Create(layer);
            }
            catch (LayerBuildException e)
            {
                sequential.Dispose();
                return new BuildResult(check, null, e.Message);
            }

            var childName = ModelFileGraph.ChildName(call, index, used);

            if (call.Name is not null)
            {
                named.TryAdd(call.Name, (call, module));
            }

            sequential.append(childName, module);
        }

        if (device is not null && device.type != DeviceType.CPU)
        {
            sequential.to(device);
        }

        return new BuildResult(check, sequential, null);
    }

    /// <summary>True for the same call again: a bare-name line (the parser hands back the earlier call) or the same constructor text.</summary>
}
