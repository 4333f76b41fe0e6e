namespace ShapeSafe.Layers.Dropout;

/// <summary>nn.Dropout(p=0.5, inplace=False): element-wise, any input shape.</summary>
public sealed class DropoutRule : DropoutRuleBase
{
    public override string Type => "Dropout";
}
