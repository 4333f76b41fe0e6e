using BenchmarkDotNet.Attributes;
using ShapeSafe.Checking;
using ShapeSafe.Python;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Bench;

/// <summary>
/// Checking PyTorch source: a 2,000-line model file must be checked in well under 20 ms in-process. Measures parsing
/// alone and the whole check (parse, bind <c>__init__</c> and <c>forward</c>, every shape rule, the graph) side by side,
/// and the seed's Example 1 with its fixes.
/// </summary>
[MemoryDiagnoser]
public class PythonCheckBenchmarks
{
    private string _large = string.Empty;
    private string _seed = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _large = PythonSource.Model(2000);
        var lines = _large.Split('\n').Length;
        var check = PythonChecker.Check("large.py", _large);
        if (lines < 2000 || check.HasErrors || check.OutputShape?.ToString() != "8x10")
        {
            throw new InvalidOperationException($"the generated model must have 2,000 lines and check clean ({lines} lines, output {check.OutputShape})");
        }

        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ShapeSafe.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from inside the repository");
        }

        _seed = File.ReadAllText(Path.Combine(root, "examples", "seed_example1_view.py"));
    }

    [Benchmark(Description = "parse 2,000 lines of Python")]
    public ParseResult Parse2000() => PythonParser.Parse(_large);

    [Benchmark(Description = "check 2,000 lines of Python (parse + bind + shapes)")]
    public PythonCheckResult Check2000() => PythonChecker.Check("large.py", _large);

    [Benchmark(Description = "seed Example 1 (.py): check with fixes")]
    public FileCheck SeedWithFixes() => CheckService.Check("seed_example1_view.py", _seed);
}
