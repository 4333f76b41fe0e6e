using ShapeSafe.Torch.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Training;

/// <summary>Runs a model in eval mode, without gradients, over every image of a loader, in order.</summary>
public static class Evaluator
{
    /// <summary>The mean cross-entropy loss and the predicted class of each image.</summary>
    public static (double Loss, int[] Predicted) Predict(nn.Module<Tensor, Tensor> model, BatchLoader loader, int batchSize)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var order = loader.Order(shuffle: false, seed: 0);
            var predicted = new int[loader.Count];
            var lossSum = 0.0;
            var batches = loader.BatchCount(batchSize);
            for (var b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                var (images, labels) = loader.Batch(order, b, batchSize);
                var logits = model.forward(images);
                var loss = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum);
                lossSum += loss.to(ScalarType.Float64).cpu().item<double>();
                var best = logits.argmax(1).cpu().data<long>().ToArray();
                for (var i = 0; i < best.Length; i++)
                {
                    predicted[(b * batchSize) + i] = (int)best[i];
                }
            }

            return (loader.Count == 0 ? 0 : lossSum / loader.Count, predicted);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The classification report of a model on a loader's images.</summary>
    public static ClassificationReport Evaluate(nn.Module<Tensor, Tensor> model, BatchLoader loader, int batchSize)
    {
        var (loss, predicted) = Predict(model, loader, batchSize);
        return ClassificationReport.From(loader.Set.Labels, predicted, loader.Set.ClassNames, loss);
    }
}
