using System.Diagnostics;
using ShapeSafe.Tests.Commands.Interop;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

/// <summary>Runs the real CLI in a child process: run and predict on a .onnx model use ONNX Runtime and never load TorchSharp.</summary>
public sealed class OnnxProcessTests(OnnxExports exports) : IClassFixture<OnnxExports>
{
    [Fact]
    public async Task RunAndPredictOnOnnxDoNotLoadTorchSharp()
    {
        using var folder = new TempFolder();
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 3, 12, 12]);
        string[][] commands =
        [
            ["run", exports.RgbOnnx, "--input", input, "--output", folder.Combine("y.npy")],
            ["predict", exports.RgbOnnx, exports.Images[0], "--top", "2"],
        ];
        foreach (var args in commands)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["SHAPESAFE_LIST_ASSEMBLIES"] = "1" },
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shapesafe.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            Assert.Contains(args[0] == "run" ? "ONNX Runtime" : "a.png: c", await output, StringComparison.Ordinal);
            var loaded = error.Split('\n').Single(l => l.StartsWith("loaded: ", StringComparison.Ordinal));
            Assert.Contains(" Microsoft.ML.OnnxRuntime", loaded, StringComparison.Ordinal);
            Assert.DoesNotContain("TorchSharp", loaded, StringComparison.Ordinal);
            Assert.DoesNotContain("ShapeSafe.Torch", loaded, StringComparison.Ordinal);
        }
    }
}
