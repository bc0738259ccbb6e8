using NotebookDL.Optimizers;
using NotebookDL.Schedules;
using static System.FormattableString;

namespace NotebookDL.Training;

/// <summary>
/// Settings of a training run, each with its default (change them with <c>with</c>-copies). The learning
/// rate lr0 comes from <see cref="LearningRate"/> or from <see cref="Schedule"/>: set either; setting both
/// to different lr0 is an error rather than a silent choice.
/// </summary>
public sealed record TrainOptions
{
    private readonly double? _learningRate;

    /// <summary>Passes over the training data (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch (default 200; larger than the data = the whole data set).</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>lr0 (default 1e-3, or the schedule's lr0 when only <see cref="Schedule"/> is set).</summary>
    public double LearningRate
    {
        get => _learningRate ?? Schedule?.InitialRate ?? 1e-3;
        init => _learningRate = value;
    }

    /// <summary>The update rule by name: sgd (default), momentum, nesterov, rmsprop or adam.</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Hyperparameters of <see cref="Optimizer"/> (null = the rule's defaults).</summary>
    public OptimizerOptions? OptimizerOptions { get; init; }

    /// <summary>When set, makes the optimiser instead of <see cref="Optimizer"/> (a rule of your own).</summary>
    public Func<IOptimizer>? OptimizerFactory { get; init; }

    /// <summary>How the rate changes over the run; null (default) = constant <see cref="LearningRate"/>.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>Seed of the mini-batch shuffles and of the train-accuracy subsample (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Stop when the cost exceeds this multiple of the initial cost (the lecture's "3x the original cost";
    /// default 3.0; null = never). Must be &gt;= 1.
    /// </summary>
    public double? StopFactor { get; init; } = 3.0;

    /// <summary>
    /// Examples of the training set on which train accuracy is measured after each epoch (default 1000, as
    /// cs231n's Solver subsamples; null = all). The subsample is drawn once per run with <see cref="Seed"/>,
    /// so the curve shows the model changing, not the sample.
    /// </summary>
    public int? TrainAccuracySamples { get; init; } = 1000;

    /// <summary>
    /// The precision a network of doubles is trained in (default <see cref="Dtype.Float64"/>). With
    /// <see cref="Dtype.Float32"/> the trainer trains a float copy of it (its weights rounded once) and writes the
    /// trained numbers back into it, exactly (every float is a double): what reads the network afterwards sees a
    /// double network. A network of floats always trains in float32.
    /// </summary>
    public Dtype Dtype { get; init; }

    /// <summary>A time budget; the run stops (keeping its history) once it has passed. Null = none.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Take a snapshot at the end of every learning-rate cycle (the schedule's restarts), for snapshot ensembles.</summary>
    public bool SnapshotAtRestarts { get; init; }

    /// <summary>Take a snapshot every this many epochs (null = never).</summary>
    public int? SnapshotEveryEpochs { get; init; }

    /// <summary>
    /// At the end, restore the parameters of the epoch with the best validation accuracy (cs231n's Solver
    /// keeps <c>best_params</c>). Needs a validation set. Default false.
    /// </summary>
    public bool KeepBest { get; init; }

    /// <summary>The schedule the trainer follows: <see cref="Schedule"/>, or a constant <see cref="LearningRate"/>.</summary>
    public ILearningRateSchedule EffectiveSchedule => Schedule ?? new Constant(LearningRate);

    /// <summary>A fresh optimiser for one run.</summary>
    public IOptimizer CreateOptimizer() =>
        OptimizerFactory?.Invoke() ?? Optimizers.Optimizer.Parse(Optimizer, OptimizerOptions);

    /// <summary>Throws a clear <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public TrainOptions Validate()
    {
        if (Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), $"epochs must be > 0, got {Epochs}");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"batch size must be > 0, got {BatchSize}");
        HyperparameterCheck.LearningRate(LearningRate, nameof(LearningRate));
        if (_learningRate is double lr && Schedule is not null && lr != Schedule.InitialRate)
            throw new ArgumentException(Invariant(
                $"learning rate {lr} differs from the schedule's lr0 {Schedule.InitialRate} ({Schedule}): set one of them, or both alike"));
        if (StopFactor is double f && (!(f >= 1) || double.IsInfinity(f)))
            throw new ArgumentOutOfRangeException(nameof(StopFactor), Invariant($"stop factor must be a finite number >= 1 (or null = off), got {f}"));
        if (TrainAccuracySamples is int s && s <= 0)
            throw new ArgumentOutOfRangeException(nameof(TrainAccuracySamples), $"train accuracy samples must be > 0 (or null = all), got {s}");
        if (MaxDuration is TimeSpan d && d <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MaxDuration), $"time budget must be positive (or null = none), got {d}");
        if (SnapshotEveryEpochs is int k && k <= 0)
            throw new ArgumentOutOfRangeException(nameof(SnapshotEveryEpochs), $"snapshot period must be > 0 epochs (or null = never), got {k}");
        if (SnapshotAtRestarts && EffectiveSchedule.Restarts(Epochs).Count == 0)
            throw new ArgumentException($"SnapshotAtRestarts needs a schedule that restarts within {Epochs} epochs (e.g. cosine-restarts); {EffectiveSchedule} has none");
        if (OptimizerFactory is null) CreateOptimizer(); // throws for an unknown name or a bad hyperparameter
        return this;
    }
}
