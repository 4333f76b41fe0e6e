using ShapeSafe.Interop;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Interop;

public sealed class NpyFileTests
{
    public static TheoryData<TensorDType, long[]> RoundTrips() => new()
    {
        { TensorDType.Float32, [2, 3] },
        { TensorDType.Float64, [4] },
        { TensorDType.Int64, [1, 2, 2] },
        { TensorDType.Int32, [] },
        { TensorDType.UInt8, [3, 1] },
        { TensorDType.Bool, [5] },
        { TensorDType.Float32, [0, 7] },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void WritesAndReadsBackEveryTypeAndShape(TensorDType dtype, long[] shape)
    {
        var count = (int)(TensorDTypes.ElementCount(shape) ?? 0);
        var data = new byte[count * dtype.ElementSize()];
        new Random(7).NextBytes(data);
        if (dtype == TensorDType.Bool)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] &= 1;
            }
        }

        var array = new NpyArray(dtype, shape, data);
        using var stream = new MemoryStream();
        NpyFile.Write(stream, array);
        Assert.Equal(0, (stream.Length - data.Length) % 64);
        stream.Position = 0;
        var back = NpyFile.Read(stream, "x.npy");
        Assert.Equal(dtype, back.DType);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(data, back.Data);
    }

    [Fact]
    public void WritesTheHeaderNumPyWrites()
    {
        using var stream = new MemoryStream();
        NpyFile.Write(stream, NpyArray.FromFloats([2, 3], [1, 2, 3, 4, 5, 6]));
        var bytes = stream.ToArray();
        Assert.Equal(InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", bytes[^24..]), bytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadsEveryHeaderVersion(int major)
    {
        var bytes = InteropFiles.Npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", BitConverter.GetBytes(5L).Concat(BitConverter.GetBytes(-9L)).ToArray(), major);
        var array = NpyFile.Read(new MemoryStream(bytes), "v.npy");
        Assert.Equal([2L], array.Shape);
        Assert.Equal([5f, -9f], array.ToFloats());
    }

    [Fact]
    public void ReadsAFileThatPythonWrote()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("a.npy");
        // np.save of np.array([[1.5, -2.0]], dtype=np.float64): version 1.0, a 118-byte header.
        File.WriteAllBytes(path, InteropFiles.Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", BitConverter.GetBytes(1.5).Concat(BitConverter.GetBytes(-2.0)).ToArray()));
        var array = NpyFile.Read(path);
        Assert.Equal(TensorDType.Float64, array.DType);
        Assert.Equal([1.5f, -2f], array.ToFloats());
    }

    public static TheoryData<string, byte[]> Malformed()
    {
        var four = new byte[16];
        return new TheoryData<string, byte[]>
        {
            { "is not a .npy file", "PK\u0003\u0004 not numpy"u8.ToArray() },
            { "is not a .npy file", [] },
            { "format version 4.0", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 4, 0, 10, 0] },
            { "truncated inside its header length", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 10] },
            { "its header says 4096 bytes", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 0, 16, (byte)'{'] },
            { "Fortran order", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", four) },
            { "big-endian data (descr '>f4')", InteropFiles.Npy("{'descr': '>f4', 'fortran_order': False, 'shape': (4,), }", four) },
            { "Python objects (descr '|O')", InteropFiles.Npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", four) },
            { "element type '<c8'", InteropFiles.Npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", four) },
            { "structured element type", InteropFiles.Npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }", four) },
            { "is truncated: shape (5,) of <f4 needs 20 bytes of data, but the file has 16", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", four) },
            { "has 4 bytes after the data", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", four) },
            { "needs 8000000000000 bytes of data, but the file has 16", InteropFiles.Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }", four) },
            { "whose size overflows", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", four) },
            { "negative size -3", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-3,), }", four) },
            { "has the value '4', which is not a string, True/False or a tuple", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': 4, }", four) },
            { "no 'shape'", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, }", four) },
            { "unknown key 'extra'", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 'x', }", four) },
            { "gives 'shape' twice", InteropFiles.Npy("{'descr': '<f4', 'shape': (4,), 'fortran_order': False, 'shape': (4,), }", four) },
            { "not a Python dict literal", InteropFiles.Npy("descr: <f4", four) },
            { "unterminated string", InteropFiles.Npy("{'descr': '<f4", four) },
            { "65 dimensions", InteropFiles.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (" + string.Concat(Enumerable.Repeat("1, ", 65)) + "), }", four) },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AMalformedFileIsAClearErrorNamingTheFile(string problem, byte[] bytes)
    {
        using var folder = new TempFolder();
        var path = folder.Combine("bad.npy");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read("/nonexistent/x.npy"));
        Assert.Equal("/nonexistent/x.npy: no such file", e.Message);
    }

    [Fact]
    public void WritingReplacesTheFileAtomicallyAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("out.npy");
        File.WriteAllText(path, "old");
        NpyFile.Write(path, NpyArray.FromFloats([1], [3f]));
        Assert.Equal([3f], NpyFile.Read(path).ToFloats());
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
