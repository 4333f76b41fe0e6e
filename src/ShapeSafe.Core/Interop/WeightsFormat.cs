namespace ShapeSafe.Interop;

/// <summary>The state_dict file formats ShapeSafe reads and writes.</summary>
public enum WeightsFormat
{
    /// <summary>torch.save's zip archive (.pt, .pth): data.pkl plus one record per storage.</summary>
    TorchSave,

    /// <summary>Hugging Face safetensors: a little-endian u64 header length, a JSON index, then the data.</summary>
    Safetensors,
}
