using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Sizes of tensors must match except in dimension 1. Expected size 48 but got size 49 for tensor number 1 in the list.</c>:
/// torch.cat of tensors whose other dimensions differ, typically a U-Net skip connection after a pooling floored an odd size.
/// </summary>
public sealed partial class CatSizeRecognizer : IMessageRecognizer
{
    public string Kind => "cat-size-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } dim || SizeList.Long(m.Groups[2].Value) is not { } expected
            || SizeList.Long(m.Groups[3].Value) is not { } got || SizeList.Long(m.Groups[4].Value) is not { } index)
        {
            return null;
        }

        var notes = new List<string>
        {
            $"The expected size {expected} is the first tensor's (number 0 in the list); PyTorch does not say in which dimension the sizes differ, only that it is not dimension {dim}, the one being concatenated.",
        };
        var (small, large) = (Math.Min(expected, got), Math.Max(expected, got));
        if (large - small == 1 && small > 0 && large % 2 == 1)
        {
            notes.Add($"{small} and {large} differ by 1: {large} is odd, so a 2x pooling (or stride-2 convolution) floored it to {large / 2}, and a 2x upsampling gave back {small}, not {large}. "
                + "This is the U-Net skip-connection mismatch: the encoder's map and the upsampled decoder map differ by one pixel.");
        }
        else if (large - small == 1 && small > 0)
        {
            notes.Add($"{small} and {large} differ by 1: one path changes the size by one pixel more than the other (a convolution without padding, an even kernel, or a pooling with ceil_mode).");
        }
        else if (small > 0 && large % small == 0)
        {
            notes.Add($"{large} = {large / small} x {small}: one tensor has been down- or upsampled {large / small}x more than the other (a pooling or stride too many or too few on one path).");
        }

        var fixes = new List<string>
        {
            $"Crop the larger tensor to the smaller before torch.cat: e.g. skip[..., :{small}, :{small}] (or a center crop, torchvision.transforms.functional.center_crop(skip, [{small}, {small}])).",
            $"Or pad the smaller one: F.pad(x, [0, {large - small}, 0, {large - small}]) (or F.interpolate(x, size=skip.shape[2:])) so that both are {large}.",
            "Or avoid odd sizes: use padding=1 in the 3x3 convolutions (so they keep the size) and an input whose sides are divisible by 2^(number of poolings).",
        };

        return new Explanation
        {
            Kind = Kind,
            Title = "torch.cat of tensors whose sizes differ outside the concatenated dimension",
            Summary = $"torch.cat along dimension {dim} needs every other dimension to be equal, but tensor number {index} has size {got} where the first tensor has {expected}.",
            Numbers =
            [
                new("cat_dimension", dim, "the dimension being concatenated (dim=...): the only one where sizes may differ (1: channels)"),
                new("expected_size", expected, "the first tensor's size in the dimension that differs"),
                new("got_size", got, $"tensor number {index}'s size in that dimension"),
                new("tensor_index", index, "position of the mismatching tensor in the list passed to torch.cat (0-based)"),
            ],
            Cause = "The tensors come from paths that changed their spatial size differently: in a U-Net, an odd encoder map floored by pooling and then upsampled, or convolutions without padding that shrink the maps (the original U-Net crops the skip for that reason).",
            Fixes = fixes,
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Sizes of tensors must match except in dimension ([0-9]{1,19})\. Expected size ([0-9]{1,19}) but got size ([0-9]{1,19}) for tensor number ([0-9]{1,19}) in the list", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
