using System.Diagnostics;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

/// <summary>
/// The CLI in a child process, with oneDNN as the start-up check leaves it and with <c>SHAPESAFE_ONEDNN=off</c>: both say
/// which they use, and give the same outputs on the models whose convolutions a wrong oneDNN blocking broke
/// (tcn_chomp's 25-channel Conv1d, dcgan_generator's ConvTranspose2d on a 1x1 input); and libtorch's NNPACK warning
/// ("Could not initialize NNPACK!") no longer fills stderr.
/// </summary>
public sealed class OneDnnProcessTests
{
    public static TheoryData<string, long[]> Models => new()
    {
        { "tcn_chomp_ok.py", [4, 1, 784] },
        { "dcgan_generator_ok.py", [4, 100] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task OnAndOffGiveTheSameOutputs(string model, long[] shape)
    {
        using var folder = new TempFolder();
        var input = NpyInputs.Write(folder.Combine("x.npy"), shape);
        var path = Path.Combine(CliRunner.RepoRoot, "tests", "corpus", "python", model);
        var automatic = await Run(path, input, folder.Combine("auto.npy"), "auto");
        var off = await Run(path, input, folder.Combine("off.npy"), "off");
        Assert.Contains("oneDNN off", off, StringComparison.Ordinal);
        Assert.Matches("oneDNN (on|off)", automatic);
        var difference = NpyInputs.MaxDifference(folder.Combine("auto.npy"), folder.Combine("off.npy"));
        Assert.True(difference < 1e-4, $"{model}: outputs differ by {difference}\n{automatic}");
    }

    private static async Task<string> Run(string model, string input, string output, string oneDnn)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["SHAPESAFE_ONEDNN"] = oneDnn },
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "shapesafe.dll"), "run", model, "--input", input, "--output", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        Assert.DoesNotContain("NNPACK", error, StringComparison.Ordinal);
        return await text;
    }
}
