using Google.Protobuf;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Runtime;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// For every example model and every runnable .py corpus model: the exported file on ONNX Runtime gives TorchSharp's
/// output (GraphModule in eval mode, same weights) to 1e-4 on random input at batch 1 and batch 3, at the smallest
/// input size the model takes (<see cref="Models"/>).
/// </summary>
public sealed class ParityTests
{
    public static TheoryData<string> Files => [.. Models.All.Where(f => !Refusals.ByFile.ContainsKey(f))];

    [Theory]
    [MemberData(nameof(Files))]
    public void OnnxRuntimeGivesTorchSharpsOutput(string file)
    {
        var (reference, why) = Models.Take(file);
        Assert.True(reference is not null, why);
        var export = OnnxExporter.Export(reference.Check.Graph!, reference.Weights());
        if (!export.Succeeded && !reference.Check.Inputs[0].Equals(Models.DeclaredInput(file)))
        {
            // The smallest size may make a window uneven that the file's own size keeps even: test at the file's size.
            reference.Dispose();
            (reference, why) = ReferenceModel.Build(Path.Combine(Repo.Root, file));
            Assert.True(reference is not null, why);
            export = OnnxExporter.Export(reference.Check.Graph!, reference.Weights());
        }

        using var model = reference;
        Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));

        using var folder = new TempFolder();
        var path = folder.File("model.onnx");
        File.WriteAllBytes(path, export.Model!.ToByteArray());
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
            Assert.Equal(expected.Shape.Where(d => d != 1), actual.Shape.Where(d => d != 1));
            Assert.Equal(expected.Data.Length, actual.Data.Length);
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

            Assert.True(worst <= 1e-4, $"{file} at batch {batch}: outputs differ by up to {worst:G3}");
        }
    }
}
