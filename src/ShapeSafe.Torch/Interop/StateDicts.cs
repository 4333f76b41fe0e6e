using ShapeSafe.Interop;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Interop;

/// <summary>A built module's state_dict as PyTorch names it: parameters and buffers (BatchNorm's running statistics and num_batches_tracked) in module order.</summary>
public static class StateDicts
{
    public static IReadOnlyList<ExpectedTensor> Expected(nn.Module module) =>
        module.state_dict().Select(p => new ExpectedTensor(p.Key, p.Value.shape)).ToList();
}
