using System.IO.Compression;
using System.Text;
using ShapeSafe.Tests.TestSupport;
using Xunit.Abstractions;

namespace ShapeSafe.Tests.Fuzzing;

/// <summary>
/// The fuzzing suite (issue #10): mutated model files, .py files, explain messages, IDX files (plain and .gz), PNGs,
/// checkpoints and flag combinations through the public commands in-process, from a fixed seed. Every case must end
/// with exit code 0, 1 or 2 and a message, within the hang bound and the memory cap of <see cref="FuzzHarness"/>.
/// A failure names the family, case index, seed, mutation, seed file and command, so it reproduces. Every family runs:
/// nothing is excluded.
/// </summary>
[Collection(FuzzingCollection.Name)]
public sealed class FuzzSuiteTests
{
    private const int Seed = 20261201;
    private const int Reported = 20;

    private static readonly Mutation[] TextMutations = Enum.GetValues<Mutation>().Where(m => m != Mutation.None).ToArray();

    private static readonly Mutation[] BinaryMutations = [Mutation.ByteFlip, Mutation.Truncate, Mutation.DuplicateLines, Mutation.Nul, Mutation.HugeNumber];

    private readonly ITestOutputHelper _output;

    public FuzzSuiteTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void MutatedModelFilesGetACleanAnswer() => RunFamily("model", 1200, 1, (folder, i, mutator, mutation) =>
    {
        var source = FuzzSeeds.ModelFiles[(i / TextMutations.Length) % FuzzSeeds.ModelFiles.Count];
        var path = Path.Combine(folder, "m.model");
        File.WriteAllBytes(path, mutator.MutateText(File.ReadAllText(source), mutation));
        return (source, SourceCommand(i, path));
    });

    [Fact]
    public void MutatedPythonFilesGetACleanAnswer() => RunFamily("python", 600, 2, (folder, i, mutator, mutation) =>
    {
        var source = FuzzSeeds.PythonFiles[(i / TextMutations.Length * 7) % FuzzSeeds.PythonFiles.Count];
        var path = Path.Combine(folder, "m.py");
        File.WriteAllBytes(path, mutator.MutateText(File.ReadAllText(source), mutation));
        return (source, SourceCommand(i, path));
    });

    [Fact]
    public void MutatedExplainMessagesGetACleanAnswer() => RunFamily("explain", 600, 3, (folder, i, mutator, mutation) =>
    {
        var source = FuzzSeeds.Messages[(i / TextMutations.Length) % FuzzSeeds.Messages.Count];
        var message = Encoding.UTF8.GetString(mutator.MutateText(source, mutation));
        if (message.Trim() == "-")
        {
            message = "- -"; // "-" reads stdin, which the test host does not give
        }

        string[] args = i % 4 == 3 ? ["explain", message, "--model", FuzzSeeds.ModelFiles[i % FuzzSeeds.ModelFiles.Count]] : ["explain", message];
        return ("message " + (i / TextMutations.Length % FuzzSeeds.Messages.Count), args);
    });

