using NotebookDL.Data;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

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

    private static readonly Option<bool> Paused =
        Option.Flag("--paused", "do not train: make a training session that waits before its first mini-batch, to step through with #!step, #!continue and #!reset");

    private static readonly Option<string> As = Option.VariableName(
        "C# variable: a TrainingRun (.Network, .History, .Settings, .Verdict, .CommandLine), or with --paused the TrainingSession", "run",
        defaultText: "run (session with --paused)");

    public override IReadOnlyList<CommandOption> Options { get; } = [.. TrainingOptionTable.All, Paused, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!train",
        "#!train --hidden 100,50 --optimizer adam --lr 1e-3 --epochs 20",
        "#!train --examples 20 --reg 0 --epochs 200 --lr 1e-3 --init 1e-4",
        "#!train --lr 1e6",
        "#!train --hidden 100 --batchnorm --paused",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var settings = TrainSettings.For(c);
        if (c.Get(Paused))
        {
            if (settings.Get(TrainingOptionTable.Dtype) != Dtype.Float64)
                throw new CommandException("--paused steps through the run in float64 (the stepper records every number in double): drop --dtype");
            await PauseAsync(c, settings, c.Values.Given(As) ? c.Get(As) : "session");
            return;
        }
        var name = c.Get(As);
        var dtype = settings.Get(TrainingOptionTable.Dtype);
        var run = await TrainAsync(c, settings, c.Session.Data, dtype == Dtype.Float64 ? "training" : $"training in {dtype.Name()}");
        var stored = await c.StoreAsync(name, run);
        c.Show(Html.Block(
                TrainingHistoryFormatter.Table(run.History),
                TrainingHistoryFormatter.StopNote(run.History),
                TrainingHistoryFormatter.VerdictNote(run.History),
                dtype == Dtype.Float32 && c.Session.Data.Train.Dtype == Dtype.Float64
                    ? Html.Detail($"the data is stored in float64 ({c.Session.Data.Train.Storage}): each batch was rounded to float32 as it was gathered; " +
                                  "#!dataset with --dtype float32 stores it in float32, in half the memory")
                    : null,
                Html.Detail($"{settings.CommandLine()} · data: {run.Data}{(c.Session.Learner.Describe() is { } code ? " · " + code : "")} · {stored}")),
            TrainingHistoryFormatter.Text(run.History));
    }

    /// <summary>
    /// Trains one network with a live display and returns the run.
    /// </summary>
    internal static Task<TrainingRun> TrainAsync(CommandContext c, TrainSettings settings, CurrentData data, string title)
    {
        var (train, val, architecture) = Prepare(settings, data, c.Session.Learner);
        var net = Mlp.Create(architecture);
        var options = settings.Training(c.Session.Learner);

        int batch = Math.Min(options.BatchSize, train.Count);
        var trainer = new Trainer();
        using var live = LiveTraining.Start(c, title, trainer, net, train.Count, options.Epochs, (train.Count + batch - 1) / batch);
        var history = trainer.Train(net, train, val, options, c.CancellationToken);
        live.End(history);
        return Task.FromResult(new TrainingRun(net, history, settings, DescribeData(data, train, val)) { ClassNames = train.ClassNames, DataFingerprint = data.Train.Fingerprint });
    }

    /// <summary>
    /// <c>#!train --paused</c>: the same network, data and options as <c>#!train</c> would train, as a session that
    /// waits before its first mini-batch; it becomes the notebook's current session.
    /// </summary>
    private static async Task PauseAsync(CommandContext c, TrainSettings settings, string name)
    {
        var data = c.Session.Data;
        var (train, val, architecture) = Prepare(settings, data, c.Session.Learner);
        var training = settings.Training(c.Session.Learner);
        var session = TrainingSession.Create(architecture, train, val, training);
        var stored = await c.StoreAsync(name, session);
        var line = settings.CommandLine() + " --paused";
        var dataText = DescribeData(data, train, val);
        c.Session.Paused = new PausedTraining(session, name, $"{line} · data: {dataText}");
        c.Show(Html.Block(
                Html.Heading($"training session, paused before its first mini-batch: {session.LayerCount} layers, {session.Network.ParameterCount:N0} parameters"),
                Html.Detail($"{train.Count:N0} examples in {session.IterationsPerEpoch} mini-batches of {session.BatchSize} per epoch, {training.Epochs} epochs; " +
                            $"{session.Optimizer}, α = {Html.Num(training.LearningRate)}; the same shuffles and numbers as #!train with these options"),
                GlanceFormatter.Html(session),
                Html.Detail($"{line} · data: {dataText}{(c.Session.Learner.Describe() is { } code ? " · " + code : "")} · {stored}"),
                TrainingSessionFormatter.NextCommands()),
            $"{session}\n{GlanceFormatter.Text(session)}");
    }

    /// <summary>The training examples (the first --examples of them), the validation set and the checked architecture.</summary>
    internal static (Dataset Train, Dataset? Val, MlpOptions Architecture) Prepare(TrainSettings settings, CurrentData data, LearnerCode learner)
    {
        var train = settings.TrainingExamples(data);
        var val = data.Splits.Val;
        var architecture = settings.Network(train.Features, train.Classes, learner);
        WorkGuard.CheckTraining(architecture, settings.Training(learner), train.Count + (val?.Count ?? 0));
        return (train, val, architecture);
    }

    internal static string DescribeData(CurrentData data, Dataset train, Dataset? val) =>
        $"{data.Name}, {train.Count:N0} train" + (val is null ? "" : $" / {val.Count:N0} val") +
        (data.Preprocessing is "" or "none" ? "" : $", preprocessed {data.Preprocessing}");
}
