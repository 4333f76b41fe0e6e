namespace ShapeSafe.Interop;

/// <summary>An object a pickle builds by calling <see cref="Callable"/> that ShapeSafe does not interpret (a pickled nn.Module, for instance); kept as data only.</summary>
public sealed record PickleObject(PickleGlobal Callable, IReadOnlyList<object?> Arguments)
{
    public override string ToString() => Callable.ToString();
}
