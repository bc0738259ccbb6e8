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

    /// <summary>Low train accuracy without a big gap, the cost flat: the model has room for more capacity.</summary>
    Underfitting,

    /// <summary>The cost went down, train accuracy is high and the gap moderate.</summary>
    Healthy,

    /// <summary>Low train accuracy without a big gap, and the cost still falls steadily: not converged yet, train longer before judging capacity.</summary>
    TrainLonger,
}

/// <summary>
/// A diagnosis of a training run in the lecture's words (babysitting the learning process, step 4-5), from the evidence
/// the lecture gives: NaN or a blow-up means the learning rate is too high; a cost that barely changes, or updates an
/// order of magnitude below ‖ΔW‖/‖W‖ ≈ 1e-3 while accuracy sits near chance, means it is too low; a big train/validation
/// gap means overfitting; low train accuracy without a big gap means more capacity — but only once the cost has flattened: while it
/// still falls steadily, train longer. <see cref="Evidence"/> holds the numbers, and the message names them.
/// </summary>
public sealed record TrainingVerdict(Diagnosis Kind, string Message)
{
    /// <summary>Below this relative change of the cost over the run, the cost "barely moved".</summary>
    public const double BarelyMoving = 0.01;

    /// <summary>A train − validation accuracy gap above this is overfitting.</summary>
    public const double BigGap = 0.15;

    /// <summary>A gap below this counts as "no gap".</summary>
    public const double NoGap = 0.05;

    /// <summary>Train accuracy below this, without a big gap, means the model is too small (once the cost has flattened).</summary>
    public const double LowAccuracy = 0.9;

    /// <summary>A cost whose trend over the second half of the run falls less than this (relative to its mean there) has flattened out.</summary>
    public const double Flattened = 0.05;

    /// <summary>Accuracy within this fraction of the way from chance (1/C) to 1 is "near chance": 0.19 for 10 classes.</summary>
    public const double NearChance = 0.1;

    /// <summary>Updates below this ratio are an order of magnitude under the lecture's ~1e-3.</summary>
    public const double TooSmallUpdate = ParameterUpdate.HealthyRatio / 10;

    /// <summary>The diagnosis in two or three words, as a table's column shows it: lr too low, lr too high, overfitting, ...</summary>
    public string Label => Kind switch
    {
        Diagnosis.TooShort => "too short to judge",
        Diagnosis.LearningRateTooLow => "lr too low",
        Diagnosis.LearningRateTooHigh => "lr too high",
        Diagnosis.Overfitting => "overfitting",
        Diagnosis.Underfitting => "underfitting",
        Diagnosis.TrainLonger => "train longer",
        _ => "healthy",
    };

    /// <summary>The numbers the verdict read; null when the run stopped before it could be judged.</summary>
    public VerdictEvidence? Evidence { get; init; }

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

