using ShapeSafe.Dataflow;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime;

/// <summary>
/// The tensors a module owns itself (<see cref="ModuleInfo.Parameters"/>, <see cref="ModuleInfo.Buffers"/>,
/// <see cref="ModuleInfo.TensorAttributes"/>) made as <c>__init__</c> made them: parameters, then buffers, then plain
/// attributes, each in registration order. A value not known from the source (<c>torch.tensor(mean)</c>) starts at zero
/// and comes from a checkpoint; a plain attribute is never in a checkpoint, so one of unknown value is refused.
/// </summary>
internal static class ModuleTensors
{
    /// <summary>Makes each tensor and hands it to <paramref name="add"/> with its kind and whether state_dict keeps it.</summary>
    public static void Create(ModuleInfo info, Action<string, Tensor, ModuleTensorKind, bool> add)
    {
        foreach (var p in info.Parameters)
        {
            add(p.Name, Make(info, p, ModuleTensorKind.Parameter), ModuleTensorKind.Parameter, true);
        }

        foreach (var b in info.Buffers)
        {
            add(b.Name, Make(info, b, ModuleTensorKind.Buffer), ModuleTensorKind.Buffer, b.Persistent);
        }

        foreach (var a in info.TensorAttributes)
        {
            add(a.Name, Make(info, a, ModuleTensorKind.Plain), ModuleTensorKind.Plain, false);
        }
    }

    private static Tensor Make(ModuleInfo info, ModuleTensor t, ModuleTensorKind kind)
    {
        var where = ModuleTree.Label(info) + ": " + Qualified(info, t.Name);
        var shape = t.Shape?.ToLongArray() ?? throw new GraphBuildException(where + ": its shape is not known, so the runtime cannot make it");
        var fromCheckpoint = kind != ModuleTensorKind.Plain;
        return t.Init.Factory switch
        {
            "randn" => randn(shape),
            "rand" => rand(shape),
            "ones" => ones(shape),
            "zeros" => zeros(shape),
            "full" or "tensor" when t.Init.Fill is { } fill => full(shape, fill),
            "empty" or "tensor" or "unknown" when fromCheckpoint => zeros(shape),
            _ => throw new GraphBuildException(where + $": its value ({t.Init}) is not known from the source and it is not in the state_dict, so the runtime cannot make it"),
        };
    }

    private static string Qualified(ModuleInfo info, string name) => info.QualifiedName.Length == 0 ? name : info.QualifiedName + "." + name;
}
