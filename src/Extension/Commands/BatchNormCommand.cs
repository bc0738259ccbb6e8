using NotebookDL.Analysis;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;

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
        if (settings.Hidden.Length == 0)
            throw new CommandException("--hidden 0 leaves no hidden layer for batch norm to follow: give at least one, e.g. --hidden 100,100");

        var (train, val, architecture) = TrainCommand.Prepare(settings, data);
        var experiment = new BatchNormExperiment();
        LiveTraining? live = null;
        experiment.StageStarting += s => live = LiveTraining.Start(c, s.Name, s.Trainer, s.Network, s.Train.Count, s.Options.Epochs, s.IterationsPerEpoch);
        experiment.StageCompleted += (_, history) => live!.End(history);
        BatchNormResult result;
        try
        {
            result = experiment.Run(architecture, settings.Training(), train, val, data.Train, c.CancellationToken);
        }
        finally
        {
            live?.Dispose();
        }
        var described = TrainCommand.DescribeData(data, train, val);
        var comparison = new BatchNormComparison(
            new TrainingRun(result.Plain, result.PlainHistory, settings, described),
            new TrainingRun(result.Normalized, result.NormalizedHistory, settings with { BatchNorm = true }, described),
            result.PlainActivations, result.NormalizedActivations, result.FirstLayerStatistics);
        var stored = await c.StoreAsync(name, comparison);

        c.Show(Chart.From(BatchNormComparisonFormatter.CurvesFigure(comparison)));
        c.Show(Chart.From(BatchNormComparisonFormatter.SpreadFigure(comparison)));
        c.Show(Chart.From(BatchNormComparisonFormatter.RunningFigure(comparison)));
        c.Show(BatchNormComparisonFormatter.Html(comparison, $"{settings.CommandLine("#!batchnorm")} · data: {described} · {stored}"), comparison.Summary());
    }
}
