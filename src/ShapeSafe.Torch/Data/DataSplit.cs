namespace ShapeSafe.Torch.Data;

/// <summary>Which part of a data set to read: IDX folders hold both (train-* and t10k-* files).</summary>
public enum DataSplit
{
    Train,
    Test,
}
