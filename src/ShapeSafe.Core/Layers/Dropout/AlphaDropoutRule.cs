namespace ShapeSafe.Layers.Dropout;

/// <summary>nn.AlphaDropout(p=0.5, inplace=False): element-wise (keeps SELU's self-normalization), any input shape.</summary>
public sealed class AlphaDropoutRule : DropoutRuleBase
{
    public override string Type => "AlphaDropout";
}
