using System.Globalization;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Schedules;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The options every training command shares (<c>#!train</c>, <c>#!sanity-check</c>, <c>#!batchnorm</c>), read
/// once with clear errors, turned into the engine's <see cref="MlpOptions"/> and <see cref="TrainOptions"/>,
/// and printed back as the <c>#!train</c> line that reproduces the run.
/// </summary>
public sealed record TrainSettings
{
    public int[] Hidden { get; init; } = [50];
    public string Activation { get; init; } = "relu";
    public string Init { get; init; } = "small";
    public bool BatchNorm { get; init; }
    public double Dropout { get; init; }
    public string Optimizer { get; init; } = "sgd";
    public double LearningRate { get; init; } = 1e-3;
    public string Schedule { get; init; } = "constant";
    public double? Decay { get; init; }
    public double? Momentum { get; init; }
    public double? Beta1 { get; init; }
    public double? Beta2 { get; init; }
    public double Reg { get; init; }
    public string RegKind { get; init; } = "l2";
    public int Epochs { get; init; } = 10;
    public int Batch { get; init; } = 200;
    public int? Examples { get; init; }
    public double? StopFactor { get; init; } = 3.0;
    public int Seed { get; init; }
    public double MaxSeconds { get; init; } = 120;

    // The choices are the engine's registries as they are now: an activation registered later is a choice too.
    public static string[] Activations => [.. ActivationRegistry.Names];
    public static string[] Optimizers => [.. OptimizerRegistry.Names];
    public static string[] Schedules => [.. ScheduleRegistry.Names];

    /// <summary>The shared options with their defaults, for a command's directive and help (choices as registered now).</summary>
    public static IReadOnlyList<OptionSpec> Specs(double maxSeconds = 120) =>
    [
        new("--hidden", "hidden layer sizes, e.g. 50 or 100,50 (0 = softmax regression)", "50"),
        new("--activation", ActivationRegistry.NameList, "relu"),
        new("--init", InitializerRegistry.Described + ", or a scale such as 1e-4", "small"),
        new("--batchnorm", "batch norm after every hidden layer (its Dense drops the bias)", Flag: true),
        new("--dropout", "dropout probability after every hidden activation", "0"),
        new("--optimizer", OptimizerRegistry.NameList, "sgd"),
        new("--lr", "learning rate lr0", "1e-3"),
        new("--schedule", ScheduleRegistry.NameList, "constant"),
        new("--decay", "exp: factor per epoch (0.95); step: factor every 5 epochs (0.5); inv: k in lr0/(1+k·epoch)"),
        new("--momentum", "momentum's beta (0.9), Nesterov's mu, RMSprop's decay rate (0.99)"),
        new("--beta1", "Adam's beta1", "0.9"),
        new("--beta2", "Adam's beta2", "0.999"),
        new("--reg", "regularisation strength lambda", "0"),
        new("--reg-kind", "l2, l1 or elastic", "l2"),
        new("--epochs", "passes over the training data", "10"),
        new("--batch", "mini-batch size", "200"),
        new("--examples", "train on only the first N training examples (e.g. 20 to overfit)"),
        new("--stop-factor", "stop when the cost exceeds this multiple of the initial cost, or off", "3"),
        new("--seed", "seed of the weights, the shuffles and dropout", "0"),
        new("--max-seconds", "time budget: stop (keeping the history) after this long", maxSeconds.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Reads the shared options, each checked with a message naming it.</summary>
    public static TrainSettings Read(OptionReader r, TrainSettings? defaults = null)
    {
        var d = defaults ?? new TrainSettings();
        var stopText = r.Text("--stop-factor");
        return new TrainSettings
        {
            Hidden = ReadHidden(r) ?? d.Hidden,
            Activation = r.Choice("--activation", d.Activation, Activations),
            Init = ReadInit(r) ?? d.Init,
            BatchNorm = (r.Declares("--batchnorm") && r.Flag("--batchnorm")) || d.BatchNorm,
            Dropout = r.Double("--dropout", d.Dropout, 0, 0.95),
            Optimizer = r.Choice("--optimizer", d.Optimizer, Optimizers),
            LearningRate = r.Double("--lr", d.LearningRate, 0, 1e12),
            Schedule = r.Choice("--schedule", d.Schedule, Schedules),
            Decay = r.OptionalDouble("--decay", 0, 1e6) ?? d.Decay,
            Momentum = r.OptionalDouble("--momentum", 0, 0.999999) ?? d.Momentum,
            Beta1 = r.OptionalDouble("--beta1", 0, 0.999999) ?? d.Beta1,
            Beta2 = r.OptionalDouble("--beta2", 0, 0.999999999) ?? d.Beta2,
            Reg = r.Double("--reg", d.Reg, 0, 1e12),
            RegKind = r.Choice("--reg-kind", d.RegKind, "l2", "l1", "elastic"),
            Epochs = r.Int("--epochs", d.Epochs, 1, 100_000),
            Batch = r.Int("--batch", d.Batch, 1, 1_000_000),
            Examples = r.Has("--examples") ? r.Int("--examples", 0, 1, int.MaxValue) : d.Examples,
            StopFactor = stopText is null ? d.StopFactor
                : stopText.Equals("off", StringComparison.OrdinalIgnoreCase) ? null
                : r.Double("--stop-factor", 3, 1, 1e12),
            Seed = r.Int("--seed", d.Seed),
            MaxSeconds = NotebookDL.Extension.Session.ClassroomLimits.Budget(r.Double("--max-seconds", d.MaxSeconds, 0.1, 86_400)),
        };
    }

    /// <summary>The network for <paramref name="inputSize"/> features and <paramref name="classes"/> classes.</summary>
    public MlpOptions Architecture(int inputSize, int classes) => new()
    {
        InputSize = inputSize,
        Classes = classes,
        Hidden = Hidden,
        Activation = Activation,
        Init = Initializer.Parse(Init),
        BatchNorm = BatchNorm,
        Dropout = Dropout,
        Regularizer = Regularizer.Parse(RegKind, Reg),
        Seed = Seed,
        LayerOverrides = Session.LearnerCode.LayerOverrides, // the learner's layers plugged in with #!use
    };

    /// <summary>The engine's training options.</summary>
    public TrainOptions Training() => new TrainOptions
    {
        Epochs = Epochs,
        BatchSize = Batch,
        LearningRate = LearningRate,
        Optimizer = Optimizer,
        OptimizerOptions = OptimizerOptionsFor(),
        OptimizerFactory = Session.LearnerCode.OptimizerFactory(Optimizer, OptimizerOptionsFor()), // the learner's rule, if plugged in
        Schedule = Schedule == "constant" ? null : NotebookDL.Schedules.Schedule.Parse(Schedule, LearningRate, Decay),
        Seed = Seed,
        StopFactor = StopFactor,
        MaxDuration = TimeSpan.FromSeconds(MaxSeconds),
        SnapshotAtRestarts = false,
    }.Validate();

    /// <summary>The <c>#!train</c> line that reproduces these settings (every option, defaults included).</summary>
    public string CommandLine(string command = "#!train")
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            command,
            "--hidden " + (Hidden.Length == 0 ? "0" : string.Join(",", Hidden)),
            "--activation " + Activation,
            "--init " + Init,
        };
        if (BatchNorm) parts.Add("--batchnorm");
        if (Dropout > 0) parts.Add("--dropout " + Dropout.ToString(c));
        parts.Add("--optimizer " + Optimizer);
        parts.Add("--lr " + Exact(LearningRate)); // round-trip: a searched rate reproduces exactly
        if (Schedule != "constant") parts.Add("--schedule " + Schedule + (Decay is double dd ? " --decay " + dd.ToString(c) : ""));
        if (Momentum is double m) parts.Add("--momentum " + m.ToString(c));
        if (Beta1 is double b1) parts.Add("--beta1 " + b1.ToString(c));
        if (Beta2 is double b2) parts.Add("--beta2 " + b2.ToString(c));
        parts.Add("--reg " + Exact(Reg));
        if (Reg > 0 && RegKind != "l2") parts.Add("--reg-kind " + RegKind);
        parts.Add("--epochs " + Epochs);
        parts.Add("--batch " + Batch);
        if (Examples is int e) parts.Add("--examples " + e);
        parts.Add("--stop-factor " + (StopFactor is double s ? s.ToString(c) : "off"));
        parts.Add("--seed " + Seed);
        return string.Join(" ", parts);
    }

    /// <summary>The shortest text that reads back as <paramref name="v"/>, in exponent form below 1e-3 and from 1e6 (1.405e-4).</summary>
    private static string Exact(double v)
    {
        double a = Math.Abs(v);
        if (a == 0 || (a >= 1e-3 && a < 1e6) || !double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture);
        for (int digits = 1; ; digits++)
        {
            var text = v.ToString("E" + (digits - 1), CultureInfo.InvariantCulture);
            if (digits >= 17 || double.Parse(text, CultureInfo.InvariantCulture) == v)
            {
                int e = text.IndexOf('E');
                return text[..e] + "e" + int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private OptimizerOptions? OptimizerOptionsFor()
    {
        var o = Optimizer switch
        {
            "momentum" or "nesterov" => new OptimizerOptions { Beta = Momentum },
            "rmsprop" => new OptimizerOptions { DecayRate = Momentum },
            "adam" => new OptimizerOptions { Beta1 = Beta1, Beta2 = Beta2 },
            _ => new OptimizerOptions(),
        };
        if (Optimizer != "adam" && (Beta1 is not null || Beta2 is not null))
            throw new CommandException($"--beta1 and --beta2 are Adam's; the optimizer is {Optimizer}");
        if (Optimizer is "sgd" or "adam" && Momentum is not null)
            throw new CommandException($"--momentum does not apply to {Optimizer}; use --optimizer momentum, nesterov or rmsprop");
        return o;
    }

    private static int[]? ReadHidden(OptionReader r)
    {
        var hidden = r.Ints("--hidden", 0, 100_000);
        if (hidden is null) return null;
        if (hidden.Length == 1 && hidden[0] == 0) return [];
        if (hidden.Contains(0)) throw new CommandException("--hidden sizes must be positive (or a single 0 for no hidden layer)");
        if (hidden.Length > 100) throw new CommandException($"--hidden lists {hidden.Length} layers; at most 100");
        return hidden;
    }

    private static string? ReadInit(OptionReader r)
    {
        var init = r.Text("--init");
        if (init is null) return null;
        try
        {
            Initializer.Parse(init);
        }
        catch (ArgumentException e)
        {
            throw new CommandException("--init: " + e.Message);
        }
        return init;
    }
}
