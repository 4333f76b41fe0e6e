using System.Text;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Layers;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Native;
using Xunit.Abstractions;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// The engine against real TorchSharp: thousands of random stacks, each written as model-file text. The engine side
/// parses and checks the text (ShapeChecker); the reference side (<see cref="TorchReference"/>) reads the same text
/// itself and runs it layer by layer with modules built directly from TorchSharp's API, using nothing from src/. Every
/// output shape must match, every size the engine infers must be the one the tensor gives, and a stack must fail at
/// the same layer in both (the engine's first error line is the layer whose TorchSharp construction or forward throws).
/// </summary>
public sealed class DifferentialTests
{
    private const int Seed = 20261126;
    private const int Stacks = 2000;
    private const int Reported = 25;

    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void TheEngineAgreesWithTorchSharpOnRandomStacks()
    {
        var disagreements = new List<string>();
        var failed = 0;
        var threads = NativeRuntime.Threads;
        Assert.True(NativeRuntime.TrySetThreads(1, out var problem), problem); // tiny tensors: threads only add overhead
        try
        {
            for (var i = 0; i < Stacks; i++)
            {
                var seed = Seed + i;
                var (disagreement, failing) = Compare(seed, new StackGenerator(seed).Generate());
                failed += failing ? 1 : 0;
                if (disagreement is not null)
                {
                    disagreements.Add(disagreement);
                }
            }
        }
        finally
        {
            NativeRuntime.TrySetThreads(threads, out _);
        }

        _output.WriteLine($"{Stacks} stacks from seed {Seed}: {Stacks - disagreements.Count} agree ({failed} fail somewhere), {disagreements.Count} disagree");

        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} of {Stacks} stacks disagree (seeds {Seed}..{Seed + Stacks - 1}; rerun one with new StackGenerator(seed).Generate()):\n\n"
            + string.Join("\n\n", disagreements.Take(Reported)));
    }

    /// <summary>
    /// The disagreement between the engine and TorchSharp on one stack (null when they agree), and whether
    /// the stack fails. Fixes are not searched for: they change no shape or error line.
    /// </summary>
    internal static (string? Disagreement, bool Fails) Compare(int seed, string text)
    {
        var check = ShapeChecker.Check(ModelFileParser.Parse("stack", text), null, LayerRegistry.Default, suggestFixes: false);
        // The layer a diagnostic belongs to is its Layer's line (a reused module's span points at its constructor's line).
        var firstError = check.Diagnostics.Where(d => d.Severity == Severity.Error).OrderBy(LineOf).FirstOrDefault();
        int? engineFailedAt = firstError is null ? null : Math.Max(0, check.Layers.ToList().FindIndex(l => l.Call.Line == LineOf(firstError)));
        if (check.Input is null || check.Input.ToLongArray() is null)
        {
            return (Describe(seed, text, check, firstError, null, "the generated input is not a concrete shape"), true);
        }

        var torch = TorchReference.Execute(text);
        var problems = new List<string>();
        if (engineFailedAt != torch.FailedAt)
        {
            problems.Add($"first failing layer: engine {Where(check, engineFailedAt)}, TorchSharp {Where(check, torch.FailedAt)}");
        }

        var agreed = Math.Min(engineFailedAt ?? check.Layers.Count, torch.Outputs.Count);
        for (var i = 0; i < agreed; i++)
        {
            var engine = check.Layers[i].Output?.ToLongArray();
            if (engine is null || !engine.SequenceEqual(torch.Outputs[i]))
            {
                problems.Add($"layer {i + 1} (line {check.Layers[i].Call.Line}, {check.Layers[i].Type}): engine {check.Layers[i].Output?.ToString() ?? "no shape"}, TorchSharp {string.Join("x", torch.Outputs[i])}");
                break;
            }

            foreach (var (name, size) in check.Layers[i].Outcome?.Inferred ?? new Dictionary<string, long>())
            {
                if (torch.Sizes[i].TryGetValue(name, out var actual) && actual != size)
                {
                    problems.Add($"layer {i + 1} (line {check.Layers[i].Call.Line}): engine inferred {name}={size}, the tensor gives {actual}");
                }
            }
        }

        var fails = firstError is not null || torch.FailedAt is not null;
        return (problems.Count == 0 ? null : Describe(seed, text, check, firstError, torch, string.Join("; ", problems)), fails);
    }

    private static int LineOf(Diagnostic d) => d.Layer?.Line ?? d.Line;

    private static string Where(CheckResult check, int? index) =>
        index is { } i ? $"layer {i + 1} (line {check.Layers[i].Call.Line}, {check.Layers[i].Type})" : "none";

    private static string Describe(int seed, string text, CheckResult check, Diagnostic? firstError, TorchReference.Run? torch, string problem)
    {
        var report = new StringBuilder();
        report.AppendLine($"seed {seed}: {problem}");
        report.Append(text);
        report.AppendLine($"  engine: {(firstError is null ? "clean, output " + check.Output : $"line {LineOf(firstError)}: {firstError.Code} {firstError.Message}")}");
        report.Append($"  TorchSharp: {(torch is null ? "not run" : torch.Failure is null ? "ran, output " + string.Join("x", torch.Outputs[^1]) : torch.Failure)}");
        return report.ToString();
    }
}
