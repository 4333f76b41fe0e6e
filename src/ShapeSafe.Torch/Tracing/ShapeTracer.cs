using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using TorchSharp;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Runs a hand-written TorchSharp module once on a tensor of a given shape and records every leaf
/// submodule call (path, type, input and output shapes, parameters), instead of print(x.shape) after
/// every layer. At the first error it stops and explains it with the core's shape rules, in the
/// failing module's own terms. No gradients, eval mode (restored after), hooks removed after, even on failure.
/// </summary>
public static class ShapeTracer
{
    public static TraceResult Trace(torch.nn.Module module, long[] inputShape, TraceOptions? options = null) =>
        Trace(module, inputShape, options ?? TraceOptions.Default, LayerRegistry.Default);

    internal static TraceResult Trace(torch.nn.Module module, long[] inputShape, TraceOptions options, LayerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(inputShape);
        var moduleType = module.GetType().Name;
        var input = Shape.Of(inputShape);
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0 || d > ShapeParser.MaxDim))
        {
            return Unsupported(moduleType, input, $"the input shape {input.ToTorchString()} must have at least one dimension, each a positive size");
        }

        if (module is not torch.nn.Module<torch.Tensor, torch.Tensor> root)
        {
            return Unsupported(moduleType, input, "its forward does not take one tensor and return one (it is not a Module<Tensor, Tensor>)");
        }

        var modules = Inventory(root, registry);
        var training = new List<(torch.nn.Module Module, bool Training)> { (root, root.training) };
        training.AddRange(modules.Keys.Select(m => (m, m.training)));
        Shape? output = null;
        Exception? error = null;
        using var recorder = new TraceRecorder(modules, options.Observer);
        try
        {
            options.Observer?.Started(moduleType, input, root.parameters().Sum(p => p.numel()));
            recorder.Attach();
            root.eval();
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var x = MakeInput(root, inputShape, options);
            var y = root.call(x);
            output = y is null ? null : Shape.Of(y.shape);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = e;
        }
        finally
        {
            recorder.Dispose();
            foreach (var (m, wasTraining) in training)
            {
                m.train(wasTraining);
            }
        }

        return Result(moduleType, input, output, error, recorder, modules, root, registry);
    }

    private static TraceResult Result(string moduleType, Shape input, Shape? output, Exception? error, TraceRecorder recorder,
        Dictionary<torch.nn.Module, TracedModule> modules, torch.nn.Module root, LayerRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        TracedCall? failing = null;
        Diagnostic? failure = null;
        if (error is not null)
        {
            var raw = FirstLine(error);
            var open = recorder.Open;
            var innermost = open.Count > 0 ? open[^1] : null;
            if (innermost is { Module.IsLeaf: true })
            {
                failing = innermost;
                failure = FailureExplainer.ForModule(innermost, raw, registry);
            }
            else
            {
                failure = FailureExplainer.ForCode(innermost, recorder.LastCompletedLeaf, input, raw);
            }
        }

        foreach (var call in recorder.LeafCalls)
        {
            if (FailureExplainer.ForBatchChange(call, input, registry) is { } batchChange)
            {
                diagnostics.Add(batchChange);
                break;
            }
        }

        if (failure is not null)
        {
            diagnostics.Insert(0, failure);
        }

        var notRun = modules.Values.Where(m => m.IsLeaf && m.Calls == 0).ToList();
        if (failure is null && notRun.Count > 0)
        {
            diagnostics.Add(FailureExplainer.ForNotRun(notRun));
        }

        var rows = recorder.LeafCalls.Select(c => new TraceRow
        {
            Index = c.Index,
            Path = c.Module.Path,
            Type = c.Module.Type,
            Construction = c.Module.Description.Construction,
            Call = c.Call,
            InputShape = c.Input,
            OutputShape = c.Completed ? c.Output : null,
            Parameters = c.Module.Parameters,
            Failed = ReferenceEquals(c, failing),
        }).ToList();

        return new TraceResult
        {
            ModuleType = moduleType,
            Input = input,
            Rows = rows,
            Output = error is null ? output : null,
            Failure = failure,
            Diagnostics = diagnostics,
            NotRun = notRun.Select(m => m.Path).ToList(),
            TotalParameters = root.parameters().Sum(p => p.numel()),
        };
    }

    /// <summary>Every submodule once (a module registered under two names keeps its first path), with its description.</summary>
    private static Dictionary<torch.nn.Module, TracedModule> Inventory(torch.nn.Module root, LayerRegistry registry)
    {
        var modules = new Dictionary<torch.nn.Module, TracedModule>(ReferenceEqualityComparer.Instance);
        foreach (var (path, module) in root.named_modules())
        {
            if (modules.ContainsKey(module))
            {
                continue;
            }

            var isLeaf = !module.named_children().Any();
            var description = isLeaf
                ? ModuleDescriber.Describe(module, registry)
                : new ModuleDescription(ModuleDescriber.TypeName(module), [], false, []) { Opaque = true };
            modules[module] = new TracedModule(module, path, isLeaf, description, module.parameters().Sum(p => p.numel()));
        }

        return modules;
    }

    private static torch.Tensor MakeInput(torch.nn.Module root, long[] shape, TraceOptions options)
    {
        var parameters = root.parameters().ToList();
        var dtype = options.DType ?? parameters.Select(p => p.dtype).Where(torch.is_floating_point).Cast<torch.ScalarType?>().FirstOrDefault() ?? torch.ScalarType.Float32;
        var device = options.Device ?? parameters.FirstOrDefault()?.device ?? torch.CPU;
        if (options.Fill == TraceInputFill.Zeros)
        {
            return torch.zeros(shape, dtype, device);
        }

        using var generator = new torch.Generator(unchecked((ulong)options.Seed), device);
        return torch.randn(shape, dtype, device, generator: generator);
    }

    private static TraceResult Unsupported(string moduleType, Shape input, string why)
    {
        var diagnostic = Diagnostic.Create(DiagnosticCatalog.TracedUnsupported, SourceSpan.None, moduleType, why);
        return new TraceResult { ModuleType = moduleType, Input = input, Rows = [], Failure = diagnostic, Diagnostics = [diagnostic] };
    }

    /// <summary>libtorch's message without the native stack ("Exception raised from ...", frames).</summary>
    internal static string FirstLine(Exception error) =>
        error.Message.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? error.GetType().Name;
}
