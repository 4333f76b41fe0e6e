using System.ComponentModel;
using System.Diagnostics;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// Finds the libtorch of a PyTorch 2.x CUDA install (its <c>torch/lib</c> folder): the path given as an
/// option, else the <c>SHAPESAFE_LIBTORCH</c> environment variable, else the folder of the <c>torch</c>
/// package that <c>python3</c> imports. A path may name the torch package folder or its lib folder.
/// </summary>
public static class LibTorchLocator
{
    public const string EnvironmentVariable = "SHAPESAFE_LIBTORCH";

    /// <summary>The libraries loaded from that folder, in the order they must be loaded.</summary>
    public static IReadOnlyList<string> CudaLibraries { get; } = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];

    private static readonly TimeSpan PythonTimeout = TimeSpan.FromSeconds(8);

    public static LibTorchLocation Locate(string? explicitPath) => Locate(explicitPath, Environment.GetEnvironmentVariable, "python3");

    /// <summary>As <see cref="Locate(string?)"/>, with the environment and the Python command replaceable (for tests).</summary>
    internal static LibTorchLocation Locate(string? explicitPath, Func<string, string?> environment, string pythonCommand)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new LibTorchLocation(Normalize(explicitPath), "the --libtorch option", [$"the --libtorch option: {explicitPath}"]);
        }

        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new LibTorchLocation(Normalize(fromEnvironment), $"the {EnvironmentVariable} environment variable", [$"{EnvironmentVariable}={fromEnvironment}"]);
        }

        var tried = new List<string> { $"{EnvironmentVariable}: not set" };
        var (torchDir, problem) = AskPython(pythonCommand);
        if (torchDir is null)
        {
            tried.Add($"{pythonCommand} -c \"import torch\": {problem}");
            return new LibTorchLocation(null, null, tried);
        }

        tried.Add($"{pythonCommand} -c \"import torch\": torch is at {torchDir}");
        return new LibTorchLocation(Normalize(torchDir), $"the PyTorch that {pythonCommand} imports", tried);
    }

    /// <summary>The torch/lib folder for a path naming either the torch package folder or the lib folder itself.</summary>
    internal static string Normalize(string path)
    {
        var full = Path.GetFullPath(path.Trim());
        var lib = Path.Combine(full, "lib");
        return !File.Exists(Path.Combine(full, CudaLibraries[0])) && File.Exists(Path.Combine(lib, CudaLibraries[0])) ? lib : full;
    }

    private static (string? Folder, string Problem) AskPython(string pythonCommand)
    {
        var start = new ProcessStartInfo(pythonCommand)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import torch, os; print(os.path.dirname(torch.__file__))");
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return (null, "could not be started");
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(PythonTimeout))
            {
                process.Kill(entireProcessTree: true);
                return (null, $"gave no answer within {PythonTimeout.TotalSeconds:0} seconds");
            }

            if (process.ExitCode != 0)
            {
                var lastLine = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                return (null, lastLine ?? $"exited with code {process.ExitCode}");
            }

            var folder = output.Result.Trim();
            return folder.Length == 0 ? (null, "printed no folder") : (folder, string.Empty);
        }
        catch (Win32Exception)
        {
            return (null, $"{pythonCommand} is not installed (not found on PATH)");
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
    }
}
