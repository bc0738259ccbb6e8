using NotebookDL.Data;
using NotebookDL.Extension.Options;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The settings of one training run as <c>#!train</c> reads them: the values of <see cref="TrainingOptionTable"/>'s
/// options, the engine options they become, and the <c>#!train</c> line that reproduces the run.
/// </summary>
public sealed class TrainSettings(OptionValues values)
{
    /// <summary>The values, typed or default, of the command's options.</summary>
    public OptionValues Values { get; } = values;

    /// <summary>Every training option at its default.</summary>
    public static TrainSettings Defaults { get; } = new(OptionValues.FromTexts(TrainingOptionTable.All, []));

    /// <summary>One setting, e.g. <c>settings.Get(TrainingOptionTable.LearningRate)</c>.</summary>
    public T Get<T>(Option<T> option) => Values.Get(option);

    /// <summary>A copy with one setting changed.</summary>
    public TrainSettings With<T>(Option<T> option, T value) => new(Values.With(option, value));

    /// <summary>The training examples of <paramref name="data"/> these settings take (the first <c>--examples</c>, or all).</summary>
    public Dataset TrainingExamples(CurrentData data) => TrainingOptionTable.TrainingExamples(Values, data);

    /// <summary>The network for <paramref name="inputs"/> features and <paramref name="classes"/> classes, with the learner's plugged-in layers.</summary>
    public MlpOptions Network(int inputs, int classes, LearnerCode? learner) => TrainingOptionTable.Network(Values, inputs, classes, learner);

    /// <summary>The engine's training options, with the learner's plugged-in optimiser.</summary>
    public TrainOptions Training(LearnerCode? learner) => TrainingOptionTable.Training(Values, learner);

    /// <summary>The line that reproduces these settings: <paramref name="command"/> and every setting that matters, defaults included.</summary>
    public string CommandLine(string command = "#!train") => Values.Echo(command, TrainingOptionTable.All);

    public override string ToString() => CommandLine();
}
