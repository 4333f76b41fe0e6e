using System.Collections.Concurrent;
using ShapeSafe.Checking;
using ShapeSafe.Shapes;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>
/// Every example model file and every .py corpus model that checks clean and that GraphModule builds, by path relative
/// to the repository. Finding them builds each one, so the built models are kept for <see cref="Take"/>: every model is
/// built once per test run, not once to be listed and again to be tested. A model for the parity tests is built at the
/// smallest input size the shape engine accepts (same channels, square images stay square), so that the big corpus
/// models (U-Net at 572x572, ImageNet nets at 224x224) cost milliseconds of compute.
/// Every model is checked with a symbolic batch <c>N</c>, as <c>export --to onnx</c> checks a checkpoint, so the parity
/// tests run at batch 1 and 3 a file that was exported without a batch size (the file's own batch only when the model
/// does not check with a symbolic one).
/// </summary>
internal static class Models
{
    private static readonly ConcurrentDictionary<string, ReferenceModel> Built = new(StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyList<string>> Runnable = new(Find);

    public static IReadOnlyList<string> All => Runnable.Value;

    /// <summary>
    /// The reference model of <paramref name="file"/> (relative to the repository) built while finding the models, handed
    /// out once (the caller disposes it); built again only when it was taken already or the listing ran in another process.
    /// </summary>
    public static (ReferenceModel? Model, string? Why) Take(string file)
    {
        _ = All;
        return Built.TryRemove(file, out var model) ? (model, null) : ReferenceModel.Build(Path.Combine(Repo.Root, file));
    }

    /// <summary>
    /// The check of <paramref name="file"/> (relative to the repository) at its own input size with the batch symbolic
    /// (<c>N</c>), as the CLI's export checks; the file's own batch when the model does not check with a symbolic one.
    /// </summary>
    public static FileCheck Symbolic(string file)
    {
        var path = Path.Combine(Repo.Root, file);
        return Symbolic(path, CheckService.Check(path, File.ReadAllText(path)));
    }

    /// <summary>The input shape <paramref name="file"/> (relative to the repository) declares itself.</summary>
    public static Shape DeclaredInput(string file)
    {
        var path = Path.Combine(Repo.Root, file);
        return CheckService.Check(path, File.ReadAllText(path)).Inputs[0];
    }

    private static List<string> Find()
    {
        var files = Directory.GetFiles(Repo.Examples, "*.model").Concat(Directory.GetFiles(Repo.PythonCorpus, "*_ok.py")).Order(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var file in files)
        {
            var check = CheckService.Check(file, File.ReadAllText(file));
            if (check.HasErrors || check.Inputs.Count != 1)
            {
                continue;
            }

            var relative = Path.GetRelativePath(Repo.Root, file);
            var symbolic = Symbolic(file, check);
            var (model, _) = Smallest(file, symbolic) is not { } small ? (null, null) : ReferenceModel.Build(small);
            if (model is null)
            {
                (model, _) = ReferenceModel.Build(symbolic);
            }

            if (model is not null)
            {
                Built[relative] = model;
                result.Add(relative);
            }
        }

        return result;
    }

    private static FileCheck Symbolic(string path, FileCheck declared)
    {
        if (declared.Inputs.Count != 1 || declared.Inputs[0].Rank == 0)
        {
            return declared;
        }

        var input = declared.Inputs[0];
        var symbolic = CheckService.Check(path, File.ReadAllText(path), new CheckRequest { Inputs = [new Shape([Dim.Sym("N"), .. input.Skip(1)])] });
        return symbolic.HasErrors || symbolic.Graph is null ? declared : symbolic;
    }

    /// <summary>
    /// The check of <paramref name="file"/> at the smallest spatial size (the last dimension, and the one before it when
    /// the two are equal) that checks clean, below the file's own; null when there is none or the input is not N x C x ...
    /// </summary>
    private static FileCheck? Smallest(string file, FileCheck check)
    {
        var input = check.Inputs[0];
        if (input.Rank is not (3 or 4) || input.Skip(1).Any(d => !d.IsKnown))
        {
            return null;
        }

        var size = input[input.Rank - 1].Value;
        var square = input.Rank == 4 && input[2].Value == size;
        if (input.Rank == 4 && !square)
        {
            return null;
        }

        var text = File.ReadAllText(file);
        for (var s = 1L; s < size; s += s < 32 ? 1 : 4)
        {
            var smaller = At(input[0], s);
            // The test runs batches 1 and 3: a view(-1, F) that a fixed batch makes fit must fit them too.
            if (!smaller.HasErrors && smaller.Inputs.Count == 1 && smaller.Graph is not null && !At(1, s).HasErrors && !At(3, s).HasErrors)
            {
                return smaller;
            }
        }

        return null;

        FileCheck At(Dim batch, long s) =>
            CheckService.Check(file, text, new CheckRequest { Inputs = [new Shape(input.Rank == 4 ? [batch, input[1], s, s] : [batch, input[1], s])] });
    }
}
