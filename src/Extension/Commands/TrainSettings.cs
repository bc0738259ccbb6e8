using NotebookDL.Data;
using NotebookDL.Extension.Options;
using NotebookDL.Extension.Session;
using NotebookDL.Init;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The settings of one training run as <c>#!train</c> reads them: the values of <see cref="TrainingOptionTable"/>'s
/// options, the engine options they become (<see cref="Network"/>, <see cref="Training"/>), and the <c>#!train</c>
/// line that reproduces the run.
/// </summary>
public sealed class TrainSettings(OptionValues values)
{
    /// <summary>The values, typed or default, of the command's options.</summary>
    public OptionValues Values { get; } = values;

    /// <summary>
    /// <paramref name="values"/> with the learning rate and epochs of <paramref name="data"/>'s kind
    /// (<see cref="DatasetDefaults"/>: the digits take lr 0.5, where the lecture's 1e-3 learns nothing in 10 epochs) for
    /// those not typed — where the command takes <c>#!train</c>'s own default (a command with a default of its own,
    /// such as <c>#!batchnorm</c>'s lr 0.05, keeps it). The echo line then shows the value used.
    /// </summary>
    public static OptionValues WithDataDefaults(OptionValues values, CurrentData data)
    {
        if (DatasetDefaults.TryFor(data.Name) is not { } defaults) return values;
        if (defaults.LearningRate is double lr && TakesDataDefault(values, TrainingOptionTable.LearningRate)) values = values.With(TrainingOptionTable.LearningRate, lr);
        if (defaults.Epochs is int epochs && TakesDataDefault(values, TrainingOptionTable.Epochs)) values = values.With(TrainingOptionTable.Epochs, epochs);
        return values;
    }

    /// <summary>The settings of a command line: its values with the current data's defaults (<see cref="WithDataDefaults"/>).</summary>
    public static TrainSettings For(CommandContext c) => new(WithDataDefaults(c.Values, c.Session.Data));

    private static bool TakesDataDefault(OptionValues values, CommandOption option) =>
        !values.Given(option) && values.Options.FirstOrDefault(o => o.Name == option.Name) is { TakesDataDefault: true };

    /// <summary>Every training option at its default.</summary>
    public static TrainSettings Defaults { get; } = new(OptionValues.FromTexts(TrainingOptionTable.All, []));

    /// <summary>One setting, e.g. <c>settings.Get(TrainingOptionTable.LearningRate)</c>.</summary>
    public T Get<T>(Option<T> option) => Values.Get(option);

    /// <summary>A copy with one setting changed.</summary>
    public TrainSettings With<T>(Option<T> option, T value) => new(Values.With(option, value));

    /// <summary>
    /// The training examples these values take from <paramref name="data"/>: the first <c>--examples</c> of them, or all
    /// when it is not given; an error when the data has fewer.
    /// </summary>
    public Dataset TrainingExamples(CurrentData data)
    {
        var train = data.Train;
        if (Get(TrainingOptionTable.Examples) is not int examples) return train;
        if (examples > train.Count)
            throw new CommandException($"{TrainingOptionTable.Examples.Name} {examples} is more than the {train.Count} training examples of {data.Name}");
        return train.Take(examples, $"{train.Name} (first {examples})");
    }

    /// <summary>The network these values describe for <paramref name="inputs"/> features and <paramref name="classes"/> classes, with the learner's plugged-in layers.</summary>
    public MlpOptions Network(int inputs, int classes, LearnerCode? learner)
    {
        var network = new MlpOptions
        {
            InputSize = inputs,
            Classes = classes,
            Hidden = Get(TrainingOptionTable.Hidden),
            Activation = Get(TrainingOptionTable.Activation),
            Init = Initializer.Parse(Get(TrainingOptionTable.Init)),
            BatchNorm = Get(TrainingOptionTable.BatchNorm),
            Dropout = Get(TrainingOptionTable.Dropout),
            Regularizer = Regularizer.Parse(Get(TrainingOptionTable.RegKind), Get(TrainingOptionTable.Reg)),
            Seed = Get(TrainingOptionTable.Seed),
        };
        return learner is null ? network : network with { LayerOverrides = learner.LayerOverrides }; // the learner's layers plugged in with #!use
    }

    /// <summary>The training these values describe, with the learner's plugged-in optimiser.</summary>
    public TrainOptions Training(LearnerCode? learner)
    {
        var optimizer = Get(TrainingOptionTable.Optimizer);
        var rule = OptimizerOptionsOf(optimizer);
        double lr = Get(TrainingOptionTable.LearningRate);
        var schedule = Get(TrainingOptionTable.Schedule);
        return new TrainOptions
        {
            Epochs = Get(TrainingOptionTable.Epochs),
            BatchSize = Get(TrainingOptionTable.Batch),
            LearningRate = lr,
            Optimizer = optimizer,
            OptimizerOptions = rule,
            OptimizerFactory = learner?.OptimizerFactory(optimizer, rule), // the learner's rule, if plugged in
            // A constant rate takes no --decay: parsed too when one is given, so that it is refused rather than ignored.
            Schedule = schedule == "constant" && Get(TrainingOptionTable.Decay) is null ? null : NotebookDL.Schedules.Schedule.Parse(schedule, lr, Get(TrainingOptionTable.Decay)),
            Seed = Get(TrainingOptionTable.Seed),
            StopFactor = Get(TrainingOptionTable.StopFactor),
            MaxDuration = TimeSpan.FromSeconds(Get(TrainingOptionTable.MaxSeconds)),
            SnapshotAtRestarts = false,
            Dtype = Get(TrainingOptionTable.Dtype),
        }.Validate();
    }

    /// <summary>The settings of the optimiser named, refusing a setting it does not take.</summary>
    private OptimizerOptions OptimizerOptionsOf(string optimizer)
    {
        double? momentum = Get(TrainingOptionTable.Momentum), beta1 = Get(TrainingOptionTable.Beta1), beta2 = Get(TrainingOptionTable.Beta2);
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

    /// <summary>The line that reproduces these settings: <paramref name="command"/> and every setting that matters, defaults included.</summary>
    public string CommandLine(string command = "#!train") => Values.Echo(command, TrainingOptionTable.All);

    public override string ToString() => CommandLine();
}
