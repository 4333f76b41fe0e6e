using ShapeSafe.Checking;
using ShapeSafe.Dataflow;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Runtime.Ops;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime;

/// <summary>
/// A checked model run by interpreting its dataflow graph (torch.fx's GraphModule): every module of the tree is registered
/// under PyTorch's names, so <c>state_dict()</c> has PyTorch's keys, and <c>forward</c> runs the graph's nodes in order
/// with TorchSharp ops. Model files and Python files take the same path. A node the runtime cannot run is refused when
/// the module is built, naming its target and line; nothing runs a partial model.
/// </summary>
public sealed class GraphModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Targets that take only tensors, so their arguments are their tensor inputs where the graph records none.</summary>
    private static readonly HashSet<string> TensorOnly = new(StringComparer.Ordinal)
    {
        "function:torch.relu", "function:torch.sigmoid", "function:torch.tanh", "function:torch.nn.functional.relu",
        "function:torch.nn.functional.sigmoid", "function:torch.nn.functional.tanh", "function:torch.matmul", "function:torch.bmm",
        "function:torch.mm", "method:relu", "method:sigmoid", "method:tanh", "method:contiguous", "method:t",
        "operator:add", "operator:sub", "operator:mul", "operator:truediv", "operator:matmul",
    };

    private readonly DataflowGraph _graph;
    private readonly Step[] _steps;
    private readonly Step[]? _trainingSteps;
    private readonly ValueLifetimes? _lifetimes;
    private readonly ValueLifetimes? _trainingLifetimes;
    private readonly int _inputCount;

    private GraphModule(DataflowGraph graph, DataflowGraph? trainingGraph, ModuleTree tree, bool planSteps)
        : base("GraphModule")
    {
        OneDnnSwitch.Configure();
        _graph = graph;
        TrainingGraph = trainingGraph;
        ModuleTensors.Create(graph.Root, AddTensor);
        tree.BuildChildren(graph.Root, (name, module) => register_module(name, module));
        _inputCount = graph.Placeholders.Count();
        if (trainingGraph is not null && trainingGraph.Placeholders.Count() != _inputCount)
        {
            throw new GraphBuildException("the training-mode and eval-mode graphs take different numbers of inputs");
        }

        _steps = planSteps ? [.. graph.Nodes.Select(n => Plan(graph, n, tree))] : [];
        _trainingSteps = planSteps && trainingGraph is not null ? [.. trainingGraph.Nodes.Select(n => Plan(trainingGraph, n, tree))] : null;
        _lifetimes = planSteps ? Lifetimes(graph, _steps) : null;
        _trainingLifetimes = _trainingSteps is not null ? Lifetimes(trainingGraph!, _trainingSteps) : null;
        IsRunnable = planSteps;
    }

    /// <summary>Names of the root's own buffers (and plain tensor attributes) that state_dict leaves out.</summary>
    private readonly HashSet<string> _nonPersistent = new(StringComparer.Ordinal);

    /// <summary>False for a module built for its parameters only (<see cref="ModulesOnly"/>): it refuses to run.</summary>
    public bool IsRunnable { get; }

    /// <summary>Every op target the runtime runs, as <c>kind:target</c> (<c>function:torch.cat</c>, <c>method:view</c>, <c>operator:+</c>).</summary>
    public static IReadOnlyList<string> SupportedTargets => OpTable.Targets;

    /// <summary>The graph this module runs in eval mode (and in training mode when <see cref="TrainingGraph"/> is null).</summary>
    public DataflowGraph Graph => _graph;

    /// <summary>The graph this module runs in training mode when forward reads <c>self.training</c>; null when one graph serves both modes.</summary>
    public DataflowGraph? TrainingGraph { get; }

    /// <summary>The module of a clean check (either front-end), on <paramref name="device"/> (CPU when null); a failure in plain words otherwise.</summary>
    public static GraphBuildResult Build(FileCheck check, Device? device = null)
    {
        if (check.HasErrors)
        {
            var errors = check.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error);
            return new GraphBuildResult(null, $"{check.Path}: the model has {errors} error{(errors == 1 ? string.Empty : "s")}; fix {(errors == 1 ? "it" : "them")} before building");
        }

        if (check.Graph is not { } graph || graph.Output is null)
        {
            return new GraphBuildResult(null, $"{check.Path}: the check produced no graph to run");
        }

        if (ControlFlowRefusal(check) is { } refusal)
        {
            return new GraphBuildResult(null, refusal);
        }

        var tree = new ModuleTree();
        try
        {
            var module = new GraphModule(graph, check.TrainingGraph, tree, planSteps: true);
            if (device is not null && device.type != DeviceType.CPU)
            {
                module.to(device);
            }

            return new GraphBuildResult(module, null);
        }
        catch (GraphBuildException e)
        {
            tree.DisposeAll();
            return new GraphBuildResult(null, $"{check.Path}: {e.Message}");
        }
    }

    /// <summary>
    /// Why the runtime refuses a checked model whose forward branches or loops on tensor values (SS0310, with the file,
    /// line and column of the first such statement), or null when its graph follows all of forward's control flow.
    /// </summary>
    public static string? ControlFlowRefusal(FileCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var graph = check.TrainingGraph is { Unfollowed.Count: > 0 } training ? training : check.Graph;
        if (graph is not { Unfollowed.Count: > 0 })
        {
            return null;
        }

        var first = graph.Unfollowed[0];
        var diagnostic = Diagnostics.Diagnostic.Create(Diagnostics.DiagnosticCatalog.RuntimeControlFlow, first.Span, first.Statement, first.Text, first.Why);
        var more = graph.Unfollowed.Count > 1 ? $" (and {graph.Unfollowed.Count - 1} more such statement{(graph.Unfollowed.Count == 2 ? string.Empty : "s")})" : string.Empty;
        return $"{check.Path}:{first.Span.Line}:{first.Span.Column}: error {diagnostic.Code}: {diagnostic.Message}{more}";
    }

    /// <summary>
    /// The parameters and buffers in PyTorch's order: each module's own parameters, then its own buffers, then its
    /// children's under their names (a module registered under two names appears under both). TorchSharp's own order
    /// lists every parameter before any buffer.
    /// </summary>
    public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
    {
        destination ??= [];
        Collect(this, prefix ?? string.Empty, destination);
        return destination;

        static void Collect(nn.Module module, string prefix, Dictionary<string, Tensor> into)
        {
            var skip = module switch
            {
                ContainerModule c => c.NonPersistent,
                GraphModule g => g._nonPersistent,
                _ => null,
            };
            foreach (var (name, p) in module.named_parameters(recurse: false))
            {
                into[prefix + name] = p;
            }

            foreach (var (name, b) in module.named_buffers(recurse: false))
            {
                if (skip is not null && skip.Contains(name))
                {
                    continue;
                }

                into[prefix + name] = b;
            }

            foreach (var (name, child) in module.named_children())
            {
                Collect(child, prefix + name + ".", into);
            }
        }
    }

    /// <summary>
    /// The module tree of a clean check with its parameters and buffers, without planning the graph's nodes: for loading
    /// and inspecting weights (state_dict) of a model whose forward the runtime cannot run yet. It refuses to run.
    /// </summary>
    public static GraphBuildResult ModulesOnly(FileCheck check)
    {
        if (check.HasErrors || check.Graph is not { } graph)
        {
            return new GraphBuildResult(null, $"{check.Path}: the model has errors or no graph");
        }

        var tree = new ModuleTree();
        try
        {
            return new GraphBuildResult(new GraphModule(graph, null, tree, planSteps: false), null);
        }
        catch (GraphBuildException e)
        {
            tree.DisposeAll();
            return new GraphBuildResult(null, $"{check.Path}: {e.Message}");
        }
    }

    /// <summary>Runs the graph on one input and returns its one output tensor.</summary>
    public override Tensor forward(Tensor input) =>
        Run(input) switch
        {
            Tensor t => t,
            var other => throw new GraphRunException($"the model returns {OpCall.Describe(other)}, not one tensor: call Run"),
        };

    /// <summary>
    /// Runs the graph on its inputs (one per <c>forward</c> argument) and returns what forward returns: a tensor, or a list
    /// for a tuple.
    /// </summary>
    public object? Run(params Tensor[] inputs)
    {
        if (!IsRunnable)
        {
            throw new GraphRunException("this module was built for its weights only (GraphModule.ModulesOnly); build it with GraphModule.Build to run it");
        }

        if (inputs.Length != _inputCount)
        {
            throw new GraphRunException($"the model takes {_inputCount} input{(_inputCount == 1 ? string.Empty : "s")}, got {inputs.Length}");
        }

        var isTraining = training;
        var (steps, lifetimes) = isTraining && _trainingSteps is not null ? (_trainingSteps, _trainingLifetimes!) : (_steps, _lifetimes!);
        var values = new object?[steps.Length];
        var owned = new bool[steps.Length];
        Dictionary<int, List<object?>>? results = null;
        var placeholder = 0;
        object? output = null;
        for (var position = 0; position < steps.Length; position++)
        {
            var step = steps[position];
            var node = step.Node;
            switch (step.Kind)
            {
                case StepKind.Input:
                    values[node.Index] = inputs[placeholder++];
                    break;
                case StepKind.Skip:
                    break;
                case StepKind.Value:
                    values[node.Index] = step.Value;
                    break;
                case StepKind.Item:
                    values[node.Index] = ItemOf(node, results![node.SameCallAs!.Index]);
                    break;
                case StepKind.Output:
                    output = Evaluate(step.Args[0], values);
                    break;
                case StepKind.Module:
                {
                    var call = Call(step, values, isTraining);
                    try
                    {
                        var value = step.Module!.forward(call.Tensor(0, "input"));
                        values[node.Index] = value;
                        owned[node.Index] = Fresh(value, lifetimes.Uses[position], values, owned);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
                    {
                        throw new GraphRunException(Where(node) + e.Message.Split('\n')[0], e);
                    }

                    break;
                }

                default:
                {
                    var call = Call(step, values, isTraining);
                    try
                    {
                        var value = step.Op!(call);
                        var fresh = Fresh(value, lifetimes.Uses[position], values, owned);
                        if (node.Item >= 0)
                        {
                            var flat = new List<object?>();
                            Flatten(value, flat);
                            (results ??= [])[node.Index] = flat;
                            value = ItemOf(node, flat);
                            fresh = false;
                        }

                        values[node.Index] = value;
                        owned[node.Index] = fresh;
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException or IndexOutOfRangeException)
                    {
                        throw new GraphRunException(Where(node) + e.Message.Split('\n')[0], e);
                    }

                    break;
                }
            }

            Release(lifetimes.LastUses[position], values, owned);
        }

        return output;
    }

    private static ValueLifetimes Lifetimes(DataflowGraph graph, Step[] steps) =>
        ValueLifetimes.Compute(graph.Nodes, [.. steps.Select(s => s.Args)], [.. steps.Select(s => s.Kind is StepKind.Module or StepKind.Op ? s.Node.Kwargs : [])]);

    /// <summary>
    /// True when <paramref name="value"/> is a tensor the step made (not one of the tensors it read, as an in-place method
    /// or an identity returns): only such tensors are disposed after their last use. A step's result that holds a tensor
    /// it read keeps that tensor's source alive to the end of the run.
    /// </summary>
    private static bool Fresh(object? value, int[] uses, object?[] values, bool[] owned)
    {
        var fresh = value is Tensor;
        foreach (var index in uses)
        {
            if (owned[index] && values[index] is Tensor read && Holds(value, read))
            {
                owned[index] = false;
                fresh = false;
            }
            else if (fresh && values[index] is { } other && Holds(other, (Tensor)value!))
            {
                fresh = false;
            }
        }

        return fresh;
    }

    private static bool Holds(object? value, Tensor tensor)
    {
        if (ReferenceEquals(value, tensor))
        {
            return true;
        }

        if (value is IReadOnlyList<object?> list)
        {
            foreach (var item in list)
            {
                if (Holds(item, tensor))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Drops the values whose last reader just ran, disposing the tensors the run made itself.</summary>
    private static void Release(int[] indices, object?[] values, bool[] owned)
    {
        foreach (var index in indices)
        {
            if (owned[index] && values[index] is Tensor tensor)
            {
                tensor.Dispose();
            }

            values[index] = null;
            owned[index] = false;
        }
    }

    private static object? ItemOf(Node node, List<object?> flat) =>
        node.Item < flat.Count ? flat[node.Item] : throw new GraphRunException(Where(node) + $"the call gave {flat.Count} results, not the {node.Item + 1} the graph reads");

    private static void Flatten(object? value, List<object?> into)
    {
        if (value is IReadOnlyList<object?> list)
        {
            foreach (var item in list)
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(value);
        }
    }

    private void AddTensor(string name, Tensor tensor, ModuleTensorKind kind, bool persistent)
    {
        if (kind == ModuleTensorKind.Parameter)
        {
            register_parameter(name, new TorchSharp.Modules.Parameter(tensor));
            return;
        }

        register_buffer(name, tensor);
        if (!persistent)
        {
            _nonPersistent.Add(name);
        }
    }

    /// <summary>Where a node is, for messages: <c>line 12: torch.cat: </c>.</summary>
    internal static string Where(Node node)
    {
        var what = node.Kind switch
        {
            NodeKind.CallMethod => "Tensor." + node.Target,
            NodeKind.CallModule => "self." + node.Target,
            _ => node.Target,
        };
        return node.Span.IsNone ? $"{what}: " : $"line {node.Span.Line}: {what}: ";
    }

    private static readonly Dictionary<string, object?> NoKeywords = new(StringComparer.Ordinal);

    private static OpCall Call(Step step, object?[] values, bool training)
    {
        var args = new object?[step.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = step.Args[i];
            args[i] = arg is TrainingFlagArg ? training : Evaluate(arg, values);
        }

        var keywords = step.Node.Kwargs;
        var kwargs = NoKeywords;
        if (keywords.Count > 0)
        {
            kwargs = new Dictionary<string, object?>(keywords.Count, StringComparer.Ordinal);
            foreach (var (name, arg) in keywords)
            {
                kwargs[name] = arg is TrainingFlagArg ? training : Evaluate(arg, values);
            }
        }

        return new OpCall(step.Node, args, kwargs, training);
    }

    private static object? Evaluate(NodeArg arg, object?[] values) =>
        arg switch
        {
            NodeRefArg r => values[r.Node.Index],
            ConstArg c => c.Value switch
            {
                int i => (long)i,
                float f => (double)f,
                var v => v,
            },
            ListArg l => l.Items.Select(i => Evaluate(i, values)).ToList(),
            SliceArg s => new RuntimeSlice(Bound(s.Start, values), Bound(s.Stop, values), Bound(s.Step, values)),
            _ => null,
        };

    private static long? Bound(NodeArg? arg, object?[] values) =>
        arg is null ? null : Evaluate(arg, values) switch
        {
            null => null,
            long l => l,
            Tensor { NumberOfElements: 1 } t when !t.is_floating_point() => t.item<long>(),
            var v => throw new GraphRunException("a slice bound must be an integer, not " + OpCall.Describe(v) + (v is Tensor bad ? " of " + bad.dtype : string.Empty)),
        };

    private Step Plan(DataflowGraph graph, Node node, ModuleTree tree)
    {
        switch (node.Kind)
        {
            case NodeKind.Placeholder:
                return new Step(node, StepKind.Input);
            case NodeKind.Output:
            {
                var output = OutputArg(node);
                if (graph.FirstUnknown(output) is { } unknown)
                {
                    // The stand-in would come back as the model's output: refuse, naming what the check could not follow.
                    var line = unknown.Span.IsNone ? string.Empty : $" (line {unknown.Span.Line})";
                    throw new GraphBuildException($"{Where(node)}forward returns a value the check could not follow: {unknown.Reason}{line}; the runtime runs only what the check follows");
                }

                return new Step(node, StepKind.Output) { Args = [output] };
            }
            case not NodeKind.Placeholder and not NodeKind.Output when node.SameCallAs is not null:
                return new Step(node, StepKind.Item);
            case NodeKind.GetAttr:
                return new Step(node, StepKind.Value) { Value = Attribute(node) };
            case NodeKind.CallModule:
            {
                if (node.Module is not { } info)
                {
                    throw new GraphBuildException(Where(node) + "the graph does not say which module this calls, so the runtime cannot run it");
                }

                if (ModuleTree.IsContainer(info))
                {
                    return new Step(node, StepKind.Skip);
                }

                if (tree.Invokers.TryGetValue(info, out var invoke))
                {
                    return new Step(node, StepKind.Op) { Op = invoke, Args = ArgsOf(node, fallback: true) };
                }

                if (!tree.Built.TryGetValue(info, out var built) || built is not nn.Module<Tensor, Tensor> module)
                {
                    throw new GraphBuildException(Where(node) + "the module is not part of the model's module tree, so the runtime cannot run it");
                }

                var args = ArgsOf(node, fallback: true);
                if (args.Count != 1)
                {
                    throw new GraphBuildException(Where(node) + $"the module is called with {args.Count} arguments; the runtime runs layers on one tensor");
                }

                return new Step(node, StepKind.Module) { Module = module, Args = args };
            }

            default:
            {
                var op = OpTable.Find(node) ?? throw new GraphBuildException(Where(node) + "the runtime has no operation for this target yet");
                var key = (node.Kind == NodeKind.CallMethod ? "method:" : node.Kind == NodeKind.Operator ? "operator:" : "function:") + node.Target;
                var fallback = TensorOnly.Contains(key) && (node.Kind != NodeKind.Operator || node.Inputs.Count == 2);
                return new Step(node, StepKind.Op) { Op = op, Args = ArgsOf(node, fallback) };
            }
        }
    }

    /// <summary>The node's recorded arguments; where none are recorded, its tensor inputs when they are all it takes.</summary>
    private static IReadOnlyList<NodeArg> ArgsOf(Node node, bool fallback)
    {
        if (node.Args.Count > 0 || node.Kwargs.Count > 0)
        {
            return node.Args;
        }

        if (fallback && node.Inputs.Count > 0)
        {
            return [.. node.Inputs.Select(i => (NodeArg)new NodeRefArg(i))];
        }

        throw new GraphBuildException(Where(node) + "the graph does not record this call's arguments, so the runtime cannot run it");
    }

    private static NodeArg OutputArg(Node node)
    {
        if (node.Args.Count > 0)
        {
            return node.Args[0];
        }

        return node.Inputs.Count switch
        {
            0 => throw new GraphBuildException(Where(node) + "forward returns nothing the runtime can follow"),
            1 => new NodeRefArg(node.Inputs[0]),
            _ => new ListArg([.. node.Inputs.Select(i => (NodeArg)new NodeRefArg(i))], IsTuple: true),
        };
    }

    /// <summary>A parameter or buffer read in forward (<c>self.cls_token</c>, <c>self.fc.weight</c>), found by its state_dict name.</summary>
    private Tensor Attribute(Node node)
    {
        foreach (var (name, p) in named_parameters())
        {
            if (name == node.Target)
            {
                return p;
            }
        }

        foreach (var (name, b) in named_buffers())
        {
            if (name == node.Target)
            {
                return b;
            }
        }

        throw new GraphBuildException(Where(node) + "the model has no parameter or buffer of this name, so the runtime cannot read it");
    }

    private enum StepKind
    {
        Input,
        Skip,
        Value,
        Item,
        Output,
        Module,
        Op,
    }

    private sealed record Step(Node Node, StepKind Kind)
    {
        public IReadOnlyList<NodeArg> Args { get; init; } = [];

        public nn.Module<Tensor, Tensor>? Module { get; init; }

        public Op? Op { get; init; }

        public Tensor? Value { get; init; }
    }
}
