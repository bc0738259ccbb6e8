using System.Globalization;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Probes;

namespace NotebookDL.Extension.Commands;

/// <summary>What <c>#!batchnorm</c> keeps: both runs, their activation statistics, and the running-vs-batch comparison.</summary>
public sealed record BatchNormComparison(
    TrainingRun Plain, TrainingRun Normalized, ActivationReport PlainActivations, ActivationReport NormalizedActivations,
    BatchStatistics FirstLayerStatistics)
{
    public string Summary()
    {
        static double Val(TrainingRun r) => r.History.Epochs.LastOrDefault() is { } e ? e.ValAccuracy ?? e.TrainAccuracy ?? double.NaN : double.NaN;
        return string.Format(CultureInfo.InvariantCulture,
            "validation accuracy {0:F3} without batch norm, {1:F3} with it; activation std at the last hidden layer {2} without, {3} with",
            Val(Plain), Val(Normalized), Html.Num(PlainActivations.Rows[^1].Std), Html.Num(NormalizedActivations.Rows[^1].Std));
    }
}
