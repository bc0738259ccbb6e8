using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLBatchNorm : MagicDirective;

/// <summary>
/// <c>#!batchnorm</c>: the same network trained without and with batch norm on the current data: cost and
/// accuracy curves side by side, the spread of each hidden layer's activations, and batch norm's running
/// mean and variance against one mini-batch's statistics.
/// </summary>
public sealed class BatchNormCommand : MagicCommand<NotebookDLBatchNorm>
{
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps both runs", "bn");

    public override string Name => "batchnorm";
    public override string Summary => "trains the same net without and with batch norm: curves side by side, activation spread, running vs batch statistics";

    /// <summary>#!train's options but --batchnorm, which this command sets itself, with a deep net with small weights: without batch norm its signal fades; with it, it trains.</summary>
    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        .. TrainingOptionTable.All.Where(o => o != TrainingOptionTable.BatchNorm).Select(o =>
            o == TrainingOptionTable.Hidden ? TrainingOptionTable.Hidden.With(new[] { 100, 100, 100, 100 })
            : o == TrainingOptionTable.LearningRate ? TrainingOptionTable.LearningRate.With(0.05, "learning rate lr0 (this comparison's own default, whatever the data)")
            : o == TrainingOptionTable.Batch ? TrainingOptionTable.Batch.With(100)
            : o == TrainingOptionTable.MaxSeconds ? TrainingOptionTable.MaxSeconds.With(60, "time budget of the whole comparison, half for each run: each stops there (keeping its history)")
            : o),
        As,
    ];

    public override IReadOnlyList<string> Examples { get; } =
        ["#!batchnorm", "#!batchnorm --init large --activation tanh", "#!batchnorm --lr 0.5 --epochs 5"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var settings = TrainSettings.For(c);
        var name = c.Get(As);
        var data = c.Session.Data;
        if (settings.Get(TrainingOptionTable.Hidden).Length == 0)
            throw new CommandException("--hidden 0 leaves no hidden layer for batch norm to follow: give at least one, e.g. --hidden 100,100");

        var (train, val, architecture) = TrainCommand.Prepare(settings, data, c.Session.Learner);
        var experiment = new BatchNormExperiment();
        LiveTraining? live = null;
        experiment.StageStarting += s => live = LiveTraining.Start(c, s.Name, s.Trainer, s.Network, s.Train.Count, s.Options.Epochs, s.IterationsPerEpoch);
        experiment.StageCompleted += (_, history) => live!.End(history);
        BatchNormResult result;
        try
        {
            result = experiment.Run(architecture, settings.Training(c.Session.Learner), train, val, data.Train, c.CancellationToken);
        }
        finally
        {
            live?.Dispose();
        }
        var described = TrainCommand.DescribeData(data, train, val);
        var fingerprint = data.Train.Fingerprint;
        var comparison = new BatchNormComparison(
            new TrainingRun(result.Plain, result.PlainHistory, settings, described) { ClassNames = train.ClassNames, DataFingerprint = fingerprint },
            new TrainingRun(result.Normalized, result.NormalizedHistory, settings.With(TrainingOptionTable.BatchNorm, true), described) { ClassNames = train.ClassNames, DataFingerprint = fingerprint },
            result.PlainActivations, result.NormalizedActivations, result.FirstLayerStatistics);
        var stored = await c.StoreAsync(name, comparison);

        c.Show(Chart.From(BatchNormComparisonFormatter.CurvesFigure(comparison)));
        c.Show(Chart.From(BatchNormComparisonFormatter.SpreadFigure(comparison)));
        c.Show(Chart.From(BatchNormComparisonFormatter.RunningFigure(comparison)));
        c.Show(BatchNormComparisonFormatter.Html(comparison, $"{settings.CommandLine("#!batchnorm")} · data: {described} · {stored}"), comparison.Summary());
    }
}
