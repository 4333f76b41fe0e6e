namespace ShapeSafe.Python.Binding.Values;

/// <summary>A <c>range(start, stop, step)</c> with known bounds.</summary>
public sealed class PyRange(long start, long stop, long step) : PyValue
{
    public long Start { get; } = start;

    public long Stop { get; } = stop;

    public long Step { get; } = step;

    public long Count => Step > 0 ? Math.Max(0, (Stop - Start + Step - 1) / Step) : Math.Max(0, (Start - Stop - Step - 1) / -Step);

    public long this[long index] => Start + (index * Step);

    public override string TypeName => "range";

    public override bool? Truth => Count > 0;
}
