using NotebookDL.Extension.Commands;
using NotebookDL.Training;

namespace NotebookDL.Extension.Session;

/// <summary>
/// What <c>#!train</c> leaves in a C# variable: the trained network, its history, the settings that produced
/// it (as a <c>#!train</c> line) and the data it saw. A later cell can predict, save or plot with it.
/// </summary>
public sealed record TrainingRun(Network Network, TrainingHistory History, TrainSettings Settings, string Data)
{
    /// <summary>The class names of the data it was trained on (null when not recorded), to tell that data from other data of the same shape.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The lecture's diagnosis of the run.</summary>
    public TrainingVerdict Verdict => TrainingVerdict.Of(History);

    /// <summary>The line that reproduces the run.</summary>
    public string CommandLine => Settings.CommandLine();

    public override string ToString() => $"{CommandLine}\n{History}\n{Verdict.Message}";
}
