using System.Diagnostics;
using System.Text.Json;
using ShapeSafe.Tests.TestSupport;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime;

/// <summary>
/// GraphModule against PyTorch: tests/corpus/parity.py saves a model's state_dict, a random input and its eval-mode output;
/// the GraphModule loads that state_dict (TorchSharp.PyBridge) and must give the same output.
/// </summary>
public sealed class ParityTests
{
    /// <summary>The corpus models whose forward the runtime runs today.</summary>
    public static TheoryData<string> Runnable =>
    [
        "python/conv_autoencoder_ok.py",
        "python/denoise_skip_autoencoder_ok.py",
        "python/sequential_from_config_ok.py",
        "python/spectrogram_cnn_ok.py",
    ];

    [PythonTorchTheory]
    [MemberData(nameof(Runnable))]
    public void OutputMatchesPyTorchInEvalMode(string file)
    {
        using var temp = new TempFolder();
        var start = new ProcessStartInfo(PythonTorchTheoryAttribute.Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(Corpus.Folder, "parity.py"), temp.Path, file })
        {
            start.ArgumentList.Add(a);
        }

        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.WaitForExit(120_000);
            Assert.True(process.ExitCode == 0, errors.Result);
        }

        var folder = temp.Combine(Path.GetFileNameWithoutExtension(file));
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")));
        var built = Corpus.Build(file);
        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        module.load_py(Path.Combine(folder, "state_dict.pt"));
        module.eval();

        using var scope = NewDisposeScope();
        var inputs = meta.RootElement.GetProperty("inputs").EnumerateArray()
            .Select((e, i) => Read(Path.Combine(folder, $"input{i}.bin"), Shape(e.GetProperty("shape")), e.GetProperty("dtype").GetString()!)).ToArray();
        using var noGrad = no_grad();
        var result = module.Run(inputs);
        var outputs = result is Tensor t ? [t] : ((IReadOnlyList<object?>)result!).Cast<Tensor>().ToList();
        var expectedShapes = meta.RootElement.GetProperty("outputs").EnumerateArray().Select(Shape).ToList();
        Assert.Equal(expectedShapes.Count, outputs.Count);
        for (var i = 0; i < outputs.Count; i++)
        {
            var expected = Read(Path.Combine(folder, $"output{i}.bin"), expectedShapes[i], "float32");
            Assert.Equal(expected.shape, outputs[i].shape);
            var tolerance = 1e-5 * Math.Max(1.0, expected.abs().max().item<float>());
            var difference = (outputs[i] - expected).abs().max().item<float>();
            Assert.True(difference <= tolerance, $"{file} output {i}: max abs difference {difference} > {tolerance}");
        }
    }

    private static long[] Shape(JsonElement e) => [.. e.EnumerateArray().Select(d => d.GetInt64())];

    private static Tensor Read(string path, long[] shape, string dtype)
    {
        var bytes = File.ReadAllBytes(path);
        return dtype == "int64"
            ? tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape)
            : tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape);
    }
}
