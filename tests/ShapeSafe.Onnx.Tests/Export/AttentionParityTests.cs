using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// nn.MultiheadAttention (its weights head-averaged or per head; key_padding_mask and attn_mask 2-D or 3-D, bool or
/// float; an unbatched 2-D query as batch 1), nn.TransformerEncoderLayer (post-norm and pre-norm, relu and gelu,
/// batch_first or sequence-first) and nn.TransformerEncoder (stacked, with a final norm), the encoders also with
/// src_mask / mask and src_key_padding_mask (bool and float, 2-D and 3-D) export and give TorchSharp's
/// output on ONNX Runtime to 1e-4 at batch 1 and 3.
/// </summary>
public sealed class AttentionParityTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "encoder_layer_post_norm", "self.enc = nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, batch_first=True)|y = self.enc(x)|return y" },
        { "encoder_layer_pre_norm_gelu_sequence_first", "self.enc = nn.TransformerEncoderLayer(16, 4, 32, activation='gelu', norm_first=True)|y = self.enc(x.permute(1, 0, 2))|return y.permute(1, 0, 2)" },
        { "encoder_stacked_with_norm", "self.enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4, 32, batch_first=True), num_layers=2, norm=nn.LayerNorm(16))|y = self.enc(x)|return y" },
        { "encoder_layer_float_src_mask", "self.enc = nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, batch_first=True)|y = self.enc(x, x[0, :, :5])|return y" },
        { "encoder_layer_bool_padding_sequence_first", "self.enc = nn.TransformerEncoderLayer(16, 4, 32, norm_first=True)|y = self.enc(x.permute(1, 0, 2), src_key_padding_mask=x[:, :, 0] > 0.8)|return y.permute(1, 0, 2)" },
        { "encoder_layer_bool_3d_src_mask_and_padding", "self.enc = nn.TransformerEncoderLayer(16, 4, 32, batch_first=True)|m = x[:, :, :5]; y = self.enc(x, torch.cat([m, m, m, m], 0) > 0.8, x[:, :, 1] > 0.8)|return y" },
        { "encoder_stacked_masks", "self.enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4, 32, batch_first=True), num_layers=2, norm=nn.LayerNorm(16))|y = self.enc(x, mask=x[0, :, 1:6] > 0.8, src_key_padding_mask=x[:, :, 2] * 3)|return y" },
        { "multihead_attention_batch_first", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|out, w = self.attn(x, x, x)|return out" },
        { "multihead_attention_averaged_weights", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|out, w = self.attn(x, x * 0.5, x, need_weights=True)|return out, w" },
        { "multihead_attention_weights_per_head", "self.attn = nn.MultiheadAttention(16, 4)|out, w = self.attn(x.transpose(0, 1), x.transpose(0, 1), x.transpose(0, 1), average_attn_weights=False)|return out.transpose(0, 1), w" },
        { "multihead_attention_bool_key_padding_mask", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|out, w = self.attn(x, x, x, key_padding_mask=x[:, :, 0] > 0.5)|return out, w" },
        { "multihead_attention_float_attn_mask", "self.attn = nn.MultiheadAttention(16, 2)|q = x.transpose(0, 1); out, w = self.attn(q, q, q, attn_mask=x[0, :, :5])|return out.transpose(0, 1), w" },
        { "multihead_attention_bool_3d_attn_mask_and_padding", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|m = x[:, :, :5]; out, w = self.attn(x, x, x, x[:, :, 1] > 0.7, True, torch.cat([m, m, m, m], 0) > 0.7)|return out, w" },
        { "multihead_attention_float_key_padding_mask", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|out, w = self.attn(x, x, x, key_padding_mask=x[:, :, 2] * 3, average_attn_weights=False)|return out, w" },
        { "multihead_attention_sliced_bool_masks", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|m = x > 0.8; out, w = self.attn(x, x, x, key_padding_mask=m[:, :, 0], attn_mask=m[0, :, 1:6])|return out, w" },
        { "multihead_attention_bool_factory_mask", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|m = torch.cat([torch.zeros(5, 4, dtype=torch.bool), torch.ones(5, 1, dtype=torch.bool)], 1); out, w = self.attn(x, x, x, attn_mask=m, key_padding_mask=torch.zeros(x.size(0), 5, dtype=torch.bool))|return out, w" },
        { "multihead_attention_unbatched", "self.attn = nn.MultiheadAttention(16, 4)|q = x[0]; out, w = self.attn(q, q * 0.5, q)|return x + out, w" },
        { "multihead_attention_unbatched_masks_per_head", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|q = x[0]; m = (q[:, 1:6] > 0.7).unsqueeze(0); out, w = self.attn(q, q, q, key_padding_mask=q[:, 0] > 0.5, attn_mask=torch.cat([m, m, m, m], 0), average_attn_weights=False)|return x * out, w" },
        { "multihead_attention_unbatched_float_attn_mask", "self.attn = nn.MultiheadAttention(16, 2)|q = x[0]; out, w = self.attn(q, q, q, None, True, q[:, :5] * 3)|return x - out, w" },
        { "multihead_attention_sequence_first", "self.attn = nn.MultiheadAttention(16, 2)|out, _ = self.attn(x.permute(1, 0, 2), x.permute(1, 0, 2), x.permute(1, 0, 2))|return out.permute(1, 0, 2)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AttentionLayerExportsWithParity(string name, string lines) =>
        InlineModelParity.Assert(name, "Nx5x16", lines, n => n.OpType == "Softmax");
}
