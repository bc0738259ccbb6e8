using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The network and training options the experiment commands share (<c>#!label-noise</c>, <c>#!mismatch</c>,
/// <c>#!transfer</c>, <c>#!multitask</c>): every network of an experiment is the same ReLU MLP trained with Adam,
/// so the comparison measures only what the experiment changes. Read with clear errors, turned into the
/// engine's <see cref="ExperimentOptions"/>, and printed back as options that reproduce the run.
/// </summary>
public sealed record ExperimentSettings
{
    public int[] Hidden { get; init; } = [50];
    public int Epochs { get; init; } = 20;
    public double LearningRate { get; init; } = 1e-3;
    public int Batch { get; init; } = 100;
    public int Seed { get; init; }
    public double MaxSeconds { get; init; } = 60;

    /// <summary>The shared options with the command's defaults.</summary>
    public IReadOnlyList<OptionSpec> Specs(string epochsWhat = "epochs of each training") =>
    [
        new OptionSpec("--hidden", "hidden layer sizes of every network (ReLU, He init, Adam), e.g. 50 or 100,50", string.Join(",", Hidden)),
        new OptionSpec("--epochs", epochsWhat, Epochs.ToString(CultureInfo.InvariantCulture)),
        new OptionSpec("--lr", "Adam's learning rate", LearningRate.ToString("G4", CultureInfo.InvariantCulture)),
        new OptionSpec("--batch", "mini-batch size", Batch.ToString(CultureInfo.InvariantCulture)),
        new OptionSpec("--seed", "seed of the weights, the shuffles and the experiment's sampling", "0"),
        new OptionSpec("--max-seconds", "time budget of the whole experiment: stop (keeping what ran) after this long", MaxSeconds.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Reads the shared options over these defaults, each checked with a message naming it.</summary>
    public ExperimentSettings Read(OptionReader r)
    {
        var hidden = r.Ints("--hidden", 1, 4096);
        if (hidden is { Length: > 5 }) throw new CommandException($"--hidden lists {hidden.Length} layers; experiments take at most 5");
        return new ExperimentSettings
        {
            Hidden = hidden ?? Hidden,
            Epochs = r.Int("--epochs", Epochs, 1, 10_000),
            LearningRate = r.Double("--lr", LearningRate, 1e-8, 10),
            Batch = r.Int("--batch", Batch, 1, 100_000),
            Seed = r.Int("--seed", Seed),
            MaxSeconds = r.Double("--max-seconds", MaxSeconds, 0.1, 86_400),
        };
    }

    /// <summary>The engine's options.</summary>
    public ExperimentOptions Options() => new ExperimentOptions
    {
        Hidden = Hidden,
        Training = new TrainOptions { Optimizer = "adam", LearningRate = LearningRate, Epochs = Epochs, BatchSize = Batch },
        Seed = Seed,
        MaxDuration = TimeSpan.FromSeconds(MaxSeconds),
    }.Validate();

    /// <summary>Refuses networks that would not fit in memory, with the estimate (as <c>#!train</c> does).</summary>
    public void CheckWork(int inputs, int outputs, int examples) =>
        WorkGuard.CheckTraining(new MlpOptions { InputSize = inputs, Classes = outputs, Hidden = Hidden }, new TrainOptions { BatchSize = Batch, Epochs = Epochs }, examples);

    /// <summary>"--hidden 50 --epochs 20 --lr 0.001 --batch 100 --seed 0 --max-seconds 60".</summary>
    public string CommandLine() => string.Create(CultureInfo.InvariantCulture,
        $"--hidden {string.Join(",", Hidden)} --epochs {Epochs} --lr {LearningRate:G4} --batch {Batch} --seed {Seed} --max-seconds {MaxSeconds:G4}");
}
