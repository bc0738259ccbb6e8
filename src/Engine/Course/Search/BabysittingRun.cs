using NotebookDL.Data;
using NotebookDL.Schedules;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// The lecture's "panda": one model babysat when there are not the resources for many. Train some epochs, look,
/// pause (cancel: it stops within a mini-batch), change nothing or decide to stop, continue: the network and the
/// whole history are kept across the pauses. Each continuation picks up the learning-rate schedule where the
/// completed epochs left it and shuffles with a seed of its own; the optimiser's velocities and moments start
/// afresh at each continuation (a pause costs a few iterations of momentum, nothing else).
/// </summary>
public sealed class BabysittingRun
{
    private readonly List<TrainingHistory> _segments = [];

    /// <param name="network">The model (trained in place).</param>
    /// <param name="train">Training data.</param>
    /// <param name="val">Validation data, or null.</param>
    /// <param name="options">Settings of every continuation (its <see cref="TrainOptions.Epochs"/> is the default length of one).</param>
    public BabysittingRun(Network network, Dataset train, Dataset? val, TrainOptions options)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        Train = train ?? throw new ArgumentNullException(nameof(train));
        Val = val;
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
    }

    public Network Network { get; }
    public Dataset Train { get; }
    public Dataset? Val { get; }
    public TrainOptions Options { get; }

    /// <summary>Raised after each iteration of any continuation (on the training thread).</summary>
    public event Action<IterationReport>? IterationCompleted;

    /// <summary>The histories of the continuations so far, in order.</summary>
    public IReadOnlyList<TrainingHistory> Segments => _segments;

    /// <summary>Epochs completed over all continuations.</summary>
    public int EpochsDone => _segments.Sum(s => s.Epochs.Count);

    /// <summary>
    /// Trains <paramref name="epochs"/> more epochs (default: <see cref="TrainOptions.Epochs"/>); cancelling
    /// <paramref name="ct"/> pauses after the current mini-batch. Returns this continuation's history.
    /// </summary>
    public TrainingHistory Continue(int? epochs = null, CancellationToken ct = default)
    {
        int done = EpochsDone;
        var schedule = done == 0 ? Options.EffectiveSchedule : new Shifted(Options.EffectiveSchedule, done);
        var options = Options with
        {
            Epochs = epochs ?? Options.Epochs,
            Seed = _segments.Count == 0 ? Options.Seed : TrialSeed.For(Options.Seed, 0, _segments.Count),
            LearningRate = schedule.InitialRate,
            Schedule = schedule,
        };
        var trainer = new Trainer();
        trainer.IterationCompleted += r => IterationCompleted?.Invoke(r);
        var segment = trainer.Train(Network, Train, Val, options, ct);
        _segments.Add(segment);
        return segment;
    }

    /// <summary>
    /// All continuations as one history: costs joined, epochs numbered on, times added; the initial cost is the
    /// first continuation's and the stop reason the last one's.
    /// </summary>
    public TrainingHistory History
    {
        get
        {
            var h = new TrainingHistory
            {
                IterationsPerEpoch = _segments.FirstOrDefault()?.IterationsPerEpoch ?? 0,
                InitialCost = _segments.FirstOrDefault()?.InitialCost ?? double.NaN,
            };
            int epochOffset = 0;
            double seconds = 0;
            foreach (var s in _segments)
            {
                h.Costs.AddRange(s.Costs);
                h.Epochs.AddRange(s.Epochs.Select(e => e with { Epoch = e.Epoch + epochOffset, Seconds = e.Seconds + seconds }));
                h.EpochsRequested = epochOffset + s.EpochsRequested;
                epochOffset += s.Epochs.Count;
                seconds += s.Elapsed.TotalSeconds;
                h.StopReason = s.StopReason;
                h.StopMessage = s.StopMessage;
            }
            h.Elapsed = TimeSpan.FromSeconds(seconds);
            if (h.StopReason == StopReason.Completed && _segments.Count > 1)
                h.StopMessage = $"completed {epochOffset} epochs in {_segments.Count} continuations";
            return h;
        }
    }

    /// <summary>The lecture's verdict on all continuations so far (the same as <c>#!train</c>'s on <see cref="History"/>).</summary>
    public TrainingVerdict Verdict => TrainingVerdict.Of(History);

    /// <summary>A schedule continued from <c>offset</c> epochs on.</summary>
    private sealed class Shifted(ILearningRateSchedule inner, double offset) : ILearningRateSchedule
    {
        public double InitialRate => inner.Rate(offset);

        public double Rate(double epoch) => inner.Rate(epoch + offset);

        public IReadOnlyList<double> Restarts(double untilEpoch) =>
            inner.Restarts(untilEpoch + offset).Where(r => r > offset).Select(r => r - offset).ToList();

        public override string ToString() => $"{inner}, from epoch {offset}";
    }
}
