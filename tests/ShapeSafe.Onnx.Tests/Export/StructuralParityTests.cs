using Google.Protobuf;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Proto;
using ShapeSafe.Onnx.Runtime;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// Issue #9, second round: the structural ops the graph runtime runs (reductions, sorts, matrix products, dim moves,
/// joins and splits, 3-D and torch.* pools, group_norm, torch.* layers, factories), one row per family, each exported
/// and run on ONNX Runtime against the TorchSharp graph runtime (two batch sizes, 1e-4) and through the ONNX checker.
/// Integer results are returned as .float(); ties (argmax rows of 0..2) check the sort's stable order.
/// </summary>
public sealed class StructuralParityTests
{
    private const string Affine = "self.w = nn.Parameter(torch.randn(4, 4)); self.b = nn.Parameter(torch.randn(4))";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "all_any", "Nx3x8", "pass|a = torch.all(x > -0.9, dim=1, keepdim=True).float(); c = (x > 0.5).any(-1, keepdim=True).float()|return x * a + c, x.any().float(), torch.any(x > 2).float(), x.all(2).float()", "ReduceMin" },
        { "argmin", "Nx3x8", "pass|y = x.argmin(dim=-1, keepdim=True) + x.argmin(1, keepdim=True)|return x + y, torch.argmin(x).float(), x.argmin(keepdim=True).float()", "ArgMin" },
        { "prod_logsumexp", "Nx3x8", "pass|i = torch.arange(1, 7).view(2, 3)|return x + torch.prod(x, 1, keepdim=True) + torch.logsumexp(x, dim=2, keepdim=True), x.prod() * 1000, x.logsumexp((1, 2)), i.prod(dim=1).float(), i.prod().float(), torch.prod(i, 0, dtype=torch.float32)", "ReduceProd" },
        { "nansum_nanmean", "Nx3x8", "pass|w = torch.sqrt(x)|return torch.nansum(w, dim=2, keepdim=True) + w.nanmean(1, keepdim=True), torch.nanmean(w), w.nansum(), torch.nansum(w, dim=(0, 1)), x.argmax(1).nansum(0).float()", "IsNaN" },
        { "count_nonzero", "Nx3x8", "pass|a = x.argmax(1)|return torch.count_nonzero(a, dim=0).float(), a.count_nonzero().float(), torch.count_nonzero(x > 0, dim=(1, 2)).float()", "ReduceSum" },
        { "norm", "Nx3x8", "pass|y = x.norm(dim=1, keepdim=True) + x.norm(float('inf'), dim=-1, keepdim=True) + x.norm(3, dim=2, keepdim=True)|return y, torch.norm(x, p=1, dim=(1, 2)), torch.norm(x), torch.norm(x, float('-inf'), 1), x.norm(0, 2), x.norm('fro', (1, 2))", "ReduceL2" },
        { "sort_argsort", "Nx3x8", "pass|v, i = torch.sort(x, dim=1, descending=True); w, j = x.sort()|return v + w + i + j, x.argsort(dim=2).float(), torch.argsort(x, dim=1, descending=True).float(), torch.sort(x, 0)[1].float()", "TopK" },
        { "sort_ties_stable", "Nx3x8", "pass|a = x.argmax(1); s, t = a.sort(); u, v = torch.sort(a, dim=1, descending=True)|return s.float(), t.float(), u.float(), v.float(), torch.argsort(a, dim=1, descending=True).float(), a.argsort(0).float()", "TopK" },
        { "sort_nan_last", "Nx3x8", "pass|w = torch.sqrt(x); v, i = w.sort(dim=2); u, j = w.sort(dim=2, descending=True)|return v, i.float(), u, j.float(), torch.argsort(w, 1).float()", "IsNaN" },
        { "topk", "Nx3x8", "pass|v, i = x.topk(3, dim=-1); w, j = torch.topk(x, 2, dim=1, largest=False)|return v, i.float(), w, j.float(), torch.topk(x, 1)[0]", "TopK" },
        { "kthvalue", "Nx3x8", "pass|v, i = torch.kthvalue(x, 2, dim=1); w, j = x.kthvalue(5, -1, keepdim=True)|return v, i.float(), w, j.float(), x.kthvalue(1)[0]", "TopK" },
        { "median", "Nx3x8", "pass|v, i = x.median(dim=1); w, j = torch.median(x, -1, keepdim=True)|return v, i.float(), w, j.float(), x.median(), torch.median(x, 0)[1].float()", "TopK" },
        { "median_ties_and_nan", "Nx3x8", "pass|a = x.argmax(1); w = torch.sqrt(x); v, i = a.median(1); m, k = w.median(dim=2, keepdim=True); n, l = torch.nanmedian(w, dim=2)|return v.float(), i.float(), m, k.float(), n, l.float(), torch.nanmedian(w), w.nanmedian(-1)[0], a.median().float()", "TopK" },
        { "mode", "Nx3x8", "pass|a = x.argmax(1); v, i = torch.mode(a, 1); w, j = a.mode(0, keepdim=True)|return v.float(), i.float(), w.float(), j.float(), a.mode()[1].float(), x.argmax(2).mode(dim=0)[0].float()", "Range" },
        { "addmm", "Nx4", Affine + "|y = torch.addmm(self.b, x, self.w) + x.addmm(x, self.w, beta=0.5, alpha=2.0)|return y, torch.addmm(x, x, self.w, beta=0)", "MatMul" },
        { "baddbmm", "Nx3x4", Affine + "|y = torch.baddbmm(x, x, self.w.expand(x.size(0), 4, 4), alpha=0.5)|return y, x[:, :, :3].baddbmm(x, x.transpose(1, 2), beta=2.0)", "MatMul" },
        { "vector_products", "Nx4", Affine + "|a = x[0]|return x + torch.dot(a, self.b) + a.dot(self.b) + torch.mv(self.w, a) + self.w.mv(self.b) + torch.inner(a, self.b), torch.outer(a, self.b), a.outer(a), torch.ger(self.b, a), a.ger(self.b), torch.arange(4).dot(torch.arange(4)).float()", "Einsum" },
        { "einsum", "Nx3x4", Affine + "|y = torch.einsum('bij->bji', x); z = torch.einsum('bij,jk->bik', [x, self.w])|return y, z, torch.einsum('bi j , b k j -> b i k', x, x), torch.einsum('...j,j', x, self.b)", "Einsum" },
        { "dunder_matmul", "Nx3x4", Affine + "|y = x.__matmul__(self.w)|return y, self.w.__matmul__(self.b)", "MatMul" },
        { "dim_moves", "Nx3x8", "pass|y = x.movedim(1, -1).movedim(-1, 1) + torch.moveaxis(x, (0, 1), (2, 0)).permute(2, 0, 1) + x.swapaxes(0, 2).swapdims(0, 2) + torch.swapdims(x, 1, 2).transpose(1, 2)|return y, torch.swapaxes(x, 1, 2), x.moveaxis(2, 0), torch.movedim(x, (2, 1), (0, 2))", "Transpose" },
        { "t", "Nx4", Affine + "|y = x.t()|return y, torch.t(self.b) + x, x @ torch.t(self.w), x.t().t()", "Transpose" },
        { "in_place_reshapes", "Nx3x8", "pass|y = x * 2.0; y.unsqueeze_(0); y.transpose_(1, 3); y.squeeze_(0); z = y.sum(2); z.t_()|return y, z, x.inner(x[0]), x[0, 0].inner(x[0, 1])", "Transpose" },
        { "tile", "Nx3x8", "pass|y = x.tile((2,))[:, :, :8] + torch.tile(x, (1, 2, 1))[:, 3:] + x[0].tile(1, 1, 1, 1)[0]|return y, torch.tile(x, (2, 1, 1, 1)), x.tile(1, 1, 2)", "Tile" },
        { "unflatten", "Nx3x8", "pass|y = torch.unflatten(x, 2, (2, 4))|return y, x.unflatten(-1, (2, -1)), x.unflatten(1, (1, 3))", "Reshape" },
        { "hstack_vstack", "Nx3x8", "pass|a = x[0]|return torch.hstack((x, x)), torch.vstack((a, a[0])), torch.hstack([a[0], a[1]]), torch.vstack([x, x]), torch.hstack([a[0, 0], a[1, 1]]), torch.vstack((a[0, 0], a[1, 1]))", "Concat" },
        { "tensor_split", "Nx3x8", "pass|parts = torch.tensor_split(x, 3, dim=2); at = x.tensor_split([1, 3], dim=-1); b = torch.tensor_split(x, [2, -1, 9], 2)|return parts[0], parts[1], parts[2], at[0], at[1], at[2], b[1], b[2], x.tensor_split(2, 1)[1]", "Slice" },
        { "pools_3d", "Nx2x4x6x6", "pass|m = F.max_pool3d(x, (2, 3, 3), stride=1, padding=1)|return m, F.avg_pool3d(x, 2, stride=(1, 2, 2), count_include_pad=False), F.avg_pool3d(x, 3, padding=1, ceil_mode=True), F.adaptive_avg_pool3d(x, (1, None, 2)), F.adaptive_max_pool3d(x, 1), F.adaptive_max_pool3d(x, (2, 3, 3)), torch.max_pool3d(x, (1, 2, 2))", "MaxPool" },
        { "torch_pool_aliases", "Nx4x12", "pass|y = torch.max_pool1d(x, 3)|return y, torch.avg_pool1d(x, 4, 2), torch.adaptive_avg_pool1d(x, 7), torch.max_pool2d(x.unsqueeze(1), 2, 1, 1), torch.max_pool1d(x, 2, 1, 1, 1, True)", "AveragePool" },
        { "group_norm", "Nx4x3x5", "self.gamma = nn.Parameter(torch.randn(4)); self.beta = nn.Parameter(torch.randn(4))|y = F.group_norm(x, 2, self.gamma, self.beta)|return y, torch.group_norm(x, 1), F.group_norm(x, 4, eps=1e-3), F.group_norm(x.flatten(2), 2, self.gamma)", "InstanceNormalization" },
        { "torch_layers", "Nx4x6x6", "self.w = nn.Parameter(torch.randn(4, 4, 3, 3)); self.w1 = nn.Parameter(torch.randn(4, 4, 3)); self.w3 = nn.Parameter(torch.randn(2, 4, 1, 3, 3)); self.wt = nn.Parameter(torch.randn(4, 2, 2, 2)); self.g = nn.Parameter(torch.randn(4)); self.register_buffer('mean', torch.randn(4)); self.register_buffer('var', torch.rand(4) + 0.5)|y = torch.conv2d(x, self.w, padding=1)|return y, torch.conv1d(x.flatten(2), self.w1, None, 2), torch.conv3d(x.unsqueeze(2), self.w3, stride=2), torch.conv_transpose2d(x, self.wt, stride=2), torch.conv_transpose1d(x.flatten(2), self.w1, stride=2), torch.conv_transpose3d(x.unsqueeze(2), self.w3.transpose(0, 1).contiguous()), torch.layer_norm(x, [6, 6], eps=1e-4), torch.batch_norm(x, self.g, self.g, self.mean, self.var, False, 0.1, 1e-5, False)", "Conv" },
        { "literals", "Nx3x4", "pass|s = torch.tensor([[1.0, 2.0, 3.0, 4.0]]); c = torch.as_tensor([[1, 2, 3, 4]]); f = torch.FloatTensor([0.5, 1.5, 2.5, 3.5]); l = torch.LongTensor([7, 8, 9, 10]); k = torch.tensor(3.5)|return x * s + c + f + l * k, torch.as_tensor(x) + torch.tensor(x, dtype=torch.float32), torch.tensor([True, False, True, False]).float() + x, torch.tensor([1, 2, 3, 4], dtype=torch.float32) + x, torch.tensor(c, dtype=torch.float32) + x", "Mul" },
        { "filled", "Nx3x4", "pass|i = torch.arange(4)|return x + torch.full_like(x, 2.5), torch.full_like(x, 7, dtype=torch.int64).float(), x.new_zeros((3, 4)) + x, x.new_ones(3, 4) + x, i.new_zeros(4).float(), torch.full_like(i, 2.5).float(), x.new_ones(x.size(0), 3, 4) * x, x.new_full((3, 4), 1.25) + x, x.new_full([4], fill_value=2) + x", "ConstantOfShape" },
        { "spaced", "Nx5", "pass|y = x + torch.linspace(0, 1, 5) + torch.linspace(-2.0, 3.0, steps=5)|return y, torch.logspace(0, 2, 5) + x, torch.logspace(0, 1, 5, base=2) + x, torch.linspace(0, 1, 7) + x[:, :1], torch.linspace(3, 3, 1) + x", "Add" },
        { "abs_dim_nelement", "Nx3x8", "pass|y = abs(x) * x.dim() + x[0].nelement() * 0.01 + torch.Tensor.dim(x)|return y", "Abs" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportMatchesTheGraphRuntime(string name, string input, string lines, string op) =>
        InlineModelParity.Assert(name, input, lines, n => n.OpType == op);

    [PythonOnnxTheory]
    [MemberData(nameof(Cases))]
    public void ExportedFilePassesTheFullCheck(string name, string input, string lines, string op) =>
        InlineModelParity.AssertFullCheck(name, input, lines, op);

    /// <summary>torch.empty/empty_like/new_empty leave memory uninitialised (any value is right): the export gives zeros, so x comes back as it is.</summary>
    [Fact]
    public void EmptyTensorsAreZeros()
    {
        var (model, export) = InlineModelParity.Export("empty", "Nx3x4", "pass|y = torch.empty(3, 4); z = torch.empty_like(x); w = x.new_empty(3, 4)|return x + y + z + w");
        model.Dispose();
        using var folder = new TempFolder();
        var path = folder.File("empty.onnx");
        File.WriteAllBytes(path, export.ToByteArray());
        using var onnx = OnnxModel.Load(path);
        var input = Enumerable.Range(0, 24).Select(i => i * 0.25f).ToArray();

        var output = onnx.Run(input, [2, 3, 4]);

        Assert.Equal([2, 3, 4], output.Shape);
        Assert.Equal(input, output.Data);
    }

    public static TheoryData<string, string, string, double, double, double> Draws => new()
    {
        // name, forward, ONNX op, the least and the greatest value, the mean.
        { "randint_fixed", "pass|y = x * 0 + torch.randint(0, 10, (64, 64)).float()|return y", "RandomUniform", 0, 9, 4.5 },
        { "randint_high_only_batch", "pass|y = torch.randint(5, (x.size(0), 64, 64)).float()|return y", "RandomUniformLike", 0, 4, 2 },
        { "randint_size_keyword", "pass|y = x * 0 + torch.randint(-3, 2, size=(64, 64), dtype=torch.int64)|return y", "RandomUniform", -3, 1, -1 },
        { "randint_like_float", "pass|y = torch.randint_like(x, 3, 7)|return y", "RandomUniformLike", 3, 6, 4.5 },
        { "bernoulli", "pass|y = torch.bernoulli(x * 0 + 0.25)|return y", "RandomUniformLike", 0, 1, 0.25 },
    };

    /// <summary>randint/randint_like draw every integer of [low, high) (and no other value); bernoulli draws 1 with the input's probability.</summary>
    [Theory]
    [MemberData(nameof(Draws))]
    public void RandomIntegersHavePyTorchsRange(string name, string lines, string op, double least, double greatest, double mean)
    {
        var (model, export) = InlineModelParity.Export(name, "Nx64x64", lines);
        model.Dispose();
        Assert.Contains(export.Graph.Node, n => n.OpType == op);
        using var folder = new TempFolder();
        var path = folder.File(name + ".onnx");
        File.WriteAllBytes(path, export.ToByteArray());
        using var onnx = OnnxModel.Load(path);
        foreach (var batch in new long[] { 1, 3 })
        {
            var output = onnx.Run(new float[batch * 64 * 64], [batch, 64, 64]);

            Assert.Equal([batch, 64, 64], output.Shape);
            Assert.All(output.Data, v => Assert.True(v >= least && v <= greatest && v == Math.Floor(v), $"{name}: {v}"));
            Assert.Contains((float)least, output.Data);
            Assert.Contains((float)greatest, output.Data);
            // Five standard errors of the mean of 4096 draws (the spread of a uniform integer or a 0/1 draw is below 2).
            Assert.True(Math.Abs(output.Data.Average(v => (double)v) - mean) < 5 * 2 / Math.Sqrt(4096), $"{name}: mean {output.Data.Average(v => (double)v)}");
        }
    }
}
