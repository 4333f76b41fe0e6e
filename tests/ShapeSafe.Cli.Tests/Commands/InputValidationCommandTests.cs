using ShapeSafe.Cli.Commands;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

/// <summary>Abuse cases through the public commands: every bad path or value is named with exit 2 before any work starts.</summary>
public sealed class InputValidationCommandTests
{
    public static TheoryData<string, Func<TempFolder, string>, string> BadOutputs => new()
    {
        { "in /proc", _ => "/proc/shapesafe-out", "--out /proc/shapesafe-out: cannot be written" },
        { "a file", f => f.WriteFile("taken", "x"), ": is a file, not a folder" },
        { "under a file", f => Path.Combine(f.WriteFile("taken", "x"), "run"), "is a file, so no folder can be made under it" },
        { "a dangling link", f => File.CreateSymbolicLink(f.Combine("link"), f.Combine("nowhere")).FullName, "which does not exist" },
        { "too long", f => f.Combine(string.Join('/', Enumerable.Repeat(new string('d', 250), 20))), "the path is too long" },
    };

    [Theory]
    [MemberData(nameof(BadOutputs))]
    public void ABadOutFolderIsNamedBeforeTheDataIsRead(string name, Func<TempFolder, string> make, string message)
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));
        var output = make(folder);

        // The data does not exist: a run that looked at it first would fail on it (exit 1), not on --out.
        var run = CommandRunner.Run(TrainCommand.Create(), "train", model, "--data", folder.Combine("no-data"), "--out", output);

        Assert.True(run.ExitCode == 2, $"{name}: {run.All}");
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no-data", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threads", "100000", "--threads: the thread count must be at most")]
    [InlineData("--threads", "0", "--threads: the thread count must be at least 1, but got 0")]
    [InlineData("--lr", "1e300", "--lr must be a positive number of at most 100, not 1E+300")]
    [InlineData("--lr", "NaN", "--lr must be a positive number of at most 100, not NaN")]
    [InlineData("--lr", "Infinity", "--lr must be a positive number of at most 100, not Infinity")]
    [InlineData("--batch-size", "-5", "--batch-size must be between 1 and 1048576, not -5")]
    [InlineData("--epochs", "1000000000", "--epochs must be between 1 and 100000, not 1000000000")]
    [InlineData("--limit", "0", "--limit must be at least 1, not 0")]
    [InlineData("--val-fraction", "1.5", "--val-fraction must be between 0 and 1 (both excluded), not 1.5")]
    [InlineData("--seed", "-1", "--seed must be zero or positive, not -1")]
    [InlineData("--weight-decay", "-0.1", "--weight-decay must be between 0 and 100, not -0.1")]
    public void AbsurdValuesAreUsageErrorsBeforeAnyWork(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));

        var run = CommandRunner.Run(TrainCommand.Create(), "train", model, "--data", folder.Combine("no-data"), "--out", folder.Combine("run"), option, value);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("run")), "the output folder was created");
    }

    [Fact]
    public void StaleTemporariesOfAKilledRunAreRemovedOnStartAndALinkIsNeverFollowed()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));
        var output = folder.Combine("run");
        Directory.CreateDirectory(output);
        var orphan = Path.Combine(output, ".last.ckpt.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(orphan, "half a checkpoint");
        var victim = folder.WriteFile("victim.txt", "keep me");
        File.CreateSymbolicLink(Path.Combine(output, "metrics.json.tmp"), victim);
        var data = folder.Combine("data");
        Assert.Equal(0, CommandRunner.Run(MakeDataCommand.Create(), "make-data", data, "--classes", "3", "--per-class", "4", "--size", "16x16").ExitCode);

        var run = CommandRunner.Run(TrainCommand.Create(), "train", model, "--data", data, "--out", output, "--epochs", "1", "--batch-size", "8", "--threads", "1");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains($"note: removed 1 temporary file(s) an interrupted run left in {output}: .last.ckpt.0123456789abcdef0123456789abcdef.tmp", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(orphan));
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.True(File.Exists(Path.Combine(output, "metrics.json")));
        Assert.DoesNotContain(Directory.GetFiles(output), f => Path.GetFileName(f).EndsWith(".shapesafe-tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void MakeDataRefusesAFolderThatIsNotEmptyUnlessForced()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        Assert.Equal(0, CommandRunner.Run(MakeDataCommand.Create(), "make-data", data, "--classes", "2", "--per-class", "1", "--size", "8x8").ExitCode);

        var refused = CommandRunner.Run(MakeDataCommand.Create(), "make-data", data, "--classes", "3", "--per-class", "1", "--size", "8x8");
        var forced = CommandRunner.Run(MakeDataCommand.Create(), "make-data", data, "--classes", "3", "--per-class", "1", "--size", "8x8", "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"error: {data}: is not empty", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(3, Directory.GetDirectories(data).Length);
    }

    [Theory]
    [InlineData("check", "--x")]
    [InlineData("summary", "--no-such-flag=3")]
    [InlineData("check", "-q")]
    public void AnUnknownOptionIsReportedAsSuchNotAsAMissingFile(string command, string option)
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));

        var run = CliRunner.Run(command, model, option);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: unknown option {option.Split('=')[0]}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlCharactersInClassNamesAreEscapedInTextOutput()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        foreach (var name in new[] { "\u001b[31mred", "plain" })
        {
            Assert.Equal(0, CommandRunner.Run(MakeDataCommand.Create(), "make-data", Path.Combine(data, "tmp-" + name.Length), "--classes", "2", "--per-class", "3", "--size", "16x16").ExitCode);
            Directory.Move(Path.Combine(data, "tmp-" + name.Length, "00-circle"), Path.Combine(data, name));
        }

        foreach (var leftover in Directory.GetDirectories(data, "tmp-*"))
        {
            Directory.Delete(leftover, recursive: true);
        }

        var model = folder.WriteFile("tiny.model", Models.Tiny(2));

        var run = CommandRunner.Run(TrainCommand.Create(), "train", model, "--data", data, "--out", folder.Combine("run"), "--epochs", "1", "--batch-size", "4", "--threads", "1");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("(2 classes: \\x1b[31mred, plain)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[31m", run.All, StringComparison.Ordinal);
    }
}
