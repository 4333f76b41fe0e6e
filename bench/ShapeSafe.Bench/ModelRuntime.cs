namespace ShapeSafe.Bench;

/// <summary>How a model file is run: the <c>Sequential</c> that ModuleBuilder builds, or the graph runtime (GraphModule).</summary>
public enum ModelRuntime
{
    Sequential,
    Graph,
}
