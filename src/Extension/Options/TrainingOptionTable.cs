using NotebookDL.Data;
using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Session;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Schedules;
using NotebookDL.Training;

namespace NotebookDL.Extension.Options;

/// <summary>
/// The options of <c>#!train</c>, which every command that trains a network shares (<c>#!search</c>, <c>#!lr-find</c>,
/// <c>#!ensemble</c>, <c>#!batchnorm</c>, ...), each declared once; and the two engine option records they become:
/// the network (<see cref="MlpOptions"/>) and its training (<see cref="TrainOptions"/>). A command that needs another
/// default takes <see cref="Option{T}.With"/> of the same option.
/// </summary>
public static class TrainingOptionTable
{
    public static readonly Option<int[]> Hidden = Option.Custom<int[]>("--hidden",
        "hidden layer sizes, e.g. 50 or 100,50 (0 = no hidden layer: softmax regression)", [50], ReadHidden,
        h => h.Length == 0 ? "0" : string.Join(",", h)).Echoed(searchable: true);

    public static readonly Option<string> Activation = Option.Choice("--activation", "the activation after every hidden layer", "relu", () => ActivationRegistry.Names)
        .Echoed(searchable: true);

    public static readonly Option<string> Init = Option.Checked("--init",
        () => $"how the weights start: {InitializerRegistry.Described}, or a scale such as 1e-4", "small",
        text => Initializer.Parse(text)).Echoed(searchable: true);

    public static readonly Option<bool> BatchNorm = Option.Flag("--batchnorm", "batch norm after every hidden layer (its Dense drops the bias)")
        .Echoed(Echo.UnlessDefault);

    public static readonly Option<double> Dropout = Option.Number("--dropout", "dropout probability after every hidden activation", 0, 0, 0.95)
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<string> Optimizer = Option.Choice("--optimizer", "the update rule", new TrainOptions().Optimizer, () => OptimizerRegistry.Names)
        .Echoed(searchable: true);

    public static readonly Option<double> LearningRate = Option.Number("--lr", "learning rate lr0", new TrainOptions().LearningRate, 0, 1e12)
        .Echoed(searchable: true);

    public static readonly Option<string> Schedule = Option.Choice("--schedule", "how the learning rate changes per epoch", "constant", () => ScheduleRegistry.Names)
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<double?> Decay = Option.OptionalNumber("--decay",
        "exp: factor per epoch (0.95); step: factor every 5 epochs (0.5); inv: k in lr0/(1+k·epoch)", 0, 1e6)
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<double?> Momentum = Option.OptionalNumber("--momentum",
        "momentum's beta, Nesterov's mu, RMSprop's decay rate", 0, 0.999999,
        defaultText: $"{NumberText.Exact(new Momentum().Beta)} / {NumberText.Exact(new RmsProp().DecayRate)}")
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<double?> Beta1 = Option.OptionalNumber("--beta1", "Adam's beta1", 0, 0.999999, defaultText: NumberText.Exact(new Adam().Beta1))
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<double?> Beta2 = Option.OptionalNumber("--beta2", "Adam's beta2", 0, 0.999999999, defaultText: NumberText.Exact(new Adam().Beta2))
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<double> Reg = Option.Number("--reg", "regularisation strength λ", 0, 0, 1e12)
        .Echoed(searchable: true);

    public static readonly Option<string> RegKind = Option.Choice("--reg-kind", "l2 (0.5·λ·ΣW²), l1 (λ·Σ|W|) or elastic", "l2", "l2", "l1", "elastic")
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<int> Epochs = Option.Whole("--epochs", "passes over the training data", new TrainOptions().Epochs, 1, 100_000)
        .Echoed(searchable: true);

    public static readonly Option<int> Batch = Option.Whole("--batch", "mini-batch size", new TrainOptions().BatchSize, 1, 1_000_000)
        .Echoed(searchable: true);

    public static readonly Option<int?> Examples = Option.OptionalWhole("--examples", "train on only the first N training examples (e.g. 20 to overfit)", 1, int.MaxValue, defaultText: "all")
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<double?> StopFactor = Option.Custom<double?>("--stop-factor",
        "stop when the cost exceeds this multiple of the initial cost, or off", new TrainOptions().StopFactor,
        t => t.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : Option.ParseNumber("--stop-factor", t, 1, 1e12),
        f => f is double s ? NumberText.Exact(s) : "off").Echoed(searchable: true);

    public static readonly Option<int> Seed = Option.Whole("--seed", "seed of the weights, the shuffles and dropout", 0).Echoed();

