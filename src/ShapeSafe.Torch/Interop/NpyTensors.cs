using ShapeSafe.Interop;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Interop;

/// <summary>Converts between .npy arrays and TorchSharp tensors (on the CPU, C order, the same element type).</summary>
public static class NpyTensors
{
    public static Tensor ToTensor(NpyArray array) => TorchDTypes.FromBytes(array.DType, array.Shape, array.Data);

    /// <summary>The tensor's elements as an array of its own type; float16 and bfloat16 become float32.</summary>
    public static NpyArray FromTensor(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var type = TorchDTypes.FromScalarType(tensor.dtype) is { } t && NpyFile.Supports(t) ? t : TensorDType.Float32;
        var cpu = tensor.detach().cpu().to(type.ToScalarType()).contiguous();
        return new NpyArray(type, cpu.shape, cpu.bytes.ToArray());
    }

    /// <summary>The tensor's elements as float32, the type run writes.</summary>
    public static NpyArray FromTensorAsFloat32(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().to(ScalarType.Float32).contiguous();
        return new NpyArray(TensorDType.Float32, cpu.shape, cpu.bytes.ToArray());
    }
}
