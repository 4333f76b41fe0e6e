namespace ShapeSafe.Torch.Training;

/// <summary>The optimizers train offers: Adam (default lr 1e-3) or SGD with momentum 0.9 (default lr 1e-2).</summary>
public enum OptimizerKind
{
    Adam,
    Sgd,
}
