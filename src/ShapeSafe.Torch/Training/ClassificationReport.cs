namespace ShapeSafe.Torch.Training;

/// <summary>
/// Accuracy, per-class precision/recall/F1 and the confusion matrix (rows: true class, columns:
/// predicted class) of predictions against labels. A class never predicted has precision 0, and
/// one absent from the labels recall 0 (scikit-learn's zero_division=0).
/// </summary>
public sealed record ClassificationReport(
    IReadOnlyList<string> ClassNames,
    int Count,
    double Accuracy,
    double Loss,
    IReadOnlyList<ClassMetrics> PerClass,
    int[][] Confusion)
{
    public double MacroF1 => PerClass.Count == 0 ? 0 : PerClass.Average(c => c.F1);

    public static ClassificationReport From(IReadOnlyList<int> labels, IReadOnlyList<int> predicted, IReadOnlyList<string> classNames, double loss)
    {
        if (labels.Count != predicted.Count)
        {
            throw new ArgumentException($"{labels.Count} labels but {predicted.Count} predictions", nameof(predicted));
        }

        var k = classNames.Count;
        var confusion = new int[k][];
        for (var i = 0; i < k; i++)
        {
            confusion[i] = new int[k];
        }

        var correct = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            confusion[labels[i]][predicted[i]]++;
            correct += labels[i] == predicted[i] ? 1 : 0;
        }

        var perClass = new ClassMetrics[k];
        for (var c = 0; c < k; c++)
        {
            var truePositives = confusion[c][c];
            var support = confusion[c].Sum();
            var predictedAs = 0;
            for (var r = 0; r < k; r++)
            {
                predictedAs += confusion[r][c];
            }

            var precision = predictedAs == 0 ? 0 : (double)truePositives / predictedAs;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[c] = new ClassMetrics(classNames[c], precision, recall, f1, support);
        }

        return new ClassificationReport(classNames, labels.Count, labels.Count == 0 ? 0 : (double)correct / labels.Count, loss, perClass, confusion);
    }
}
