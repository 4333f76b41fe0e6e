using ShapeSafe.Dataflow;
using ShapeSafe.Python;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Python.Graphs;

/// <summary>The binder records what torch.fx's symbolic trace would: args and kwargs of every node, sizes as nodes, get_attr.</summary>
public sealed class GraphRecordingTests
{
    private static DataflowGraph Record(string forward, string init = "pass", params Shape[] inputs)
    {
        var source = $$"""
            import torch
            import torch.nn as nn
            import torch.nn.functional as F

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    {{init.Replace("\n", "\n        ", StringComparison.Ordinal)}}

                def forward(self, x):
                    {{forward.Replace("\n", "\n        ", StringComparison.Ordinal)}}
            """;
        var result = PythonChecker.Check("net.py", source, new PythonCheckOptions { Inputs = inputs.Length > 0 ? inputs : [Shape.Of(2, 3, 8, 8)] });
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == ShapeSafe.Diagnostics.Severity.Error);
        return result.Graph!;
    }

    private static Node Single(DataflowGraph g, NodeKind kind, string target) => Assert.Single(g.Nodes, n => n.Kind == kind && n.Target == target);

    private static NodeArg Ref(Node n) => new NodeRefArg(n);

    private static ConstArg C(object? v) => new(v);

    [Fact]
    public void TheTrainingFlagIsRecordedAsTheModulesModeNotAConstant()
    {
        var g = Record("return F.dropout(x, 0.5, training=self.training)");
        var dropout = Single(g, NodeKind.CallFunction, "torch.nn.functional.dropout");

        var training = Assert.Single(dropout.Kwargs, kv => kv.Key == "training").Value;
        Assert.Same(TrainingFlagArg.Instance, training);
        Assert.Equal("2x3x8x8", ((TensorValue)dropout.Value).Shape.ToString());
    }

    [Fact]
    public void ViewOfSizeZeroRecordsTheSizeThenTheView()
    {
        var g = Record("return x.view(x.size(0), -1)");
        var x = Single(g, NodeKind.Placeholder, "x");
        var size = Single(g, NodeKind.CallMethod, "size");
        var view = Single(g, NodeKind.CallMethod, "view");
        Assert.Equal([Ref(x), C(0L)], size.Args);
        Assert.Equal(new SizeValue(Dim.Known(2)), size.Value);
        Assert.Equal([Ref(x), Ref(size), C(-1L)], view.Args);
        Assert.True(size.Index < view.Index);
        Assert.Contains(size, view.Inputs);
        Assert.Equal([Ref(view)], g.Output!.Args);
    }

    [Fact]
    public void UnpackingASizeTupleGivesGetitemNodes()
    {
        var g = Record("b, c, _, _ = x.size()\nreturn x.mean((2, 3)).view(b, c, 1, 1)");
        var size = Single(g, NodeKind.CallMethod, "size");
        Assert.Equal(new SequenceValue([new SizeValue(Dim.Known(2)), new SizeValue(Dim.Known(3)), new SizeValue(Dim.Known(8)), new SizeValue(Dim.Known(8))]), size.Value);
        var items = g.Nodes.Where(n => n.Kind == NodeKind.Operator && n.Target == "getitem").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal([Ref(size), C(0L)], items[0].Args);
        Assert.Equal([Ref(size), C(1L)], items[1].Args);
        var view = Single(g, NodeKind.CallMethod, "view");
        Assert.Equal([Ref(Single(g, NodeKind.CallMethod, "mean")), Ref(items[0]), Ref(items[1]), C(1L), C(1L)], view.Args);
    }

    [Fact]
    public void ArithmeticOnSizesIsRecordedWithOperatorNames()
    {
        var g = Record("b, c, h, w = x.shape\nreturn x.reshape(b, c * h * w // 2, 2)");
        var shape = Single(g, NodeKind.CallFunction, "getattr");
        Assert.Equal([Ref(Single(g, NodeKind.Placeholder, "x")), C("shape")], shape.Args);
        var ops = g.Nodes.Where(n => n.Kind == NodeKind.Operator && n.Target != "getitem").Select(n => n.Target).ToList();
        Assert.Equal(["mul", "mul", "floordiv"], ops);
        var floordiv = Single(g, NodeKind.Operator, "floordiv");
        Assert.Equal(new SizeValue(Dim.Known(96)), floordiv.Value);
        Assert.Equal(C(2L), floordiv.Args[1]);
        Assert.Equal(Ref(floordiv), Single(g, NodeKind.CallMethod, "reshape").Args[2]);
    }

    [Fact]
    public void AListOfTensorsAndAKeywordAreRecordedAsWritten()
    {
        var g = Record("a = F.relu(x)\nb = torch.sigmoid(x)\nreturn torch.cat([a, b], dim=1)");
        var relu = Single(g, NodeKind.CallFunction, "torch.nn.functional.relu");
        var sigmoid = Single(g, NodeKind.CallFunction, "torch.sigmoid");
        var cat = Single(g, NodeKind.CallFunction, "torch.cat");
        Assert.Equal([new ListArg([Ref(relu), Ref(sigmoid)], IsTuple: false)], cat.Args);
        Assert.Equal([new KeyValuePair<string, NodeArg>("dim", C(1L))], cat.Kwargs);
    }

    [Fact]
    public void IndexingIsGetitemWithSlicesNoneAndEllipsis()
    {
        var g = Record("y = x[:, :, 1:-1]\nreturn y[:, 0, None, ...]");
        var items = g.Nodes.Where(n => n is { Kind: NodeKind.Operator, Target: "getitem" }).ToList();
        Assert.Equal(2, items.Count);
        var all = new SliceArg(null, null, null);
        Assert.Equal(new ListArg([all, all, new SliceArg(C(1L), C(-1L), null)], IsTuple: true), items[0].Args[1]);
        Assert.Equal(new ListArg([all, C(0L), C(null), C(ConstArg.Ellipsis)], IsTuple: true), items[1].Args[1]);
        Assert.Equal(new TensorValue(Shape.Of(2, 1, 6, 8)), items[1].Value);
    }

    [Fact]
    public void TensorOperatorsUseTheOperatorModuleNames()
    {
        var g = Record("y = x + 1\ny += x\nz = -y\nreturn z @ x.transpose(2, 3)");
        Assert.Equal(["add", "iadd", "neg", "matmul"], g.Nodes.Where(n => n.Kind == NodeKind.Operator).Select(n => n.Target));
        Assert.Equal([Ref(Single(g, NodeKind.Placeholder, "x")), C(1L)], Single(g, NodeKind.Operator, "add").Args);
    }

    [Fact]
    public void ModuleTensorsAreGetAttrNodesAndListedOnTheModule()
    {
        var g = Record(
            "return x * self.scale + self.shift + self.offset",
            "self.scale = nn.Parameter(torch.ones(1, 3, 1, 1))\nself.register_buffer('shift', torch.zeros(3, 1, 1))\nself.register_buffer('tmp', torch.full((3, 1, 1), 0.5), persistent=False)\nself.offset = torch.randn(1, 1, 8)");
        var scale = Single(g, NodeKind.GetAttr, "scale");
        Assert.Equal(new TensorValue(Shape.Of(1, 3, 1, 1)), scale.Value);
        Assert.Empty(scale.Args);
        Single(g, NodeKind.GetAttr, "shift");
        Single(g, NodeKind.GetAttr, "offset");
        Assert.Equal(Ref(scale), Single(g, NodeKind.Operator, "mul").Args[1]);
        Assert.Equal([new ModuleTensor("scale", Shape.Of(1, 3, 1, 1), new TensorInit("ones"))], g.Root.Parameters);
        Assert.Equal([new ModuleTensor("shift", Shape.Of(3, 1, 1), new TensorInit("zeros")), new ModuleTensor("tmp", Shape.Of(3, 1, 1), new TensorInit("full", 0.5), Persistent: false)],
            g.Root.Buffers);
        Assert.Equal([new ModuleTensor("offset", Shape.Of(1, 1, 8), new TensorInit("randn"))], g.Root.TensorAttributes);
    }

    [Fact]
    public void ModuleCallsRecordTheirArgumentsAndWhatAnInlinedBodyReturned()
    {
        var source = """
            import torch.nn as nn

            class Block(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv = nn.Conv2d(3, 3, 3, padding=1)

                def forward(self, x):
                    return self.conv(x) + x

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.block = Block()

                def forward(self, x):
                    return self.block(x)
            """;
        var g = PythonChecker.Check("net.py", source, new PythonCheckOptions { ClassName = "Net", Inputs = [Shape.Of(2, 3, 8, 8)] }).Graph!;
        var x = Single(g, NodeKind.Placeholder, "x");
        var block = Single(g, NodeKind.CallModule, "block");
        var conv = Single(g, NodeKind.CallModule, "block.conv");
        var add = Single(g, NodeKind.Operator, "add");
        Assert.Equal([Ref(x)], block.Args);
        Assert.Equal(Ref(add), block.Returns);
        Assert.Null(conv.Returns);
        Assert.Equal([Ref(x)], conv.Args);
        Assert.Equal([Ref(conv), Ref(x)], add.Args);
        Assert.Equal([block], conv.CallChain);
    }

    [Fact]
    public void ACallReturningSeveralTensorsNumbersItsItems()
    {
        var g = Record("a, b = torch.chunk(x, 2, dim=1)\nreturn a * b", inputs: Shape.Of(2, 4, 8, 8));
        var chunks = g.Nodes.Where(n => n.Target == "torch.chunk").ToList();
        Assert.Equal(2, chunks.Count);
        Assert.Equal([0, 1], chunks.Select(n => n.Item));
        Assert.Null(chunks[0].SameCallAs);
        Assert.Same(chunks[0], chunks[1].SameCallAs);
        Assert.Equal(chunks[0].Args, chunks[1].Args);
        Assert.Equal([new KeyValuePair<string, NodeArg>("dim", C(1L))], chunks[0].Kwargs);
        Assert.Equal("3x2x8x8", ShapePropagation.Run(g, [Shape.Of(3, 4, 8, 8)]).OutputShape?.ToString());
    }

    [Fact]
    public void IntsWithoutTensorProvenanceStayConstants()
    {
        var g = Record("n = 3 * 4\nreturn x.view(2, n, -1)");
        Assert.Equal(C(12L), Single(g, NodeKind.CallMethod, "view").Args[2]);
        Assert.DoesNotContain(g.Nodes, n => n.Kind == NodeKind.Operator);
    }

    [Fact]
    public void NumelDimAndLenAreSizeNodesThatFollowANewBatch()
    {
        var g = Record("n = x.numel() // len(x)\nreturn x.reshape(x.size(0), n).unsqueeze(x.dim() - 3)");
        var numel = Single(g, NodeKind.CallMethod, "numel");
        var len = Single(g, NodeKind.CallFunction, "len");
        Assert.Equal(new SizeValue(Dim.Known(384)), numel.Value);
        Assert.Equal([Ref(numel), Ref(len)], Single(g, NodeKind.Operator, "floordiv").Args);
        var dim = Single(g, NodeKind.CallMethod, "dim");
        Assert.Equal([Ref(dim), C(3L)], Single(g, NodeKind.Operator, "sub").Args);
        Assert.Equal("5x1x192", ShapePropagation.Run(g, [Shape.Of(5, 3, 8, 8)]).OutputShape?.ToString());
    }

    [Fact]
    public void AParameterOfANestedModuleIsReadByItsQualifiedName()
    {
        var source = """
            import torch
            import torch.nn as nn

            class Block(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.pos_embed = nn.Parameter(torch.zeros(1, 4, 8))

                def forward(self, x):
                    return x + self.pos_embed

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.blocks = nn.ModuleList([Block(), Block()])
                    self.proj = nn.Linear(8, 8)

                def forward(self, x):
                    for block in self.blocks:
                        x = block(x)
                    return self.proj(x) * self.proj.weight.sum()
            """;
        var g = PythonChecker.Check("net.py", source, new PythonCheckOptions { ClassName = "Net", Inputs = [Shape.Of(2, 4, 8)] }).Graph!;
        Assert.Equal(["blocks.0.pos_embed", "blocks.1.pos_embed", "proj.weight"], g.Nodes.Where(n => n.Kind == NodeKind.GetAttr).Select(n => n.Target));
        Assert.Equal([new ModuleTensor("pos_embed", Shape.Of(1, 4, 8), new TensorInit("zeros"))], g.FindModule("blocks.1")!.Parameters);
        Assert.Empty(g.Root.Parameters);
    }

    [Fact]
    public void ASizeTupleAndItsSliceAreArguments()
    {
        var g = Record("y = x.flatten(2).view(x.size())\nreturn y.new_zeros(x.shape[2:])");
        var size = Single(g, NodeKind.CallMethod, "size");
        Assert.Equal([Ref(Single(g, NodeKind.CallMethod, "flatten")), Ref(size)], Single(g, NodeKind.CallMethod, "view").Args);
        var shape = Single(g, NodeKind.CallFunction, "getattr");
        var items = g.Nodes.Where(n => n is { Kind: NodeKind.Operator, Target: "getitem" }).ToList();
        Assert.Equal([[Ref(shape), C(2L)], [Ref(shape), C(3L)]], items.Select(n => n.Args.ToArray()));
        Assert.Equal(new ListArg([Ref(items[0]), Ref(items[1])], IsTuple: true), Single(g, NodeKind.CallMethod, "new_zeros").Args[1]);
        Assert.Equal("6x6", ShapePropagation.Run(g, [Shape.Of(1, 3, 6, 6)]).OutputShape?.ToString());
    }
}
