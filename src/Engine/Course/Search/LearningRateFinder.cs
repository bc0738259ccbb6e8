using NotebookDL.Data;
using NotebookDL.Schedules;
using NotebookDL.Training;
using static System.FormattableString;

namespace NotebookDL.Search;

/// <summary>
/// A learning-rate range test (Smith 2017): one short run of a fresh network whose learning rate grows
/// exponentially each iteration from <c>minRate</c> to <c>maxRate</c>, recording the cost, and stopping when the
/// cost exceeds 3x the initial cost (the lecture's rule for a trial that diverges). Cost against lr on a log axis
/// shows the three regimes the lecture's loss curves show: too low (flat), good (falling fast), too high (exploding).
/// </summary>
public static class LearningRateFinder
{
    /// <summary>
    /// Runs the test with <paramref name="training"/>'s optimiser, batch size, seed and stop factor (its learning
    /// rate and schedule are replaced by the ramp), for <paramref name="iterations"/> iterations at most.
    /// </summary>
    public static LearningRateFinderResult Run(MlpOptions architecture, TrainOptions training, Dataset train,
        double minRate = 1e-6, double maxRate = 10, int iterations = 100, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(train);
        if (!(minRate > 0) || !double.IsFinite(minRate)) throw new ArgumentOutOfRangeException(nameof(minRate), Invariant($"the lowest rate must be a positive number, got {minRate}"));
        if (!(maxRate > minRate) || !double.IsFinite(maxRate)) throw new ArgumentOutOfRangeException(nameof(maxRate), Invariant($"the highest rate must be above the lowest ({minRate}), got {maxRate}"));
        if (iterations < 5 || iterations > 100_000) throw new ArgumentOutOfRangeException(nameof(iterations), $"iterations must be between 5 and 100000, got {iterations}");

        int batch = Math.Min(training.BatchSize, train.Count);
        int perEpoch = (train.Count + batch - 1) / batch;
        var ramp = new ExponentialRamp(minRate, maxRate, (double)(iterations - 1) / perEpoch);
        var options = training with
        {
            LearningRate = minRate,
            Schedule = ramp,
            Epochs = (iterations + perEpoch - 1) / perEpoch,
            StopFactor = training.StopFactor ?? 3.0,
            TrainAccuracySamples = 1, // accuracy is not what this run is for
            SnapshotAtRestarts = false,
            SnapshotEveryEpochs = null,
            KeepBest = false,
        };
        var rates = new List<double>();
        var costs = new List<double>();
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var trainer = new Trainer();
        trainer.IterationCompleted += r =>
        {
            rates.Add(r.LearningRate);
            costs.Add(r.Cost);
            if (r.Iteration >= iterations) enough.Cancel(); // the ramp has reached maxRate
        };
        var history = trainer.Train(Mlp.Create(architecture), train, null, options, enough.Token);
        var reason = history.StopReason == StopReason.Cancelled && !ct.IsCancellationRequested ? StopReason.Completed : history.StopReason;
        var message = reason == StopReason.Completed ? $"ran {costs.Count} iterations from lr {Hyperparameter.Compact(minRate)} to {Hyperparameter.Compact(maxRate)}" : history.StopMessage;
        return new LearningRateFinderResult([.. rates], [.. costs], reason, message);
    }

    /// <summary>lr(e) = min · (max / min)^(e / E): the rate multiplies by the same factor each iteration.</summary>
    private sealed class ExponentialRamp(double min, double max, double epochs) : ILearningRateSchedule
    {
        public double InitialRate => min;

        public double Rate(double epoch) => epochs <= 0 ? min : Math.Min(max, min * Math.Pow(max / min, epoch / epochs));

        public override string ToString() => $"exponential ramp {Hyperparameter.Compact(min)} → {Hyperparameter.Compact(max)}";
    }
}
