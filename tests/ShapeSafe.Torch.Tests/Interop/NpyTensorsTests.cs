using ShapeSafe.Interop;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Native;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Interop;

public sealed class NpyTensorsTests
{
    public NpyTensorsTests() => NativeRuntime.RequireCpu();

    public static TheoryData<TensorDType, ScalarType> Types() => new()
    {
        { TensorDType.Float32, ScalarType.Float32 },
        { TensorDType.Float64, ScalarType.Float64 },
        { TensorDType.Int64, ScalarType.Int64 },
        { TensorDType.Int32, ScalarType.Int32 },
        { TensorDType.UInt8, ScalarType.Byte },
        { TensorDType.Bool, ScalarType.Bool },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void ArraysBecomeTensorsOfTheSameTypeShapeAndValuesAndBack(TensorDType dtype, ScalarType scalar)
    {
        using var scope = NewDisposeScope();
        var source = arange(6, ScalarType.Int64).remainder(2).reshape(2, 3).to(scalar);
        var array = NpyTensors.FromTensor(source.t());
        Assert.Equal(dtype, array.DType);
        Assert.Equal([3L, 2L], array.Shape);
        var back = NpyTensors.ToTensor(array);
        Assert.Equal(scalar, back.dtype);
        Assert.True(back.eq(source.t().contiguous()).all().item<bool>());
    }

    [Fact]
    public void OutputsAreWrittenAsFloat32()
    {
        using var scope = NewDisposeScope();
        var array = NpyTensors.FromTensorAsFloat32(tensor(new double[] { 0.5, -1.25 }));
        Assert.Equal(TensorDType.Float32, array.DType);
        Assert.Equal([0.5f, -1.25f], array.ToFloats());
    }
}
