using System.Globalization;

namespace NotebookDL.Training;

/// <summary>
/// One line of the training log, recorded at the end of each completed epoch.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Cost">Mean of the epoch's mini-batch costs (data loss + regularisation).</param>
/// <param name="TrainAccuracy">Accuracy on the train subsample (test mode), or null for multi-label targets.</param>
/// <param name="ValAccuracy">Accuracy on the validation set, or null without one (or for multi-label targets).</param>
/// <param name="LearningRate">The rate of the epoch's last iteration.</param>
/// <param name="Seconds">Time since the run began.</param>
public sealed record EpochSummary(int Epoch, double Cost, double? TrainAccuracy, double? ValAccuracy, double LearningRate, double Seconds)
{
    /// <summary>
    /// ‖ΔW‖/‖W‖ of the epoch's last optimiser step for each trained weight matrix, in layer order (the lecture's
    /// rule of thumb: about 1e-3); NaN for a W that was all zeros; null when not measured.
    /// </summary>
    public IReadOnlyList<double>? UpdateRatios { get; init; }

    /// <summary>Two summaries are equal when every number is, the ratios element by element (the same run twice).</summary>
    public bool Equals(EpochSummary? other) =>
        other is not null && Epoch == other.Epoch && Cost.Equals(other.Cost) && TrainAccuracy == other.TrainAccuracy &&
        ValAccuracy == other.ValAccuracy && LearningRate.Equals(other.LearningRate) && Seconds.Equals(other.Seconds) &&
        (UpdateRatios ?? []).SequenceEqual(other.UpdateRatios ?? []);

    public override int GetHashCode() => HashCode.Combine(Epoch, Cost, TrainAccuracy, ValAccuracy, LearningRate, Seconds);

    /// <summary>"epoch 1 / 10: cost 2.302, train acc 0.12, val acc 0.11, lr 1.0e-03".</summary>
    public string Format(int epochs)
    {
        var c = CultureInfo.InvariantCulture;
        // An exploding cost (1e78 and up before it overflows) in e-notation, not as a line of 80 digits.
        var line = $"epoch {Epoch} / {epochs}: cost {Cost.ToString(Math.Abs(Cost) < 1e6 ? "F3" : "0.###e+00", c)}";
        if (TrainAccuracy is double t) line += $", train acc {t.ToString("F2", c)}";
        if (ValAccuracy is double v) line += $", val acc {v.ToString("F2", c)}";
        return line + $", lr {LearningRate.ToString("0.0e+00", c)}";
    }
}
