using Google.Protobuf;
using ShapeSafe.Onnx.Proto;
using ShapeSafe.Onnx.Runtime;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>
/// The parity check: an exported model on ONNX Runtime gives TorchSharp's output (GraphModule in eval mode, same
/// weights) to 1e-4 on random input (token ids for an int64 input) at batch 1 and batch 3, every output of a tuple.
/// </summary>
internal static class Parity
{
    /// <summary>
    /// Asserts parity on every output; an output listed in <paramref name="sampled"/> (one that depends on random sampling
    /// in forward) is compared by shape only and its values handed to the check given for it.
    /// </summary>
    public static void Assert(ReferenceModel model, ModelProto exported, string file, IReadOnlyDictionary<int, Action<float[]>>? sampled = null)
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
            List<(float[] Data, long[] Shape)> expected;
            IReadOnlyList<OnnxOutput> actual;
            if (onnx.InputType == "int64")
            {
                // Token ids for an Embedding: every corpus vocabulary has more than 10 rows.
                var ids = new long[count];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = random.Next(10);
                }

                expected = model.RunAll(TorchSharp.torch.tensor(ids, shape));
                actual = onnx.RunAll(ids, shape);
            }
            else
            {
                var data = new float[count];
                for (var i = 0; i < data.Length; i++)
                {
                    data[i] = (float)((random.NextDouble() * 2) - 1);
                }

                expected = model.RunAll(TorchSharp.torch.tensor(data, shape));
                actual = onnx.RunAll(data, shape);
            }

            // A tuple's tensors are the outputs output, output_1, ... in order.
            Xunit.Assert.Equal(expected.Count, actual.Count);
            for (var o = 0; o < expected.Count; o++)
            {
                // x.squeeze() at batch 1 drops the batch in PyTorch; the export keeps the batch dynamic, so the same
                // values come with that size-1 dimension kept.
                Xunit.Assert.Equal(expected[o].Shape.Where(d => d != 1), actual[o].Shape.Where(d => d != 1));
                Xunit.Assert.Equal(expected[o].Data.Length, actual[o].Data.Length);
                if (sampled?.TryGetValue(o, out var check) == true)
                {
                    check(actual[o].Data);
                    continue;
                }

                var worst = 0.0;
                for (var i = 0; i < expected[o].Data.Length; i++)
                {
                    if (expected[o].Data[i].Equals(actual[o].Data[i]))
                    {
                        continue;
                    }

                    var diff = Math.Abs(expected[o].Data[i] - actual[o].Data[i]) / Math.Max(1.0, Math.Abs(expected[o].Data[i]));
                    worst = Math.Max(worst, diff);
                }

                Xunit.Assert.True(worst <= 1e-4, $"{file} at batch {batch}, output {o}: outputs differ by up to {worst:G3}");
            }
        }
    }
}
