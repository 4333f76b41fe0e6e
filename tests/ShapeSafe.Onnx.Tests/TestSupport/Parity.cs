using Google.Protobuf;
using ShapeSafe.Onnx.Proto;
using ShapeSafe.Onnx.Runtime;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>
/// The parity check: an exported model on ONNX Runtime gives TorchSharp's output (GraphModule in eval mode, same
/// weights) to 1e-4 on random input (token ids for an int64 input) at batch 1 and batch 3.
/// </summary>
internal static class Parity
{
    public static void Assert(ReferenceModel model, ModelProto exported, string file)
    {
        using var folder = new TempFolder();
        var path = folder.File("model.onnx");
        File.WriteAllBytes(path, exported.ToByteArray());
        using var onnx = OnnxModel.Load(path);
        var random = new Random(11);
        foreach (var batch in new long[] { 1, 3 })
        {
            var shape = model.InputShape(batch);
            var count = shape.Aggregate(1L, (p, d) => p * d);
            (float[] Data, long[] Shape) expected;
            OnnxOutput actual;
            if (onnx.InputType == "int64")
            {
                // Token ids for an Embedding: every corpus vocabulary has more than 10 rows.
                var ids = new long[count];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = random.Next(10);
                }

                expected = model.Run(ids, shape);
                actual = onnx.Run(ids, shape);
            }
            else
            {
                var data = new float[count];
                for (var i = 0; i < data.Length; i++)
                {
                    data[i] = (float)((random.NextDouble() * 2) - 1);
                }

                expected = model.Run(data, shape);
                actual = onnx.Run(data, shape);
            }

            // x.squeeze() at batch 1 drops the batch in PyTorch; the export keeps the batch dynamic, so the same values
            // come with that size-1 dimension kept.
            Xunit.Assert.Equal(expected.Shape.Where(d => d != 1), actual.Shape.Where(d => d != 1));
            Xunit.Assert.Equal(expected.Data.Length, actual.Data.Length);
            var worst = 0.0;
            for (var i = 0; i < expected.Data.Length; i++)
            {
                if (expected.Data[i].Equals(actual.Data[i]))
                {
                    continue;
                }

                var diff = Math.Abs(expected.Data[i] - actual.Data[i]) / Math.Max(1.0, Math.Abs(expected.Data[i]));
                worst = Math.Max(worst, diff);
            }

            Xunit.Assert.True(worst <= 1e-4, $"{file} at batch {batch}: outputs differ by up to {worst:G3}");
        }
    }
}
