namespace ShapeSafe.Interop;

/// <summary>A class or function a pickle refers to by module and name (<c>collections.OrderedDict</c>); never imported or run.</summary>
public sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}
