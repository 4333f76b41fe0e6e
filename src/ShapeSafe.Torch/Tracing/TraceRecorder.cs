using System.Reflection;
using ShapeSafe.Shapes;
using TorchSharp;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Hooks every submodule of a module (forward pre-hooks and forward hooks) and records each call in
/// order. A call whose forward hook never came is the one that raised. Disposing removes every hook.
/// TorchSharp runs hooks from call() only, so a submodule invoked with forward() is not seen.
/// </summary>
internal sealed class TraceRecorder : IDisposable
{
    private readonly Dictionary<torch.nn.Module, TracedModule> _modules;
    private readonly List<Action> _removers = [];
    private readonly List<TracedCall> _leafCalls = [];
    private readonly List<TracedCall> _open = [];
    private readonly ITraceObserver? _observer;

    public TraceRecorder(IReadOnlyDictionary<torch.nn.Module, TracedModule> modules, ITraceObserver? observer = null)
    {
        _modules = new Dictionary<torch.nn.Module, TracedModule>(modules, ReferenceEqualityComparer.Instance);
        _observer = observer;
    }

    public IReadOnlyList<TracedCall> LeafCalls => _leafCalls;

    /// <summary>Calls whose forward hook has not come, outermost first.</summary>
    public IReadOnlyList<TracedCall> Open => _open;

    /// <summary>The leaf call that completed last.</summary>
    public TracedCall? LastCompletedLeaf { get; private set; }

    public void Attach()
    {
        foreach (var traced in _modules.Values)
        {
            Hook(traced);
        }
    }

    public void Dispose()
    {
        foreach (var remove in _removers)
        {
            remove();
        }

        _removers.Clear();
    }

    private void Hook(TracedModule traced)
    {
        if (traced.Module is torch.nn.Module<torch.Tensor, torch.Tensor> tensorModule)
        {
            var pre = tensorModule.register_forward_pre_hook((_, input) =>
            {
                Enter(traced, Shape.Of(input.shape));
                return null!;
            });
            _removers.Add(pre.remove);
            var post = tensorModule.register_forward_hook((_, _, output) =>
            {
                Leave(traced, output is null ? null : Shape.Of(output.shape));
                return null!;
            });
            _removers.Add(post.remove);
            return;
        }

        // Modules with other signatures (two inputs, tuples): recorded without shapes, through the hooks that take only the module.
        HookByReflection(traced, "register_forward_pre_hook", () => Enter(traced, null));
        HookByReflection(traced, "register_forward_hook", () => Leave(traced, null));
    }

    private void HookByReflection(TracedModule traced, string method, Action callback)
    {
        var register = traced.Module.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == method && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(Action<torch.nn.Module>));
        if (register?.Invoke(traced.Module, [new Action<torch.nn.Module>(_ => callback())]) is { } remover
            && remover.GetType().GetMethod("remove", Type.EmptyTypes) is { } remove)
        {
            _removers.Add(() => remove.Invoke(remover, null));
        }
    }

    private void Enter(TracedModule traced, Shape? input)
    {
        traced.Calls++;
        var call = new TracedCall(traced, traced.IsLeaf ? _leafCalls.Count + 1 : 0, traced.Calls, input, LastCompletedLeaf);
        if (traced.IsLeaf)
        {
            _leafCalls.Add(call);
        }

        _open.Add(call);
        _observer?.Entered(Step(call));
    }

    private void Leave(TracedModule traced, Shape? output)
    {
        // Close this module's innermost open call; calls above it were left by exceptions the module's own code caught.
        var at = _open.FindLastIndex(c => ReferenceEquals(c.Module, traced));
        if (at < 0)
        {
            return;
        }

        var call = _open[at];
        _open.RemoveRange(at, _open.Count - at);
        call.Output = output;
        call.Completed = true;
        if (traced.IsLeaf)
        {
            LastCompletedLeaf = call;
        }

        _observer?.Left(Step(call));
    }

    private static TraceStep Step(TracedCall call) => new()
    {
        Index = call.Index,
        Path = call.Module.Path,
        Type = call.Module.Type,
        Construction = call.Module.Description.Construction,
        Call = call.Call,
        IsLeaf = call.Module.IsLeaf,
        Parameters = call.Module.Parameters,
        Input = call.Input,
        Output = call.Completed ? call.Output : null,
    };
}
