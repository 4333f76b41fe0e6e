namespace ShapeSafe.Tests.TestSupport;

/// <summary>A fact that is skipped (with the reason shown) where Fashion-MNIST is not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsInstalled)
        {
            Skip = $"Fashion-MNIST is not installed at {FashionMnist.Folder} (apt-get install dataset-fashion-mnist)";
        }
    }
}
