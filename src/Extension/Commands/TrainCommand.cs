using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLTrain : MagicDirective;

/// <summary>
/// <c>#!train</c>: trains a fully connected network on the current data (<c>#!dataset</c>, the built-in digits
/// by default) with a live cost curve, then the lecture's log table and a verdict. Stops within one
/// mini-batch when cancelled or when its time budget runs out, keeping the history so far.
/// </summary>
public sealed class TrainCommand : MagicCommand<NotebookDLTrain>
{
    public override string Name => "train";
    public override string Summary => "trains a network on the current data with a live cost curve, then the log table and a verdict";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [.. TrainSettings.Specs(), new OptionSpec("--as", "name of the C# variable that keeps the run (network, history, settings)", "run")];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!train",
        "#!train --hidden 100,50 --optimizer adam --lr 1e-3 --epochs 20",
        "#!train --examples 20 --reg 0 --epochs 200 --lr 1e-3 --init 1e-4   (overfit 20 examples)",
        "#!train --lr 1e6   (too high: the cost explodes and the run stops)",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var settings = TrainSettings.Read(c.Options);
        var name = c.Options.VariableName("run");
        var run = await TrainAsync(c, settings, NotebookState.Data, "training");
        var stored = await c.StoreAsync(name, run);
        c.Show(Html.Block(
                TrainingHistoryFormatter.Table(run.History),
                TrainingHistoryFormatter.StopNote(run.History),
                TrainingHistoryFormatter.VerdictNote(run.History),
                Html.Detail($"{settings.CommandLine()} · data: {run.Data}{(LearnerCode.Describe() is { } code ? " · " + code : "")} · {stored}")),
            TrainingHistoryFormatter.Text(run.History));
    }

    /// <summary>
    /// Trains one network with a live display and returns the run; shared by the commands that train
    /// (<c>#!sanity-check</c>, <c>#!batchnorm</c>).
    /// </summary>
    internal static Task<TrainingRun> TrainAsync(CommandContext c, TrainSettings settings, CurrentData data, string title)
    {
        var train = data.Train;
        if (settings.Examples is int examples)
        {
            if (examples > train.Count)
                throw new CommandException($"--examples {examples} is more than the {train.Count} training examples of {data.Name}");
            train = train.Take(examples, $"{train.Name} (first {examples})");
        }
        var val = data.Splits.Val;
        var architecture = settings.Architecture(train.Features, train.Classes);
        WorkGuard.CheckTraining(architecture, settings, train.Count + (val?.Count ?? 0));
        var net = Mlp.Create(architecture);
        var options = settings.Training();

        int batch = Math.Min(settings.Batch, train.Count);
        int perEpoch = (train.Count + batch - 1) / batch;
        var live = c.Live(Html.Detail($"{title}: starting…"), $"{title}: starting…");
        var monitor = new TrainingMonitor(live, $"{title}: {net.Layers.Count} layers, {net.ParameterCount:N0} parameters, {train.Count:N0} examples", settings.Epochs, perEpoch);
        var trainer = new Trainer();
        monitor.Attach(trainer);

        // A display made after cancellation may not be published: say what happened from the callback itself.
        using var onCancel = c.CancellationToken.Register(() =>
            monitor.Close("cancelled: training stops after the current mini-batch; the history so far is kept"));
        var history = trainer.Train(net, train, val, options, c.CancellationToken);
        monitor.Close(string.Format(CultureInfo.InvariantCulture, "{0}: {1} iterations in {2:F1} s",
            history.StopReason == StopReason.Completed ? "done" : "stopped (" + history.StopMessage + ")", history.Iterations, history.Elapsed.TotalSeconds));
        return Task.FromResult(new TrainingRun(net, history, settings, DescribeData(data, train, val)));
    }

    private static string DescribeData(CurrentData data, Dataset train, Dataset? val) =>
        $"{data.Name}, {train.Count:N0} train" + (val is null ? "" : $" / {val.Count:N0} val") +
        (data.Preprocessing is "" or "none" ? "" : $", preprocessed {data.Preprocessing}");
}