    [Fact]
    public void MutatedIdxFilesGetACleanAnswer()
    {
        using var setup = new TempFolder();
        var clean = setup.Combine("idx");
        IdxFolder.Write(clean, train: 24, test: 10);
        var model = setup.WriteFile("tiny.model", Models.Tiny(10, channels: 1, size: 10));
        var checkpoint = setup.Combine("tiny.ckpt");
        CliCheckpoints.Write(checkpoint, Models.Tiny(10, channels: 1, size: 10), channels: 1, size: 10, classes: 10, seed: 1);
        var files = Directory.GetFiles(clean).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        RunFamily("idx", 60, 4, (folder, i, mutator, mutation) =>
        {
            var data = Path.Combine(folder, "data");
            Directory.CreateDirectory(data);
            var target = files[i % files.Length]!;
            var gzip = i / files.Length % 2 == 1;
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(Path.Combine(clean, file!));
                if (file == target)
                {
                    bytes = mutation == Mutation.HugeNumber ? mutator.PokeHeader(bytes, file!.Contains("images", StringComparison.Ordinal) ? 16 : 8) : mutator.MutateBytes(bytes, mutation);
                }

                WriteData(Path.Combine(data, file!), bytes, gzip);
            }

            string[] args = i % 3 == 0
                ? ["train", model, "--data", data, "--out", Path.Combine(folder, "run"), "--epochs", "1", "--batch-size", "8", "--threads", "1"]
                : ["evaluate", checkpoint, "--data", data];
            return ($"{target}{(gzip ? ".gz" : string.Empty)}", args);
        }, BinaryMutations);
    }

    [Fact]
    public void MutatedPngsGetACleanAnswer()
    {
        using var setup = new TempFolder();
        var (checkpoint, images) = ShapesCheckpoint(setup);
        RunFamily("png", 80, 5, (folder, i, mutator, mutation) =>
        {
            var source = images[i % images.Length];
            var bytes = File.ReadAllBytes(source);
            bytes = mutation == Mutation.HugeNumber ? mutator.PokeHeader(bytes, 33) : mutator.MutateBytes(bytes, mutation);
            var path = Path.Combine(folder, "image.png");
            File.WriteAllBytes(path, bytes);
            return (Path.GetFileName(source), ["predict", checkpoint, path, "--top", "2"]);
        }, BinaryMutations);
    }

    [Fact]
    public void MutatedCheckpointsGetACleanAnswer()
    {
        using var setup = new TempFolder();
        var (checkpoint, images) = ShapesCheckpoint(setup);
        var data = Path.GetDirectoryName(Path.GetDirectoryName(images[0]))!;
        using var archive = ZipFile.OpenRead(checkpoint);
        var entries = archive.Entries.Select(e => (e.FullName, Bytes: Read(e))).ToArray();
        var whole = File.ReadAllBytes(checkpoint);
        RunFamily("checkpoint", 80, 6, (folder, i, mutator, mutation) =>
        {
            var path = Path.Combine(folder, "m.ckpt");
            var part = i % (entries.Length + 1);
            string source;
            if (part == entries.Length)
            {
                source = "the whole file";
                File.WriteAllBytes(path, mutation == Mutation.HugeNumber ? mutator.PokeHeader(whole, 30) : mutator.MutateBytes(whole, mutation));
            }
            else
            {
                source = entries[part].FullName;
                using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
                foreach (var (name, bytes) in entries)
                {
                    var content = name != source ? bytes
                        : name.EndsWith(".bin", StringComparison.Ordinal) ? mutator.MutateBytes(bytes, mutation)
                        : mutator.MutateText(Encoding.UTF8.GetString(bytes), mutation);
                    using var stream = zip.CreateEntry(name).Open();
                    stream.Write(content);
                }
            }

            string[] args = (i / (entries.Length + 1)) % 2 == 0
                ? ["evaluate", path, "--data", data]
                : ["predict", path, images[i % images.Length]];
            return (source, args);
        }, TextMutations);
    }

    [Fact]
    public void FlagCombinationsGetACleanAnswer()
    {
        using var setup = new TempFolder();
        var (checkpoint, images) = ShapesCheckpoint(setup);
        var data = Path.GetDirectoryName(Path.GetDirectoryName(images[0]))!;
        var model = setup.WriteFile("tiny.model", Models.Tiny(2, channels: 3, size: 16));
        var flags = FlagCatalog.Create(model, checkpoint, data, images[0], setup.Path);
        var cases = 0;
        var problems = new List<string>();
        for (var i = 0; i < 260; i++)
        {
            var mutator = new Mutator(Seed + (7 * 100_000) + i);
            var (family, mutation, args) = flags.Case(i, mutator, Path.Combine(setup.Path, $"out{i}"));
            cases++;
            if (FuzzHarness.Run(new FuzzCase(family, i, Seed + (7 * 100_000) + i, mutation, "flags", args)) is { } problem)
            {
                problems.Add(problem);
            }
        }

        Report("flags", cases, problems);
    }

    private static string[] SourceCommand(int i, string path) => (i % 5) switch
    {
        0 or 1 => ["check", path],
        2 => ["check", path, "--format", "json"],
        3 => ["summary", path],
        _ => ["check", "--fix", path],
    };

    private static (string Checkpoint, string[] Images) ShapesCheckpoint(TempFolder setup)
    {
        var data = setup.Combine("shapes");
        var made = CliRunner.Run("make-data", data, "--classes", "2", "--per-class", "3", "--size", "16x16", "--channels", "3");
        Assert.True(made.ExitCode == 0, made.Output + made.Error);
        var checkpoint = setup.Combine("shapes.ckpt");
        CliCheckpoints.Write(checkpoint, Models.Tiny(2, channels: 3, size: 16), channels: 3, size: 16, classes: 2, seed: 1);
        var images = Directory.GetFiles(data, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        return (checkpoint, images);
    }

    private static void WriteData(string path, byte[] bytes, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return;
        }

        using var file = File.Create(path + ".gz");
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private void RunFamily(string family, int count, int familySeed, Func<string, int, Mutator, Mutation, (string Source, string[] Args)> make, Mutation[]? mutations = null)
    {
        mutations ??= TextMutations;
        using var folder = new TempFolder();
        var problems = new List<string>();
        var cases = 0;
        for (var i = 0; i < count; i++)
        {
            var mutation = mutations[i % mutations.Length];
            var seed = Seed + (familySeed * 100_000) + i;
            var caseFolder = Path.Combine(folder.Path, $"c{i}");
            Directory.CreateDirectory(caseFolder);
            var (source, args) = make(caseFolder, i, new Mutator(seed), mutation);
            cases++;
            if (FuzzHarness.Run(new FuzzCase(family, i, seed, mutation, Path.IsPathRooted(source) ? Path.GetRelativePath(CliRunner.RepoRoot, source) : source, args)) is { } problem)
            {
                problems.Add(problem);
            }

            TryDelete(caseFolder);
        }

        Report(family, cases, problems);
    }

    private void Report(string family, int cases, List<string> problems)
    {
        _output.WriteLine($"{family}: {cases} cases run, {problems.Count} failed");

        Assert.True(problems.Count == 0, $"{problems.Count} of {cases} {family} cases failed (seed {Seed}):\n" + string.Join("\n", problems.Take(Reported)));
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is removed as a whole at the end.
        }
    }
}