        var e = EvidenceOf(history);
        var verdict = Judge(e);
        return verdict with { Evidence = e };
    }

    private static TrainingVerdict Judge(VerdictEvidence e)
    {
        string curve = $"cost {VerdictEvidence.Cost(e.FirstCost)} → {VerdictEvidence.Cost(e.LastCost)}";
        string update = e.UpdateRatio is double r ? Invariant($"update/weight {r:0.0e+00} (rule of thumb ~1e-3)") : "";
        if (Math.Abs(e.Change) < BarelyMoving)
            return new(Diagnosis.LearningRateTooLow, e.UpdateRatio is double moving && moving >= ParameterUpdate.HealthyRatio
                ? $"{curve} ({VerdictEvidence.Percent(e.Change)} over the run) although {update}: the weights are still tiny, so the cost barely moves: the learning rate is probably too low for this initialisation"
                : $"{curve} ({VerdictEvidence.Percent(e.Change)} over the run){(update.Length > 0 ? ", " + update : "")}: the cost barely moves, the learning rate is probably too low");
        if (e.Change > 0)
            return new(Diagnosis.LearningRateTooHigh, $"{curve} ({VerdictEvidence.Percent(e.Change)}): the cost goes up, the learning rate is probably too high");
        if (e.UpdateRatio is double ratio && ratio < TooSmallUpdate && e.TrainAccuracy is double low && e.Chance is double chance && IsNearChance(low, chance))
            return new(Diagnosis.LearningRateTooLow, Invariant($"{update}, train acc {low:F2} ≈ chance {chance:F2}; {curve}: the learning rate is far too low"));

        if (e.TrainAccuracy is double train && e.ValAccuracy is double val)
        {
            double gap = train - val;
            string accuracies = Invariant($"train acc {train:F2}, val acc {val:F2} (gap {gap:F2})");
            if (gap > BigGap)
                return new(Diagnosis.Overfitting, $"{curve}; {accuracies}: big gap = overfitting, increase regularisation (or get more data)");
            if (train < LowAccuracy)
            {
                string small = gap < NoGap ? "no gap" : "a small gap";
                if (e.SecondHalfFall is double fall && fall > Flattened)
                    return new(Diagnosis.TrainLonger, Invariant($"{curve}, still falling ({VerdictEvidence.Percent(fall)[1..]} over the second half of the run); {accuracies}: not converged yet, train longer before judging capacity"));
                return new(Diagnosis.Underfitting, $"{curve}{(e.SecondHalfFall is null ? "" : ", flat over the second half")}; {accuracies}: {small} at low train accuracy, the model underfits: increase model capacity");
            }
            return new(Diagnosis.Healthy, $"{curve}; {accuracies}: the cost goes down and the gap is moderate, looks healthy");
        }
        return new(Diagnosis.Healthy, $"{curve}: the cost goes down (measure validation accuracy to judge over- or underfitting)");
    }

    /// <summary>Whether <paramref name="accuracy"/> is within <see cref="NearChance"/> of the way from chance to 1.</summary>
    public static bool IsNearChance(double accuracy, double chance) => accuracy < chance + NearChance * (1 - chance);

    /// <summary>
    /// The numbers of <paramref name="history"/>: the mean cost of its first and last windows of an epoch's iterations (at
    /// most half the run each, so mini-batch noise does not decide); whether it still falls: the least-squares trend of
    /// the cost over the second half of the run, times its length, relative to the trend line's start — a trend over many
    /// mini-batches (the last epoch against the one before swings by ±5% on a plateau) and over a share of the run
    /// rather than per epoch (an epoch of the spiral is one iteration, of CIFAR-10 45); the last update ratio.
    /// </summary>
    public static VerdictEvidence EvidenceOf(TrainingHistory history)
    {
        var costs = history.Costs;
        int window = Math.Max(1, Math.Min(history.IterationsPerEpoch, costs.Count / 2));
        double first = Mean(costs, 0, window), last = Mean(costs, costs.Count - window, window);
        var (slope, start) = Trend(costs, costs.Count / 2);
        double? fall = costs.Count >= 2 * window ? -slope * (costs.Count - costs.Count / 2) / Math.Abs(start) : null;
        var lastEpoch = history.Epochs.Count > 0 ? history.Epochs[^1] : null;
        var ratios = lastEpoch?.UpdateRatios?.Where(r => r > 0 && double.IsFinite(r)).ToArray();
        double? ratio = ratios is { Length: > 0 } ? Math.Exp(ratios.Average(Math.Log)) : null;
        return new VerdictEvidence(history.InitialCost, history.Classes, first, last, fall, ratio, lastEpoch?.TrainAccuracy, lastEpoch?.ValAccuracy);
    }

    /// <summary>
    /// The least-squares line through the values from <paramref name="start"/> on against their index: its slope (cost
    /// per iteration) and its value at the first of them.
    /// </summary>
    private static (double Slope, double AtStart) Trend(List<double> values, int start)
    {
        int n = values.Count - start;
        if (n < 2) return (0, n == 1 ? values[start] : double.NaN);
        double meanX = (n - 1) / 2.0, meanY = Mean(values, start, n), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (values[start + i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        double slope = sxy / sxx;
        return (slope, meanY - slope * meanX);
    }

    private static double Mean(List<double> values, int start, int count)
    {
        double sum = 0;
        for (int i = start; i < start + count; i++) sum += values[i];
        return sum / count;
    }

    public override string ToString() => Message;
}
