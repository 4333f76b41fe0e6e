namespace ShapeSafe.Tests.TestSupport;

/// <summary>A fact that is skipped (with the reason shown) where <c>/usr/bin/python3 -c "import torch"</c> fails.</summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        if (!PyTorchSide.IsAvailable)
        {
            Skip = $"PyTorch is not installed for {PyTorchSide.Python} (apt-get install python3-torch)";
        }
    }
}
