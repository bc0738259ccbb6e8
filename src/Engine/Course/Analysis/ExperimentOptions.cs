using NotebookDL.Init;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// What every network of an <see cref="Experiment"/> is and how it trains: the same architecture, start and
/// schedule for each contender, so the comparison measures the one thing that differs (the labels, the
/// transferred layers, the shared trunk). Defaults train the built-in digits in a fraction of a second.
/// </summary>
public sealed record ExperimentOptions
{
    /// <summary>Hidden layer widths (default one layer of 50).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [50];

    /// <summary>Hidden activation (default relu).</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>How weights start (default He, for ReLU).</summary>
    public Initializer Init { get; init; } = Initializer.He;

    /// <summary>Training settings of each stage (default Adam, lr 1e-3, 20 epochs of batch 100).</summary>
    public TrainOptions Training { get; init; } = new() { Optimizer = "adam", LearningRate = 1e-3, Epochs = 20, BatchSize = 100 };

    /// <summary>Seed of the weights, the shuffles and any sampling the experiment does (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Time budget of the whole experiment (null = none).</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>A network for <paramref name="inputs"/> features and <paramref name="outputs"/> outputs with these settings.</summary>
    public Network CreateNetwork(int inputs, int outputs, string loss = "softmax", IReadOnlyList<int>? hidden = null) => Mlp.Create(new MlpOptions
    {
        InputSize = inputs,
        Classes = outputs,
        Hidden = hidden ?? Hidden,
        Activation = Activation,
        Init = Init,
        Loss = loss,
        Seed = Seed,
    });

    /// <summary>The stage's training options with this seed (checked).</summary>
    public TrainOptions StageTraining(int? epochs = null) => (Training with { Seed = Seed, Epochs = epochs ?? Training.Epochs }).Validate();

    /// <summary>Throws a clear exception naming the first bad setting; returns this.</summary>
    public ExperimentOptions Validate()
    {
        foreach (var h in Hidden)
            if (h <= 0) throw new ArgumentOutOfRangeException(nameof(Hidden), h, $"hidden layer widths must be positive, got {h}");
        if (MaxDuration is TimeSpan d && d <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MaxDuration), $"time budget must be positive (or null = none), got {d}");
        ArgumentNullException.ThrowIfNull(Training);
        Training.Validate();
        return this;
    }
}
