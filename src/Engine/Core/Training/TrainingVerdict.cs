using static System.FormattableString;

namespace NotebookDL.Training;

/// <summary>The lecture's readings of a loss curve and of the train/validation accuracy gap.</summary>
public enum Diagnosis
{
    /// <summary>Too few iterations to say anything.</summary>
    TooShort,

    /// <summary>The cost barely moved: the learning rate is probably too low.</summary>
    LearningRateTooLow,

    /// <summary>The cost became NaN/infinite, exploded past the stop factor or rose: the learning rate is probably too high.</summary>
    LearningRateTooHigh,

    /// <summary>Train accuracy far above validation accuracy: overfitting; more regularisation.</summary>
    Overfitting,

    /// <summary>No gap, low accuracy: the model has room for more capacity.</summary>
    Underfitting,

    /// <summary>The cost went down and the gap is moderate.</summary>
    Healthy,
}

/// <summary>
/// A diagnosis of a training run in the lecture's words (babysitting the learning process, step 4-5):
/// a cost that barely changes means the learning rate is too low; NaN or a blow-up means it is too high;
/// a big train/validation gap means overfitting; no gap at low accuracy means more capacity is needed.
/// </summary>
public sealed record TrainingVerdict(Diagnosis Kind, string Message)
{
    /// <summary>Below this relative change of the cost over the run, the cost "barely moved".</summary>
    public const double BarelyMoving = 0.01;

    /// <summary>A train − validation accuracy gap above this is overfitting.</summary>
    public const double BigGap = 0.15;

    /// <summary>A gap below this counts as "no gap".</summary>
    public const double NoGap = 0.05;

    /// <summary>Train accuracy below this, with no gap, means the model is too small.</summary>
    public const double LowAccuracy = 0.9;

    /// <summary>The verdict on <paramref name="history"/>.</summary>
    public static TrainingVerdict Of(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var costs = history.Costs;
        if (history.StopReason is StopReason.NotFinite or StopReason.CostExploded)
            return new(Diagnosis.LearningRateTooHigh, history.StopMessage);
        if (costs.Any(c => !double.IsFinite(c)))
            return new(Diagnosis.LearningRateTooHigh, "the cost became NaN or infinite: the learning rate is probably too high");
        if (costs.Count < 2)
            return new(Diagnosis.TooShort, $"only {costs.Count} iteration(s) ran: too few to judge");

        // Compare the mean cost of the first and of the last epoch's worth of iterations (at most half the
        // run each), so that mini-batch noise does not decide the verdict.
        int window = Math.Max(1, Math.Min(history.IterationsPerEpoch, costs.Count / 2));
        double first = costs.Take(window).Average(), last = costs.Skip(costs.Count - window).Average();
        double change = (last - first) / Math.Abs(first);
        string curve = Invariant($"cost {first:F4} → {last:F4}");
        string percent = Invariant($"{(change < 0 ? "-" : "+")}{Math.Abs(100 * change):G2}%");
        if (Math.Abs(change) < BarelyMoving)
            return new(Diagnosis.LearningRateTooLow, $"{curve} ({percent} over the run): the cost barely moves, the learning rate is probably too low");
        if (change > 0)
            return new(Diagnosis.LearningRateTooHigh, $"{curve} ({percent}): the cost goes up, the learning rate is probably too high");

        var lastEpoch = history.Epochs.Count > 0 ? history.Epochs[^1] : null;
        if (lastEpoch?.TrainAccuracy is double train && lastEpoch.ValAccuracy is double val)
        {
            double gap = train - val;
            string accuracies = Invariant($"train acc {train:F2}, val acc {val:F2} (gap {gap:F2})");
            if (gap > BigGap)
                return new(Diagnosis.Overfitting, $"{curve}; {accuracies}: big gap = overfitting, increase regularisation (or get more data)");
            if (gap < NoGap && train < LowAccuracy)
                return new(Diagnosis.Underfitting, $"{curve}; {accuracies}: no gap at low accuracy, increase model capacity");
            return new(Diagnosis.Healthy, $"{curve}; {accuracies}: the cost goes down and the gap is moderate, looks healthy");
        }
        return new(Diagnosis.Healthy, $"{curve}: the cost goes down (measure validation accuracy to judge over- or underfitting)");
    }

    public override string ToString() => Message;
}
