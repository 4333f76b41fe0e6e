using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// Functional layers given their weights as parameters or buffers (F.conv1d/2d/3d, F.conv_transpose1d/2d/3d, F.linear,
/// F.batch_norm, F.layer_norm, F.embedding), with positional and keyword stride/padding/dilation/groups and
/// padding='same'/'valid': the tensors are initializers named by their state_dict keys, and ONNX Runtime gives
/// TorchSharp's output to 1e-4 at batch 1 and 3.
/// </summary>
public sealed class FunctionalWeightParityTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "conv1d_positional_groups", "Nx4x10", "Conv", "self.w = nn.Parameter(torch.randn(6, 2, 3)); self.b = nn.Parameter(torch.randn(6))|y = F.conv1d(x, self.w, self.b, 2, 1, 1, 2)|return y" },
        { "conv2d_same_even_kernel_dilated", "Nx3x9x9", "Conv", "self.w = nn.Parameter(torch.randn(5, 3, 4, 3))|y = F.conv2d(x, self.w, padding='same', dilation=(2, 1))|return y" },
        { "conv2d_valid_stride_tuple", "Nx3x9x8", "Conv", "self.w = nn.Parameter(torch.randn(5, 3, 3, 3)); self.b = nn.Parameter(torch.randn(5))|y = F.conv2d(x, self.w, self.b, stride=(2, 1), padding='valid')|return y" },
        { "conv3d_buffer_weight", "Nx2x5x6x6", "Conv", "self.register_buffer('w', torch.randn(4, 2, 3, 3, 3)); self.b = nn.Parameter(torch.randn(4))|y = F.conv3d(x, self.w, self.b, stride=2, padding=(1, 0, 1))|return y" },
        { "conv_transpose1d_output_padding", "Nx4x7", "ConvTranspose", "self.w = nn.Parameter(torch.randn(4, 3, 3)); self.b = nn.Parameter(torch.randn(3))|y = F.conv_transpose1d(x, self.w, self.b, stride=2, padding=1, output_padding=1)|return y" },
        { "conv_transpose2d_positional_groups_dilation", "Nx4x5x5", "ConvTranspose", "self.w = nn.Parameter(torch.randn(4, 2, 3, 3)); self.b = nn.Parameter(torch.randn(4))|y = F.conv_transpose2d(x, self.w, self.b, 2, 1, 1, 2, 2)|return y" },
        { "conv_transpose3d_no_bias", "Nx2x3x4x4", "ConvTranspose", "self.w = nn.Parameter(torch.randn(2, 3, 2, 2, 2))|y = F.conv_transpose3d(x, self.w, stride=2)|return y" },
        { "linear_no_bias_3d", "Nx5x8", "MatMul", "self.w = nn.Parameter(torch.randn(6, 8))|y = F.linear(x, self.w)|return y" },
        { "batch_norm_affine_training_flag", "Nx4x6x6", "BatchNormalization", "self.register_buffer('running_mean', torch.zeros(4)); self.register_buffer('running_var', torch.ones(4)); self.w = nn.Parameter(torch.randn(4)); self.b = nn.Parameter(torch.randn(4))|y = F.batch_norm(x, self.running_mean, self.running_var, self.w, self.b, self.training, 0.1, 1e-3)|return y" },
        { "batch_norm_no_affine_keywords", "Nx4x7", "BatchNormalization", "self.register_buffer('running_mean', torch.zeros(4)); self.register_buffer('running_var', torch.ones(4))|y = F.batch_norm(x, self.running_mean, self.running_var, training=False, eps=1e-3)|return y" },
        { "layer_norm_affine", "Nx5x8", "LayerNormalization", "self.w = nn.Parameter(torch.randn(8)); self.b = nn.Parameter(torch.randn(8))|y = F.layer_norm(x, (8,), self.w, self.b, 1e-6)|return y" },
        { "layer_norm_two_dims_no_affine", "Nx5x8", "LayerNormalization", "self.w = nn.Parameter(torch.randn(8, 8))|y = F.layer_norm(F.linear(x, self.w), [5, 8])|return y" },
        { "embedding_parameter", "Nx5:int64", "Gather", "self.w = nn.Parameter(torch.randn(10, 6))|y = F.embedding(x, self.w)|return y" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FunctionalLayerWithWeightTensorsExportsWithParity(string name, string input, string op, string lines) =>
        InlineModelParity.Assert(name, input, lines, n => n.OpType == op);

    [Fact]
    public void WeightTensorsAreInitializersNamedByTheirStateDictKeysWithTheSameValues()
    {
        var (reference, why) = ReferenceModel.Build(Path.Combine(Repo.Root, "tests/corpus/python/functional_params_ok.py"));
        Assert.True(reference is not null, why);
        using var model = reference;
        var weights = model.Weights();

        var export = OnnxExporter.Export(model.Check.Graph!, weights);

        Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));
        var initializers = export.Model!.Graph.Initializer.ToDictionary(i => i.Name);
        Assert.Equal(["b1", "b2", "b3", "w1", "w2", "w3"], weights.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in weights)
        {
            var initializer = Assert.Contains(key, (IDictionary<string, Onnx.Proto.TensorProto>)initializers);
            Assert.Equal(tensor.Shape, initializer.Dims);
            var values = new float[tensor.Data.Length];
            Buffer.BlockCopy(initializer.RawData.ToByteArray(), 0, values, 0, initializer.RawData.Length);
            Assert.Equal(tensor.Data, values);
        }
    }

    [Theory]
    [InlineData("F.batch_norm(x, self.running_mean, self.running_var, training=True)", "training=True")]
    [InlineData("F.batch_norm(x, None, None)", "without running statistics")]
    public void BatchNormWithTheBatchsOwnStatisticsIsRefused(string call, string reason)
    {
        using var folder = new TempFolder();
        var path = folder.File("bn.py");
        var source = $$"""
            import torch
            import torch.nn as nn
            import torch.nn.functional as F


            # shapesafe: input Nx4x6
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.register_buffer('running_mean', torch.zeros(4))
                    self.register_buffer('running_var', torch.ones(4))

                def forward(self, x):
                    return {{call}}
            """;
        File.WriteAllText(path, source);
        var check = CheckService.Check(path, source);
        Assert.False(check.HasErrors);
        var weights = new Dictionary<string, NamedTensor>
        {
            ["running_mean"] = new([4], new float[4]),
            ["running_var"] = new([4], [1, 1, 1, 1]),
        };

        var export = OnnxExporter.Export(check.Graph!, weights);

        var diagnostic = Assert.Single(export.Diagnostics);
        Assert.Equal("SS0250", diagnostic.Descriptor.Code);
        Assert.Contains("torch.nn.functional.batch_norm", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(reason, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("(line 14)", diagnostic.Message, StringComparison.Ordinal);
    }
}
