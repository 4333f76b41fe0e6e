using ShapeSafe.Dataflow;

namespace ShapeSafe.Torch.Runtime.Layers;

/// <summary>Reads a module's constructor arguments (<see cref="ModuleInfo.Settings"/>) with PyTorch's defaults, refusing values of the wrong kind.</summary>
internal sealed class LayerSettings(ModuleInfo info)
{
    public ModuleInfo Info { get; } = info;

    public string Label => ModuleTree.Label(Info);

    public long Long(string name, long? fallback = null) =>
        Get(name) switch
        {
            long l => l,
            null when fallback is { } f && !Info.Settings.ContainsKey(name) => f,
            var v => throw Refuse(name, v, "an integer"),
        };

    public long? OptionalLong(string name) =>
        Get(name) switch
        {
            null => null,
            long l => l,
            var v => throw Refuse(name, v, "an integer or None"),
        };

    public double Double(string name, double fallback) =>
        Get(name) switch
        {
            null when !Info.Settings.ContainsKey(name) => fallback,
            double d => d,
            long l => l,
            var v => throw Refuse(name, v, "a number"),
        };

    public double? OptionalDouble(string name) =>
        Get(name) switch
        {
            null => null,
            double d => d,
            long l => l,
            var v => throw Refuse(name, v, "a number or None"),
        };

    public bool Bool(string name, bool fallback) =>
        Get(name) switch
        {
            null when !Info.Settings.ContainsKey(name) => fallback,
            bool b => b,
            long l => l != 0,
            var v => throw Refuse(name, v, "a bool"),
        };

    public string String(string name, string fallback) =>
        Get(name) switch
        {
            null when !Info.Settings.ContainsKey(name) => fallback,
            string s => s,
            var v => throw Refuse(name, v, "a string"),
        };

    public ModuleInfo? Module(string name) =>
        Get(name) switch
        {
            null => null,
            ModuleInfo m => m,
            var v => throw Refuse(name, v, "a module"),
        };

    private object? Get(string name)
    {
        if (Info.UnknownSettings.Contains(name) || Info.UnknownSettings.Contains("*args"))
        {
            throw new GraphBuildException($"{Label}: the value of its argument {(Info.UnknownSettings.Contains(name) ? name : "list")} is not known from the source, so the runtime cannot build it");
        }

        return Info.Settings.TryGetValue(name, out var v) ? v : null;
    }

    private GraphBuildException Refuse(string name, object? value, string what) =>
        new($"{Label}: {name} must be {what}, not {value ?? "None"}");

    /// <summary>A refusal of a setting the runtime does not build (<c>proj_size</c>, <c>add_bias_kv</c>).</summary>
    public GraphBuildException Unsupported(string what) => new($"{Label}: the runtime does not build {what} yet");
}
