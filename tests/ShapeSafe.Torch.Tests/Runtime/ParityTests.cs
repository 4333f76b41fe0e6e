using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime;

/// <summary>
/// GraphModule against PyTorch: tests/corpus/parity.py saves each model's state_dict, a random input and its eval-mode
/// output (once for all models, <see cref="ParityFixture"/>); the GraphModule loads that state_dict (TorchSharp.PyBridge)
/// and must give the same output within 1e-5 (relative to the output's largest value where that is above 1).
/// </summary>
public sealed class ParityTests(ParityFixture fixture) : IClassFixture<ParityFixture>
{
    /// <summary>
    /// The corpus models whose forward the runtime runs and matches PyTorch. The other *_ok.py model, and why: conv_vae
    /// (samples with torch.randn_like in forward: its output depends on the random generator, not only on the weights).
    /// runtime/sequence_layers_ok.py runs the sequence layers' variants the corpus does not use (GRU, RNN, MultiheadAttention
    /// called directly, a pre-norm GELU TransformerEncoder with a final norm, Embedding with padding_idx);
    /// runtime/encoder_masks_ok.py the encoders with src_mask / mask and src_key_padding_mask and an unbatched MultiheadAttention;
    /// runtime/ops_structural_*_ok.py the structural ops (reductions, the matmul family, shape ops, 3-D and torch.* pooling,
    /// group norm, torch.* conv and norms, deterministic factories); runtime/ops_variance_ok.py var and std in every overload;
    /// runtime/named_tuples_ok.py the (values, indices) results read as .values and .indices;
    /// runtime/ops_elementwise_*_ok.py the element-wise ops (activations, math, casts and fills, binary ops) in every spelling.
    /// </summary>
    public static readonly string[] Files =
    [
        "python/alexnet_cifar_ok.py",
        "python/alexnet_ok.py",
        "python/cifar_tutorial_ok.py",
        "python/concat_pool_head_ok.py",
        "python/conv_autoencoder_ok.py",
        "python/convnext_block_ok.py",
        "python/crnn_ocr_ok.py",
        "python/crop_slice_branch_ok.py",
        "python/dcgan_discriminator_ok.py",
        "python/dcgan_generator_ok.py",
        "python/denoise_skip_autoencoder_ok.py",
        "python/densenet_block_ok.py",
        "python/densenet_modulelist_ok.py",
        "python/dummy_forward_numel_ok.py",
        "python/efficientnet_mbconv_ok.py",
        "python/fpn_upsample_ok.py",
        "python/functional_mlp_ok.py",
        "python/functional_params_ok.py",
        "python/gan_mlp_generator_ok.py",
        "python/get_conv_output_ok.py",
        "python/glu_chunk_ok.py",
        "python/googlenet_small_ok.py",
        "python/inception_block_ok.py",
        "python/keepdim_head_ok.py",
        "python/kim_cnn_ok.py",
        "python/lenet5_ok.py",
        "python/m5_audio_ok.py",
        "python/mha_matmul_ok.py",
        "python/mnist_cnn_ok.py",
        "python/mnist_legacy_ok.py",
        "python/mobilenet_v1_ok.py",
        "python/mobilenet_v2_ok.py",
        "python/moduledict_multitask_ok.py",
        "python/modulelist_mlp_ok.py",
        "python/multimodal_fusion_ok.py",
        "python/normalize_buffer_ok.py",
        "python/pointnet_ok.py",
        "python/preact_resnet_ok.py",
        "python/resnet18_cifar_ok.py",
        "python/resnet18_imagenet_ok.py",
        "python/resnet50_bottleneck_ok.py",
        "python/resnext_grouped_ok.py",
        "python/sagan_attention_ok.py",
        "python/se_mean_broadcast_ok.py",
        "python/se_resnet_ok.py",
        "python/seg_decoder_upsample_ok.py",
        "python/sequential_from_config_ok.py",
        "python/shufflenet_v2_ok.py",
        "python/siamese_ok.py",
        "python/spectrogram_cnn_ok.py",
        "python/tcn_chomp_ok.py",
        "python/text_cnn_conv1d_ok.py",
        "python/unet_crop_ok.py",
        "python/unet_interp_ok.py",
        "python/unet_pad_ok.py",
        "python/vgg_bn_cfg_ok.py",
        "python/vgg_cfg_ok.py",
        "python/vit_pos_embedding_ok.py",
        "python/waveform_unsqueeze_ok.py",
        "python/wide_resnet_ok.py",
        "runtime/encoder_masks_ok.py",
        "runtime/inplace_reshape_ok.py",
        "runtime/named_tuples_ok.py",
        "runtime/ops_elementwise_activations_ok.py",
        "runtime/ops_elementwise_binary_ok.py",
        "runtime/ops_elementwise_math_ok.py",
        "runtime/ops_structural_layers_ok.py",
        "runtime/ops_structural_matmul_ok.py",
        "runtime/ops_structural_reduce_ok.py",
        "runtime/ops_variance_ok.py",
        "runtime/sequence_layers_ok.py",
        "runtime/training_mode_ok.py",
        "runtime/two_inputs_ok.py",
    ];

