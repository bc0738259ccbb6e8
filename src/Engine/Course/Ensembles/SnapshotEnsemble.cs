using NotebookDL.Data;
using NotebookDL.Schedules;
using NotebookDL.Training;

namespace NotebookDL.Ensembles;

/// <summary>
/// Snapshot ensembles (Huang et al. 2017, the lecture's "ensembles for free"): one run with cosine annealing and
/// warm restarts (SGDR), <c>cycles</c> cycles of equal length; at the end of each cycle the learning rate is at its
/// lowest and the model is good, so keep it; the restart then kicks the next cycle into another minimum. Average
/// the snapshots' predictions.
/// </summary>
public static class SnapshotEnsemble
{
    /// <summary>
    /// Trains one network for <paramref name="cycles"/> x <paramref name="cycleEpochs"/> epochs with
    /// lr = ½ lr0 (1 + cos(π t / T)) restarting every <paramref name="cycleEpochs"/> epochs (lr0 =
    /// <paramref name="training"/>'s learning rate), snapshots at each cycle's end, and evaluates them on
    /// <paramref name="val"/>.
    /// </summary>
    public static EnsembleRun Train(MlpOptions architecture, TrainOptions training, int cycles, int cycleEpochs,
        Dataset train, Dataset val, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(val);
        if (cycles < 1 || cycles > 100) throw new ArgumentOutOfRangeException(nameof(cycles), $"cycles must be between 1 and 100, got {cycles}");
        if (cycleEpochs < 1) throw new ArgumentOutOfRangeException(nameof(cycleEpochs), $"epochs per cycle must be >= 1, got {cycleEpochs}");
        var schedule = new CosineRestarts(training.LearningRate, cycleEpochs, tMult: 1);
        var options = training with
        {
            Epochs = cycles * cycleEpochs,
            LearningRate = schedule.InitialRate,
            Schedule = schedule,
            SnapshotAtRestarts = true,
            SnapshotEveryEpochs = null,
            KeepBest = false,
        };
        var net = Mlp.Create(architecture);
        var history = new Trainer().Train(net, train, val, options, ct);
        if (history.Snapshots.Count == 0)
            throw new InvalidOperationException($"the run took no snapshot: it stopped before the end of the first cycle ({history.StopMessage})");
        var ensemble = Ensemble.FromSnapshots(net, history.Snapshots);
        int perEpoch = history.IterationsPerEpoch;
        var rates = Enumerable.Range(0, history.Iterations).Select(i => schedule.Rate((double)i / perEpoch)).ToArray();
        return new EnsembleRun("snapshot", ensemble, ensemble.Evaluate(val), [history], rates,
            history.SnapshotEpochs.Select(e => e * perEpoch).ToArray());
    }
}
