namespace ShapeSafe.Tests.TestSupport;

/// <summary>A theory that is skipped (with the reason shown) where <c>/usr/bin/python3 -c "import torch"</c> fails.</summary>
public sealed class PyTorchTheoryAttribute : TheoryAttribute
{
    public PyTorchTheoryAttribute()
    {
        if (!PyTorchSide.IsAvailable)
        {
            Skip = $"PyTorch is not installed for {PyTorchSide.Python} (apt-get install python3-torch)";
        }
    }
}
