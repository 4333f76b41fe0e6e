using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>
/// A checked model run by TorchSharp (GraphModule in eval mode) with seeded random weights, BatchNorm running
/// statistics made non-trivial, and its state_dict as the exporter takes it: the reference side of the parity tests.
/// </summary>
internal sealed class ReferenceModel : IDisposable
{
    private ReferenceModel(FileCheck check, GraphModule module)
    {
        Check = check;
        Module = module;
    }

    public FileCheck Check { get; }

    public GraphModule Module { get; }

    /// <summary>The model of a file that checks clean and builds; null with the reason otherwise.</summary>
    public static (ReferenceModel? Model, string? Why) Build(string path) => Build(CheckService.Check(path, File.ReadAllText(path)));

    /// <summary>The model of a clean <paramref name="check"/>, its weights seeded the same whatever was built before.</summary>
    public static (ReferenceModel? Model, string? Why) Build(FileCheck check)
    {
        torch.manual_seed(7);
        var built = GraphModule.Build(check);
        if (!built.Succeeded)
        {
            return (null, built.Failure);
        }

        var module = built.Module!;
        using (no_grad())
        {
            foreach (var (key, tensor) in module.state_dict())
            {
                if (key.EndsWith("running_mean", StringComparison.Ordinal))
                {
                    tensor.copy_(randn(tensor.shape) * 0.1);
                }
                else if (key.EndsWith("running_var", StringComparison.Ordinal))
                {
                    tensor.copy_(rand(tensor.shape) + 0.5);
                }
            }
        }

        module.eval();
        return (new ReferenceModel(check, module), null);
    }

    /// <summary>The float32 state_dict entries as row-major arrays (integer buffers such as num_batches_tracked are left out).</summary>
    public Dictionary<string, NamedTensor> Weights()
    {
        var weights = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in Module.state_dict())
        {
            if (tensor.dtype == ScalarType.Float32)
            {
                weights[key] = new NamedTensor(tensor.shape, tensor.detach().cpu().contiguous().data<float>().ToArray());
            }
        }

        return weights;
    }

    /// <summary>The checked input shape with the batch set to <paramref name="batch"/>.</summary>
    public long[] InputShape(long batch)
    {
        var input = Check.Inputs.Count == 1 ? Check.Inputs[0] : throw new InvalidOperationException(Check.Path + ": not one input shape");
        return [batch, .. input.Skip(1).Select(d => d.IsKnown ? d.Value : throw new InvalidOperationException($"{Check.Path}: input size {d} is not fixed"))];
    }

    /// <summary>TorchSharp's outputs (a tuple flattened, in order) on <paramref name="input"/>.</summary>
    public List<(float[] Data, long[] Shape)> RunAll(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var outputs = new List<(float[] Data, long[] Shape)>();
        Flatten(Module.Run(input));
        return outputs;

        void Flatten(object? value)
        {
            switch (value)
            {
                case Tensor t:
                    outputs.Add((t.contiguous().data<float>().ToArray(), t.shape));
                    break;
                case IEnumerable<object?> items:
                    foreach (var item in items)
                    {
                        Flatten(item);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"{Check.Path}: forward returned {value}");
            }
        }
    }

    /// <summary>TorchSharp's output on <paramref name="data"/>.</summary>
    public (float[] Data, long[] Shape) Run(float[] data, long[] shape)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = Module.forward(tensor(data, shape));
        return (output.contiguous().data<float>().ToArray(), output.shape);
    }

    public void Dispose() => Module.Dispose();
}
