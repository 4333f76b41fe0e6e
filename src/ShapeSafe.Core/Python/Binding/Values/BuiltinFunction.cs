using ShapeSafe.Python.Binding.Torch;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>The implementation of a <see cref="PyBuiltin"/>: reads the call's arguments with the callee's signature and returns its value.</summary>
public delegate PyValue BuiltinFunction(TorchCall call);
