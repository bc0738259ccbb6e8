using NotebookDL.Extension.Commands;
using NotebookDL.Data;
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

    /// <summary>The <see cref="Dataset.Fingerprint"/> of the training part of the data it was trained on (null when not recorded).</summary>
    public int? DataFingerprint { get; init; }

    /// <summary>
    /// Refuses to judge the run on <paramref name="part"/> of <paramref name="current"/> when it was trained on other
    /// data: another shape (features, classes), other class names, or the same shape with another split, other
    /// preprocessing or other examples. Its errors would be counted against the wrong classes, or on examples it saw.
    /// </summary>
    public void CheckTrainedOn(string runName, CurrentData current, Dataset part)
    {
        var again = $"train it again on this data with #!train --as {runName}, or load its data again with #!dataset";
        if (part.Features != Network.InputSize || part.Classes != Network.OutputSize)
            throw new CommandException(
                $"run '{runName}' was trained on other data ({Data}: {Network.InputSize} features, {Network.OutputSize} classes); " +
                $"the current data ({current.Name}) has {part.Features} features and {part.Classes} classes: {again}");
        if (ClassNames is { } names && !names.SequenceEqual(part.ClassNames))
            throw new CommandException(
                $"run '{runName}' was trained on other data ({Data}: classes {FirstNames(names)}); the current data ({current.Name}) has the classes {FirstNames(part.ClassNames)}: {again}");
        if (DataFingerprint is { } trainedOn && trainedOn != current.Train.Fingerprint)
            throw new CommandException(
                $"run '{runName}' was trained on other data of the same shape ({Data}): the current data ({current.Name}) has another split, " +
                $"other preprocessing or other examples, so its error rates would mean nothing: {again}");
    }

    private static string FirstNames(IReadOnlyList<string> names) => string.Join(", ", names.Take(3)) + (names.Count > 3 ? ", ..." : "");

    /// <summary>The lecture's diagnosis of the run.</summary>
    public TrainingVerdict Verdict => TrainingVerdict.Of(History);

    /// <summary>The line that reproduces the run.</summary>
    public string CommandLine => Settings.CommandLine();

    public override string ToString() => $"{CommandLine}\n{History}\n{Verdict.Message}";
}
