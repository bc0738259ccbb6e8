using NotebookDL.Analysis;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The network and training options the experiment commands share (<c>#!label-noise</c>, <c>#!mismatch</c>,
/// <c>#!transfer</c>, <c>#!multitask</c>): every network of an experiment is the same ReLU MLP trained with Adam,
/// so the comparison measures only what the experiment changes. The rows are <c>#!train</c>'s options
/// (<see cref="TrainingOptionTable"/>) with the experiments' defaults; the values read from them, checked against the
/// experiments' own limits, become the engine's <see cref="ExperimentOptions"/> and the options that reproduce the run.
/// </summary>
public sealed class ExperimentSettings
{
    /// <summary>Most hidden layers of an experiment's networks.</summary>
    public const int MaxLayers = 5;

    /// <summary>Most units of one hidden layer of an experiment's networks.</summary>
    public const int MaxUnits = 4096;

    public static readonly Option<int[]> Hidden = TrainingOptionTable.Hidden.With(new[] { 50 },
        $"hidden layer sizes of every network (ReLU, He init, Adam), e.g. 50 or 100,50 (1 to {MaxLayers} layers of 1 to {MaxUnits} units)");

    public static readonly Option<int> Epochs = TrainingOptionTable.Epochs.With(20, "epochs of each training");

    public static readonly Option<double> LearningRate = TrainingOptionTable.LearningRate.With(1e-3, "Adam's learning rate");

    public static readonly Option<int> Batch = TrainingOptionTable.Batch.With(100);

    public static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of the weights, the shuffles and the experiment's sampling");

    public static readonly Option<double> MaxSeconds = TrainingOptionTable.MaxSeconds.With(60,
        "time budget of the whole experiment: stop (keeping what ran) after this long", echo: Echo.Always);

    /// <summary>The rows in the order help and echo lines show them, at the experiments' defaults.</summary>
    public static readonly IReadOnlyList<CommandOption> All = [Hidden, Epochs, LearningRate, Batch, Seed, MaxSeconds];

    /// <summary>The rows with a command's own defaults (e.g. <c>#!transfer</c>'s wider network and faster rate).</summary>
    public static IReadOnlyList<CommandOption> Rows(int[]? hidden = null, double? learningRate = null, string? epochsHelp = null) =>
    [
        hidden is null ? Hidden : Hidden.With(hidden),
        epochsHelp is null ? Epochs : Epochs.With(help: epochsHelp),
        learningRate is double lr ? LearningRate.With(lr) : LearningRate,
        Batch, Seed, MaxSeconds,
    ];

    private ExperimentSettings(OptionValues values) => Values = values;

    /// <summary>The values of the command's options (typed, or the command's defaults).</summary>
    public OptionValues Values { get; }

    /// <summary>One setting, e.g. <c>settings.Get(ExperimentSettings.Seed)</c>.</summary>
    public T Get<T>(Option<T> option) => Values.Get(option);

    /// <summary>The settings of a command line, refusing networks an experiment does not take (no hidden layer, too many, too wide).</summary>
    public static ExperimentSettings Read(OptionValues values)
    {
        var hidden = values.Get(Hidden);
        if (hidden.Length == 0 || hidden.Any(h => h > MaxUnits))
            throw new CommandException($"{Hidden.Name} takes whole numbers between 1 and {MaxUnits} in an experiment, got {Hidden.Format(hidden)}");
        if (hidden.Length > MaxLayers) throw new CommandException($"{Hidden.Name} lists {hidden.Length} layers; experiments take at most {MaxLayers}");
        return new ExperimentSettings(values);
    }

    /// <summary>The engine's options.</summary>
    public ExperimentOptions Options() => new ExperimentOptions
    {
        Hidden = Get(Hidden),
        Training = new TrainOptions { Optimizer = "adam", LearningRate = Get(LearningRate), Epochs = Get(Epochs), BatchSize = Get(Batch) },
        Seed = Get(Seed),
        MaxDuration = TimeSpan.FromSeconds(Get(MaxSeconds)),
    }.Validate();

    /// <summary>Refuses networks that would not fit in memory, with the estimate (as <c>#!train</c> does).</summary>
    public void CheckWork(int inputs, int outputs, int examples) =>
        WorkGuard.CheckTraining(new MlpOptions { InputSize = inputs, Classes = outputs, Hidden = Get(Hidden) },
            new TrainOptions { BatchSize = Get(Batch), Epochs = Get(Epochs) }, examples);

    /// <summary>"--hidden 50 --epochs 20 --lr 0.001 --batch 100 --seed 0 --max-seconds 60".</summary>
    public string CommandLine() => Values.Echo("", All);
}
