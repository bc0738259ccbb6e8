using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Extension.Charts;
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

    public override IReadOnlyList<OptionSpec> Options =>
    [
        .. TrainSettings.Specs(),
        new OptionSpec("--paused", "do not train: make a training session to step through with #!step, #!continue and #!reset", Flag: true),
        new OptionSpec("--as", "name of the C# variable that keeps the run (network, history, settings), or the session with --paused", "run (session with --paused)"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!train",
        "#!train --hidden 100,50 --optimizer adam --lr 1e-3 --epochs 20",
        "#!train --examples 20 --reg 0 --epochs 200 --lr 1e-3 --init 1e-4   (overfit 20 examples)",
        "#!train --lr 1e6   (too high: the cost explodes and the run stops)",
        "#!train --hidden 100 --batchnorm --paused   (then #!step --layer, #!step, #!continue)",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var settings = TrainSettings.Read(c.Options);
        if (c.Options.Flag("--paused"))
        {
            await PauseAsync(c, settings, c.Options.VariableName("session"));
            return;
        }
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
        var (train, val, architecture) = Prepare(settings, data);
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
        var closing = string.Format(CultureInfo.InvariantCulture, "{0}: {1} iterations in {2:F1} s",
            history.StopReason == StopReason.Completed ? "done" : "stopped (" + history.StopMessage + ")", history.Iterations, history.Elapsed.TotalSeconds);
        // A cancelled run keeps its curves in the live output (a display made after a cancel may not be published;
        // this may come before the cancel callback's picture); otherwise they become a chart of their own (HTML and plotly JSON).
        if (c.CancellationToken.IsCancellationRequested) monitor.Close(closing);
        else
        {
            monitor.Finish(closing);
            if (history.Costs.Count > 0) c.Show(Chart.From(TrainingHistoryFormatter.Figure(history)));
        }
        return Task.FromResult(new TrainingRun(net, history, settings, DescribeData(data, train, val)));
    }

    /// <summary>
    /// <c>#!train --paused</c>: the same network, data and options as <c>#!train</c> would train, as a session that
    /// waits before its first mini-batch; it becomes the notebook's current session.
    /// </summary>
    private static async Task PauseAsync(CommandContext c, TrainSettings settings, string name)
    {
        var data = NotebookState.Data;
        var (train, val, architecture) = Prepare(settings, data);
        var session = TrainingSession.Create(architecture, train, val, settings.Training());
        var stored = await c.StoreAsync(name, session);
        var line = settings.CommandLine() + " --paused";
        var dataText = DescribeData(data, train, val);
        PausedSession.Set(session, name, $"{line} · data: {dataText}");
        c.Show(Html.Block(
                Html.Heading($"training session, paused before its first mini-batch: {session.LayerCount} layers, {session.Network.ParameterCount:N0} parameters"),
                Html.Detail($"{train.Count:N0} examples in {session.IterationsPerEpoch} mini-batches of {session.BatchSize} per epoch, {settings.Epochs} epochs; " +
                            $"{session.Optimizer}, α = {Html.Num(settings.LearningRate)}; the same shuffles and numbers as #!train with these options"),
                GlanceFormatter.Html(session),
                Html.Detail($"{line} · data: {dataText}{(LearnerCode.Describe() is { } code ? " · " + code : "")} · {stored}"),
                TrainingSessionFormatter.NextCommands()),
            $"{session}\n{GlanceFormatter.Text(session)}");
    }

    /// <summary>The training examples (the first --examples of them), the validation set and the checked architecture.</summary>
    private static (Dataset Train, Dataset? Val, MlpOptions Architecture) Prepare(TrainSettings settings, CurrentData data)
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
        return (train, val, architecture);
    }

    private static string DescribeData(CurrentData data, Dataset train, Dataset? val) =>
        $"{data.Name}, {train.Count:N0} train" + (val is null ? "" : $" / {val.Count:N0} val") +
        (data.Preprocessing is "" or "none" ? "" : $", preprocessed {data.Preprocessing}");
}
