using NotebookDL.Extension.Commands;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Schedules;
using NotebookDL.Training;

namespace NotebookDL.Extension.Options;

/// <summary>
/// The options of <c>#!train</c>, which every command that trains a network shares (<c>#!search</c>, <c>#!lr-find</c>,
/// <c>#!ensemble</c>, <c>#!batchnorm</c>, ...), each declared once: name, help, default, the values it takes, how it
/// is echoed and whether <c>#!search</c> may range over it. A command that needs another default takes
/// <see cref="Option{T}.With"/> of the same option; <see cref="Commands.TrainSettings"/> turns the values into the
/// engine's <see cref="MlpOptions"/> and <see cref="TrainOptions"/>.
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

    public static readonly Option<double> LearningRate = Option.Number("--lr", () => "learning rate lr0" + DataDefaults(d => d.LearningRate), new TrainOptions().LearningRate, 0, 1e12)
        .Echoed(searchable: true).DataDefaulted();

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

    public static readonly Option<string> RegKind = Option.Choice("--reg-kind", "the penalty (l2 adds 0.5·λ·ΣW², l1 adds λ·Σ|W|, elastic both)", "l2", "l2", "l1", "elastic")
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<int> Epochs = Option.Whole("--epochs", () => "passes over the training data" + EpochsOfData, new TrainOptions().Epochs, 1, 100_000)
        .Echoed(searchable: true).DataDefaulted();

    public static readonly Option<int> Batch = Option.Whole("--batch", "mini-batch size", new TrainOptions().BatchSize, 1, 1_000_000)
        .Echoed(searchable: true);

    public static readonly Option<int?> Examples = Option.OptionalWhole("--examples", "train on only the first N training examples (e.g. 20 to overfit)", 1, int.MaxValue, defaultText: "all")
        .Echoed(Echo.UnlessDefault, searchable: true);

    public static readonly Option<double?> StopFactor = Option.Custom<double?>("--stop-factor",
        "stop when the cost exceeds this multiple of the initial cost, or off", new TrainOptions().StopFactor,
        t => t.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : Option.ParseNumber("--stop-factor", t, 1, 1e12),
        f => f is double s ? NumberText.Exact(s) : "off").Echoed(searchable: true);

    public static readonly Option<int> Seed = Option.Whole("--seed", "seed of the weights, the shuffles and dropout", 0).Echoed();

    public static readonly Option<Dtype> Dtype = Option.Custom("--dtype",
        $"the precision the network trains in: {string.Join(", ", Dtypes.Names)} (float32: half the memory, twice the vector lanes; gradient checks stay float64)",
        new TrainOptions().Dtype, ReadDtype, d => d.Name()).Echoed(Echo.UnlessDefault);

    public static readonly Option<double> MaxSeconds = Option.Seconds("--max-seconds", "time budget: stop (keeping the history) after this long", 120);

    /// <summary>Every option of <c>#!train</c>'s network and training, in the order help and echo lines show them.</summary>
    public static readonly IReadOnlyList<CommandOption> All =
    [
        Hidden, Activation, Init, BatchNorm, Dropout, Optimizer, LearningRate, Schedule, Decay, Momentum, Beta1, Beta2,
        Reg, RegKind, Epochs, Batch, Examples, StopFactor, Seed, Dtype, MaxSeconds,
    ];

    /// <summary>
    /// The data sets whose default differs from the lecture's, e.g. "; on digits 0.5, spiral 1, csv 1 (the lecture's
    /// default learns nothing there in 10 epochs)", from <see cref="NotebookDL.Data.DatasetDefaults"/>.
    /// </summary>
    /// <summary>The data sets whose default epochs differ from the lecture's, as --epochs' help ends.</summary>
    public static string EpochsOfData => DataDefaults(d => d.Epochs);

    private static string DataDefaults<T>(Func<NotebookDL.Data.DatasetDefaults, T?> value) where T : struct, IFormattable
    {
        var own = NotebookDL.Data.DatasetDefaults.Names
            .Select(name => (name, value: value(NotebookDL.Data.DatasetDefaults.For(name))))
            .Where(p => p.value is not null)
            .Select(p => $"{p.name} {p.value!.Value.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        return own.Count == 0 ? "" : $"; on {string.Join(", ", own)} (the default is the lecture's, for CIFAR-10: it learns nothing in 10 epochs on these small sets)";
    }

    private static Dtype ReadDtype(string text)
    {
        try
        {
            return Dtypes.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CommandException($"--dtype: {e.Message}");
        }
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
