using System.Globalization;
using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLBatchNorm : MagicDirective;

/// <summary>
/// <c>#!batchnorm</c>: the same network trained without and with batch norm on the current data: cost and
/// accuracy curves side by side, the spread of each hidden layer's activations, and batch norm's running
/// mean and variance against one mini-batch's statistics.
/// </summary>
public sealed class BatchNormCommand : MagicCommand<NotebookDLBatchNorm>
{
    /// <summary>A deep net with small weights: without batch norm its signal fades; with it, it trains.</summary>
    private static readonly TrainSettings Defaults = new()
    {
        Hidden = [100, 100, 100, 100], Activation = "relu", Init = "small", Optimizer = "sgd", LearningRate = 0.05,
        Epochs = 10, Batch = 100, MaxSeconds = 60,
    };

    public override string Name => "batchnorm";
    public override string Summary => "trains the same net without and with batch norm: curves side by side, activation spread, running vs batch statistics";

    public override IReadOnlyList<OptionSpec> Options =>
    [
        .. TrainSettings.Specs(Defaults.MaxSeconds)
            .Where(o => o.Name != "--batchnorm")
            .Select(o => o.Name switch
            {
                "--hidden" => o with { Default = "100,100,100,100" },
                "--lr" => o with { Default = "0.05" },
                "--batch" => o with { Default = "100" },
                _ => o,
            }),
        new OptionSpec("--as", "name of the C# variable that keeps both runs", "bn"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
        ["#!batchnorm", "#!batchnorm --init large --activation tanh", "#!batchnorm --lr 0.5 --epochs 5"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var settings = TrainSettings.Read(c.Options, Defaults) with { BatchNorm = false };
        var name = c.Options.VariableName("bn");
        var data = NotebookState.Data;

        var plain = await TrainCommand.TrainAsync(c, settings, data, "without batch norm");
        var normalised = await TrainCommand.TrainAsync(c, settings with { BatchNorm = true }, data, "with batch norm");
        var probeX = (data.Splits.Val ?? data.Train).Take(500).X;
        var comparison = new BatchNormComparison(plain, normalised,
            ActivationStats.OfNetwork(plain.Network, probeX), ActivationStats.OfNetwork(normalised.Network, probeX),
            RunningVersusBatch(normalised.Network, data.Train.Take(settings.Batch).X));
        var stored = await c.StoreAsync(name, comparison);

        c.Show(Chart.From(CurvesFigure(plain, normalised)));
        c.Show(Chart.From(SpreadFigure(comparison)));
        c.Show(Chart.From(RunningFigure(comparison.FirstLayerStatistics)));
        c.Show(Html.Block(
                Html.Table(["", "final cost", "train acc", "val acc", "stopped"],
                [
                    Row("without batch norm", plain.History),
                    Row("with batch norm", normalised.History),
                ]),
                Html.Note(comparison.Summary(), "ok"),
                Html.Detail($"{settings.CommandLine("#!batchnorm")} · data: {plain.Data} · {stored}")),
            comparison.Summary());
    }

    private static string[] Row(string label, TrainingHistory h)
    {
        var last = h.Epochs.LastOrDefault();
        return
        [
            label, Html.Fixed(h.Costs.LastOrDefault(), 4),
            last?.TrainAccuracy is double t ? Html.Fixed(t, 3) : "", last?.ValAccuracy is double v ? Html.Fixed(v, 3) : "",
            h.StopReason == StopReason.Completed ? "completed" : Html.Encode(h.StopMessage),
        ];
    }

    /// <summary>
    /// The first batch-norm layer's running mean and variance next to one training mini-batch's mean and
    /// variance (a training-mode pass whose side effects are undone).
    /// </summary>
    private static BatchStatistics RunningVersusBatch(Network net, MathNet.Numerics.LinearAlgebra.Matrix<double> batch)
    {
        var bn = net.Layers.OfType<BatchNorm>().First();
        var snapshot = net.Snapshot();
        var runningMean = bn.RunningMean.Data().ToArray();
        var runningVariance = bn.RunningVariance.Data().ToArray();
        try
        {
            net.Forward(batch, Mode.Train);
            return new BatchStatistics(runningMean, runningVariance, bn.LastMean!.Data().ToArray(), bn.LastVariance!.Data().ToArray(), batch.RowCount);
        }
        finally
        {
            net.Restore(snapshot);
        }
    }

    private static FigureSpec CurvesFigure(TrainingRun plain, TrainingRun normalised)
    {
        var (xa, ya) = TrainingHistoryFormatter.CostCurve(plain.History, 1000);
        var (xb, yb) = TrainingHistoryFormatter.CostCurve(normalised.History, 1000);
        double[] Epochs(TrainingHistory h) => h.Epochs.Select(e => (double)e.Epoch).ToArray();
        double[] Val(TrainingHistory h) => h.Epochs.Select(e => e.ValAccuracy ?? e.TrainAccuracy ?? double.NaN).ToArray();
        var cost = new PanelSpec
        {
            Title = "cost per iteration", XTitle = "epoch", YTitle = "cost",
            Traces = [TraceSpec.Line("without BN", xa, ya), TraceSpec.Line("with BN", xb, yb)],
        };
        // A run stopped within its first epoch has no accuracy to draw.
        var accuracy = new[] { ("without BN", plain.History), ("with BN", normalised.History) }
            .Where(r => r.Item2.Epochs.Count > 0)
            .Select(r => TraceSpec.Line(r.Item1, Epochs(r.Item2), Val(r.Item2)) with { Kind = TraceKinds.LinesMarkers })
            .ToArray();
        if (accuracy.Length == 0) return new FigureSpec { Title = "training without and with batch norm", Panels = [cost], Height = 360 };
        return FigureSpec.Grid("training without and with batch norm", 2,
            cost,
            new PanelSpec
            {
                Title = "validation accuracy", XTitle = "epoch", YTitle = "accuracy", YRange = new AxisRange(0, 1.02), Traces = accuracy,
            }) with { Height = 360 };
    }

    private static FigureSpec SpreadFigure(BatchNormComparison c)
    {
        double[] Layers(ActivationReport r) => Enumerable.Range(1, r.Rows.Count).Select(i => (double)i).ToArray();
        return new FigureSpec
        {
            Title = "spread of each hidden layer's activations after training (std, validation data)",
            Height = 340,
            Panels =
            [
                new PanelSpec
                {
                    XTitle = "hidden layer", YTitle = "std of activations", LogY = true,
                    Traces =
                    [
                        TraceSpec.Line("without BN", Layers(c.PlainActivations), c.PlainActivations.Rows.Select(r => r.Std).ToArray()) with { Kind = TraceKinds.LinesMarkers },
                        TraceSpec.Line("with BN", Layers(c.NormalizedActivations), c.NormalizedActivations.Rows.Select(r => r.Std).ToArray()) with { Kind = TraceKinds.LinesMarkers },
                    ],
                },
            ],
        };
    }

    private static FigureSpec RunningFigure(BatchStatistics s)
    {
        double lo(double[] a, double[] b) => Math.Min(a.Min(), b.Min());
        double hi(double[] a, double[] b) => Math.Max(a.Max(), b.Max());
        TraceSpec Diagonal(double[] a, double[] b) =>
            TraceSpec.Line("y = x", [lo(a, b), hi(a, b)], [lo(a, b), hi(a, b)]) with { Dash = "dash", Color = "#999" };
        return FigureSpec.Grid($"first batch-norm layer: running averages (used at test time) vs one mini-batch of {s.BatchSize}", 2,
            new PanelSpec
            {
                Title = "mean per unit", XTitle = "running mean", YTitle = "batch mean",
                Traces = [TraceSpec.Points("units", s.RunningMean, s.BatchMean), Diagonal(s.RunningMean, s.BatchMean)],
            },
            new PanelSpec
            {
                Title = "variance per unit", XTitle = "running variance", YTitle = "batch variance",
                Traces = [TraceSpec.Points("units", s.RunningVariance, s.BatchVariance), Diagonal(s.RunningVariance, s.BatchVariance)],
            }) with { Height = 360, ShowLegend = false };
    }
}

/// <summary>A batch-norm layer's running statistics next to one mini-batch's, per unit.</summary>
public sealed record BatchStatistics(double[] RunningMean, double[] RunningVariance, double[] BatchMean, double[] BatchVariance, int BatchSize);

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
