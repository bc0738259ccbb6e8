using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// Trains one network on the training part of two-distribution splits (train / train-dev / dev / test) and
/// measures the lecture's table on them: which gap is biggest says what to work on.
/// </summary>
public sealed class MismatchExperiment : Experiment
{
    /// <summary>
    /// Trains on <paramref name="splits"/>.Train (validating on the dev part) and measures the errors.
    /// </summary>
    /// <param name="splits">Splits with a dev (Val) part; a train-dev part is needed to tell variance from mismatch.</param>
    /// <param name="humanError">Human-level error, in [0, 1].</param>
    /// <param name="options">The network and its training.</param>
    /// <param name="ct">Stops training within a mini-batch; the table is measured on the network as it is.</param>
    /// <exception cref="ArgumentException">No dev part, or multi-label data.</exception>
    public MismatchResult Run(DatasetSplits splits, double humanError, ExperimentOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dev = splits.Val ?? throw new ArgumentException("the splits have no dev (val) part to measure the dev error on");
        if (!(humanError >= 0 && humanError <= 1))
            throw new ArgumentOutOfRangeException(nameof(humanError), humanError, $"human-level error must be in [0, 1] (0.01 for 1%), got {humanError}");
        splits.Train.Y.RequireClasses(splits.Train.Name);

        Begin(options.MaxDuration);
        var net = options.CreateNetwork(splits.Train.Features, Math.Max(splits.Train.Classes, dev.Classes));
        var history = TrainStage("train on the training mix", 1, 1, net, splits.Train, dev, options.StageTraining(), ct);
        return new MismatchResult(BiasVarianceTable.Of(net, splits, humanError), net, history, splits, options, StopMessage);
    }
}

/// <summary>
/// The network trained on two-distribution splits and the table measured on it.
/// </summary>
public sealed record MismatchResult(BiasVarianceTable Table, Network Network, TrainingHistory History, DatasetSplits Splits,
                                    ExperimentOptions Options, string? StopMessage)
{
    public override string ToString() => (StopMessage is null ? "" : $"stopped early: {StopMessage}{Environment.NewLine}") + Table;
}
