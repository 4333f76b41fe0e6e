namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Runs one node on real values: reads its arguments from the call and returns the value it produces.</summary>
internal delegate object? Op(OpCall call);