    public static readonly Option<double> MaxSeconds = Option.Seconds("--max-seconds", "time budget: stop (keeping the history) after this long", 120);

    /// <summary>Every option of <c>#!train</c>'s network and training, in the order help and echo lines show them.</summary>
    public static readonly IReadOnlyList<CommandOption> All =
    [
        Hidden, Activation, Init, BatchNorm, Dropout, Optimizer, LearningRate, Schedule, Decay, Momentum, Beta1, Beta2,
        Reg, RegKind, Epochs, Batch, Examples, StopFactor, Seed, MaxSeconds,
    ];

    /// <summary>
    /// The training examples these values take from <paramref name="data"/>: the first <c>--examples</c> of them, or all
    /// when it is not given; an error when the data has fewer.
    /// </summary>
    public static Dataset TrainingExamples(OptionValues v, CurrentData data)
    {
        var train = data.Train;
        if (v.Get(Examples) is not int examples) return train;
        if (examples > train.Count)
            throw new CommandException($"{Examples.Name} {examples} is more than the {train.Count} training examples of {data.Name}");
        return train.Take(examples, $"{train.Name} (first {examples})");
    }

    /// <summary>The network these values describe for <paramref name="inputs"/> features and <paramref name="classes"/> classes, with the learner's plugged-in layers.</summary>
    public static MlpOptions Network(OptionValues v, int inputs, int classes, LearnerCode? learner)
    {
        var network = new MlpOptions
        {
            InputSize = inputs,
            Classes = classes,
            Hidden = v.Get(Hidden),
            Activation = v.Get(Activation),
            Init = Initializer.Parse(v.Get(Init)),
            BatchNorm = v.Get(BatchNorm),
            Dropout = v.Get(Dropout),
            Regularizer = Regularizer.Parse(v.Get(RegKind), v.Get(Reg)),
            Seed = v.Get(Seed),
        };
        return learner is null ? network : network with { LayerOverrides = learner.LayerOverrides }; // the learner's layers plugged in with #!use
    }

    /// <summary>The training these values describe, with the learner's plugged-in optimiser.</summary>
    public static TrainOptions Training(OptionValues v, LearnerCode? learner)
    {
        var optimizer = v.Get(Optimizer);
        var rule = OptimizerOptionsOf(v, optimizer);
        double lr = v.Get(LearningRate);
        var schedule = v.Get(Schedule);
        return new TrainOptions
        {
            Epochs = v.Get(Epochs),
            BatchSize = v.Get(Batch),
            LearningRate = lr,
            Optimizer = optimizer,
            OptimizerOptions = rule,
            OptimizerFactory = learner?.OptimizerFactory(optimizer, rule), // the learner's rule, if plugged in
            Schedule = schedule == "constant" ? null : Schedules.Schedule.Parse(schedule, lr, v.Get(Decay)),
            Seed = v.Get(Seed),
            StopFactor = v.Get(StopFactor),
            MaxDuration = TimeSpan.FromSeconds(v.Get(MaxSeconds)),
            SnapshotAtRestarts = false,
        }.Validate();
    }

    /// <summary>The settings of the optimiser named, refusing a setting it does not take.</summary>
    private static OptimizerOptions OptimizerOptionsOf(OptionValues v, string optimizer)
    {
        double? momentum = v.Get(Momentum), beta1 = v.Get(Beta1), beta2 = v.Get(Beta2);
        if (optimizer != "adam" && (beta1 is not null || beta2 is not null))
            throw new CommandException($"--beta1 and --beta2 are Adam's; the optimizer is {optimizer}");
        if (optimizer is "sgd" or "adam" && momentum is not null)
            throw new CommandException($"--momentum does not apply to {optimizer}; use --optimizer momentum, nesterov or rmsprop");
        return optimizer switch
        {
            "momentum" or "nesterov" => new OptimizerOptions { Beta = momentum },
            "rmsprop" => new OptimizerOptions { DecayRate = momentum },
            "adam" => new OptimizerOptions { Beta1 = beta1, Beta2 = beta2 },
            _ => new OptimizerOptions(),
        };
    }

    private static int[] ReadHidden(string text)
    {
        var hidden = Option.ParseWholes("--hidden", text, 0, 100_000);
        if (hidden.Length == 1 && hidden[0] == 0) return [];
        if (hidden.Contains(0)) throw new CommandException("--hidden sizes must be positive (or a single 0 for no hidden layer)");
        if (hidden.Length > 100) throw new CommandException($"--hidden lists {hidden.Length} layers; at most 100");
        return hidden;
    }
}