    /// <summary>
    /// Models whose forward differs per mode (<c>if self.training:</c> and its variants), dropout-free: their training-mode
    /// output (BatchNorm on batch statistics) must match PyTorch's too.
    /// </summary>
    public static readonly string[] TrainModeFiles =
    [
        "runtime/training_mode_ok.py",
    ];

    public static TheoryData<string> TrainMode => [.. TrainModeFiles];

    public static TheoryData<string> Runnable => [.. Files];

    [PythonTorchTheory]
    [MemberData(nameof(Runnable))]
    public void OutputMatchesPyTorchInEvalMode(string file)
    {
        var folder = fixture.FolderOf(file);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")));
        var built = Corpus.Build(file);
        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        module.load_py(Path.Combine(folder, "state_dict.pt"));
        module.eval();

        using var scope = NewDisposeScope();
        var inputs = meta.RootElement.GetProperty("inputs").EnumerateArray()
            .Select((e, i) => Read(Path.Combine(folder, $"input{i}.bin"), Shape(e.GetProperty("shape")), e.GetProperty("dtype").GetString()!)).ToArray();
        using var noGrad = no_grad();
        var result = module.Run(inputs);
        var outputs = result is Tensor t ? [t] : ((IReadOnlyList<object?>)result!).Cast<Tensor>().ToList();
        var expectedShapes = meta.RootElement.GetProperty("outputs").EnumerateArray().Select(Shape).ToList();
        Assert.Equal(expectedShapes.Count, outputs.Count);
        for (var i = 0; i < outputs.Count; i++)
        {
            var dtype = meta.RootElement.TryGetProperty("output_dtypes", out var dtypes) ? dtypes[i].GetString()! : "float32";
            var expected = Read(Path.Combine(folder, $"output{i}.bin"), expectedShapes[i], dtype);
            Assert.Equal(expected.shape, outputs[i].shape);
            Assert.Equal(expected.dtype, outputs[i].dtype);
            var tolerance = 1e-5 * Math.Max(1.0, expected.abs().max().to(ScalarType.Float32).item<float>());
            var difference = (outputs[i] - expected).abs().max().to(ScalarType.Float32).item<float>();
            Assert.True(difference <= tolerance, $"{file} output {i}: max abs difference {difference} > {tolerance}");
        }
    }

    [PythonTorchTheory]
    [MemberData(nameof(TrainMode))]
    public void OutputMatchesPyTorchInTrainingMode(string file)
    {
        var folder = fixture.FolderOf(file);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")));
        var built = Corpus.Build(file);
        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        Assert.NotNull(module.TrainingGraph);
        module.load_py(Path.Combine(folder, "state_dict.pt"));
        module.train();

        using var scope = NewDisposeScope();
        var inputs = meta.RootElement.GetProperty("inputs").EnumerateArray()
            .Select((e, i) => Read(Path.Combine(folder, $"input{i}.bin"), Shape(e.GetProperty("shape")), e.GetProperty("dtype").GetString()!)).ToArray();
        using var noGrad = no_grad();
        var result = module.Run(inputs);
        var outputs = result is Tensor t ? [t] : ((IReadOnlyList<object?>)result!).Cast<Tensor>().ToList();
        var expectedShapes = meta.RootElement.GetProperty("outputs").EnumerateArray().Select(Shape).ToList();
        Assert.Equal(expectedShapes.Count, outputs.Count);
        for (var i = 0; i < outputs.Count; i++)
        {
            var expected = Read(Path.Combine(folder, $"train_output{i}.bin"), expectedShapes[i], "float32");
            var evalOutput = Read(Path.Combine(folder, $"output{i}.bin"), expectedShapes[i], "float32");
            Assert.True((expected - evalOutput).abs().max().item<float>() > 1e-3, $"{file}: the modes should give different outputs");
            var tolerance = 1e-5 * Math.Max(1.0, expected.abs().max().item<float>());
            var difference = (outputs[i] - expected).abs().max().item<float>();
            Assert.True(difference <= tolerance, $"{file} training-mode output {i}: max abs difference {difference} > {tolerance}");
        }
    }

    private static long[] Shape(JsonElement e) => [.. e.EnumerateArray().Select(d => d.GetInt64())];

    private static Tensor Read(string path, long[] shape, string dtype)
    {
        var bytes = File.ReadAllBytes(path);
        return dtype == "int64"
            ? tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape)
            : tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape);
    }
}
