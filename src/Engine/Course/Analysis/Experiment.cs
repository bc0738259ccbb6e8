using System.Diagnostics;
using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// An experiment that trains several networks one after another (clean vs noisy labels, transfer vs from
/// scratch, one multi-task net vs separate nets) under one time budget and one cancellation token. Each
/// training is a <see cref="TrainingStage"/>, announced before it starts so a notebook can follow its
/// trainer live. A stage that runs out of time or is cancelled keeps its history so far; the stages after
/// it do not train (their networks stay as initialised) and <see cref="StopMessage"/> says so.
/// </summary>
public abstract class Experiment
{
    private Stopwatch _clock = new();
    private TimeSpan? _budget;
    private StopReason _stopReason = StopReason.Completed;

    /// <summary>Raised on the training thread before each stage trains: subscribe to its trainer's events for live curves.</summary>
    public event Action<TrainingStage>? StageStarting;

    /// <summary>Null while every stage completed; else why the experiment stopped early (time budget, cancelled).</summary>
    public string? StopMessage { get; private set; }

    /// <summary>Starts the clock of a run: stages share <paramref name="maxDuration"/> (null = no budget).</summary>
    protected void Begin(TimeSpan? maxDuration)
    {
        if (maxDuration is TimeSpan d && d <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(maxDuration), $"time budget must be positive (or null = none), got {d}");
        _budget = maxDuration;
        _clock = Stopwatch.StartNew();
        StopMessage = null;
        _stopReason = StopReason.Completed;
    }

    /// <summary>
    /// Trains <paramref name="net"/> as stage <paramref name="index"/> of <paramref name="count"/> with what is
    /// left of the budget. Once a stage has stopped early, later stages return an empty history at once.
    /// <paramref name="prepare"/> may subscribe the experiment's own measurements to the trainer's events.
    /// </summary>
    protected TrainingHistory TrainStage(string name, int index, int count, Network net, Dataset train, Dataset? val,
                                         TrainOptions options, CancellationToken ct, Action<Trainer>? prepare = null)
    {
        if (StopMessage is null && ct.IsCancellationRequested)
            (StopMessage, _stopReason) = ($"cancelled before stage {index} of {count} ({name})", StopReason.Cancelled);
        if (StopMessage is not null)
            return Skipped(options, train, $"not trained: the experiment stopped before stage {index} ({StopMessage})", _stopReason);
        var remaining = _budget is TimeSpan b ? b - _clock.Elapsed : (TimeSpan?)null;
        if (remaining is TimeSpan r && r <= TimeSpan.Zero)
        {
            (StopMessage, _stopReason) = ($"{Budget()} reached before stage {index} of {count} ({name})", StopReason.TimeBudget);
            return Skipped(options, train, "not trained: " + StopMessage, StopReason.TimeBudget);
        }
        var trainer = new Trainer();
        prepare?.Invoke(trainer);
        StageStarting?.Invoke(new TrainingStage(name, index, count, trainer, net, train, options));
        var history = trainer.Train(net, train, val, remaining is TimeSpan left && !(options.MaxDuration <= left) ? options with { MaxDuration = left } : options, ct);
        if (history.StopReason is StopReason.TimeBudget)
            (StopMessage, _stopReason) = ($"{Budget()} reached during stage {index} of {count} ({name})", StopReason.TimeBudget);
        else if (history.StopReason is StopReason.Cancelled)
            (StopMessage, _stopReason) = ($"cancelled during stage {index} of {count} ({name})", StopReason.Cancelled);
        return history;
    }

    /// <summary>"time budget of 60 s" (or of the stage's own options when the experiment has none).</summary>
    private string Budget() => _budget is TimeSpan b
        ? FormattableString.Invariant($"time budget of {b.TotalSeconds:G4} s")
        : "the stage's time budget";

    private static TrainingHistory Skipped(TrainOptions options, Dataset train, string message, StopReason reason)
    {
        int batch = Math.Min(options.BatchSize, Math.Max(1, train.Count));
        return new TrainingHistory
        {
            EpochsRequested = options.Epochs,
            IterationsPerEpoch = (train.Count + batch - 1) / batch,
            StopReason = reason,
            StopMessage = message,
        };
    }
}

/// <summary>
/// One training of an <see cref="Experiment"/>, announced before it starts.
/// </summary>
/// <param name="Name">What is trained, e.g. "random noise 20%".</param>
/// <param name="Index">1-based position among the experiment's stages.</param>
/// <param name="Count">How many stages the experiment has.</param>
/// <param name="Trainer">The trainer about to run: its events report every iteration and epoch.</param>
/// <param name="Network">The network it trains.</param>
/// <param name="Train">The training data of the stage.</param>
/// <param name="Options">The stage's training options.</param>
public sealed record TrainingStage(string Name, int Index, int Count, Trainer Trainer, Network Network, Dataset Train, TrainOptions Options)
{
    /// <summary>ceil(N / batch size).</summary>
    public int IterationsPerEpoch
    {
        get
        {
            int batch = Math.Min(Options.BatchSize, Train.Count);
            return (Train.Count + batch - 1) / batch;
        }
    }
}
