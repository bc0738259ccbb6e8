using NotebookDL.Data;
using NotebookDL.Probes;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// The lecture's case for batch norm: one architecture trained twice on the same data, without and then with
/// batch norm after every hidden Dense, then the spread of each hidden layer's activations in both, and the
/// running statistics of the first batch-norm layer against one mini-batch's. A deep net with small weights
/// stalls without it and trains with it.
/// <para>
/// The options' time budget is the whole experiment's: each run has half of it, so the comparison stays fair and
/// the two together keep the budget; the second runs even when the first stopped early, as two separate training
/// runs would; a cancelled token stops both within a mini-batch, keeping what ran.
/// </para>
/// <code>
/// var experiment = new BatchNormExperiment();
/// var result = experiment.Run(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [100, 100, 100, 100] },
///     new TrainOptions { LearningRate = 0.05, BatchSize = 100 }, digits.Train, digits.Val);
/// Console.WriteLine(result.NormalizedHistory.Epochs[^1].ValAccuracy);
/// </code>
/// </summary>
public sealed class BatchNormExperiment
{
    /// <summary>The activation spread is measured on at most this many examples.</summary>
    public const int ProbeExamples = 500;

    /// <summary>Raised on the training thread before each of the two runs: subscribe to its trainer's events for live curves.</summary>
    public event Action<TrainingStage>? StageStarting;

    /// <summary>Raised on the training thread after each run, with its history.</summary>
    public event Action<TrainingStage, TrainingHistory>? StageCompleted;

    /// <summary>
    /// Trains <paramref name="architecture"/> without and with batch norm (its own <see cref="MlpOptions.BatchNorm"/> is
    /// replaced) on <paramref name="train"/>, measuring accuracy on <paramref name="val"/> when given. The activations
    /// are measured on the first <see cref="ProbeExamples"/> of <paramref name="val"/> (else of
    /// <paramref name="reference"/>), the batch statistics on the first mini-batch of <paramref name="reference"/>;
    /// <paramref name="reference"/> defaults to <paramref name="train"/> (give the whole training set when
    /// <paramref name="train"/> is a part of it).
    /// </summary>
    public BatchNormResult Run(MlpOptions architecture, TrainOptions training, Dataset train, Dataset? val = null,
        Dataset? reference = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(train);
        if (architecture.Hidden.Count == 0) throw new ArgumentException("batch norm goes after hidden layers: give at least one", nameof(architecture));
        reference ??= train;
        if (training.MaxDuration is TimeSpan budget) training = training with { MaxDuration = budget / 2 };
        var (plain, plainHistory) = Train("without batch norm", 1, architecture with { BatchNorm = false }, training, train, val, ct);
        var (normalized, normalizedHistory) = Train("with batch norm", 2, architecture with { BatchNorm = true }, training, train, val, ct);
        var probe = (val ?? reference).Take(ProbeExamples).X;
        return new BatchNormResult(plain, plainHistory, normalized, normalizedHistory,
            ActivationStats.OfNetwork(plain, probe), ActivationStats.OfNetwork(normalized, probe),
            BatchStatistics.OfFirstBatchNorm(normalized, reference.Take(training.BatchSize).X));
    }

    private (Network, TrainingHistory) Train(string name, int index, MlpOptions architecture, TrainOptions training, Dataset train, Dataset? val, CancellationToken ct)
    {
        var net = Mlp.Create(architecture);
        var trainer = new Trainer();
        var stage = new TrainingStage(name, index, 2, trainer, net, train, training);
        StageStarting?.Invoke(stage);
        var history = trainer.Train(net, train, val, training, ct);
        StageCompleted?.Invoke(stage, history);
        return (net, history);
    }
}
