using System.Globalization;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// One trial of a search: its configuration and seed, how it ended, its accuracies, its cost curve and its time.
/// Plain data (the network is not kept here: see <see cref="SearchResult.Networks"/>).
/// </summary>
/// <param name="Index">0-based trial number.</param>
/// <param name="Parameters">The configuration the trial trained with.</param>
/// <param name="Seed">The trial's seed (weights, shuffles, dropout).</param>
/// <param name="Status">How it ended.</param>
/// <param name="ValAccuracy">Validation accuracy of the final network (NaN when the trial failed); what the search ranks.</param>
/// <param name="BestValAccuracy">The best validation accuracy of any completed epoch, or null.</param>
/// <param name="TrainAccuracy">Train accuracy (subsample) after the last completed epoch, or null.</param>
/// <param name="InitialCost">The first iteration's cost (NaN when none ran).</param>
/// <param name="FinalCost">The last iteration's cost (NaN when none ran).</param>
/// <param name="Costs">The cost of every iteration: the trial's cost curve.</param>
/// <param name="ValAccuracies">Validation accuracy after each completed epoch.</param>
/// <param name="Seconds">Wall-clock time of the trial (the only field that differs between runs).</param>
/// <param name="Message">Why it stopped, in the trainer's words, or why it failed.</param>
public sealed record TrialResult(
    int Index, Configuration Parameters, int Seed, TrialStatus Status, double ValAccuracy, double? BestValAccuracy,
    double? TrainAccuracy, double InitialCost, double FinalCost, double[] Costs, double[] ValAccuracies, double Seconds, string Message)
{
    /// <summary>Whether the search may rank it (completed or diverged: both ran to the end of their story).</summary>
    public bool Ranked => Status is TrialStatus.Completed or TrialStatus.Diverged && !double.IsNaN(ValAccuracy);

    /// <summary>The lecture's verdict on the trial's run (the same as <c>#!train</c>'s); null for a trial that failed, or read back from a CSV file written before the verdict column.</summary>
    public Diagnosis? Verdict { get; init; }

    /// <summary>The verdict as the trials table tags it: too low, too high (it diverged), overfitting, or ok.</summary>
    public string Tag => Verdict switch
    {
        null => "",
        Diagnosis.LearningRateTooLow => "too low",
        Diagnosis.LearningRateTooHigh => "too high",
        Diagnosis.Overfitting => "overfitting",
        _ => "ok",
    };

    /// <summary>The worker that ran the trial in a cluster search; null when it ran in this process.</summary>
    public string? Worker { get; init; }

    /// <summary>Epochs completed.</summary>
    public int Epochs => ValAccuracies.Length;

    /// <summary>The result of a trial function's outcome.</summary>
    public static TrialResult From(TrialRequest request, TrialOutcome outcome, double seconds)
    {
        var h = outcome.History;
        var status = h.StopReason switch
        {
            StopReason.Completed => TrialStatus.Completed,
            StopReason.NotFinite or StopReason.CostExploded => TrialStatus.Diverged,
            _ => TrialStatus.Stopped,
        };
        return new TrialResult(request.Index, request.Parameters, request.Seed, status, outcome.ValAccuracy, h.BestValAccuracy,
            h.Epochs.LastOrDefault()?.TrainAccuracy, h.InitialCost, h.Costs.Count > 0 ? h.Costs[^1] : double.NaN,
            [.. h.Costs], [.. h.Epochs.Select(e => e.ValAccuracy ?? double.NaN)], seconds, h.StopMessage)
        {
            Verdict = TrainingVerdict.Of(h).Kind,
            Worker = outcome.Worker,
        };
    }

    /// <summary>A trial whose configuration was rejected.</summary>
    public static TrialResult Failure(TrialRequest request, string message, double seconds) =>
        new(request.Index, request.Parameters, request.Seed, TrialStatus.Failed, double.NaN, null, null, double.NaN, double.NaN, [], [], seconds, message);

    /// <summary>
    /// The lecture's line: <c>val acc: 0.412000, lr: 1.405206e-04, reg: 4.793564e-01, (1 / 100)</c>, values formatted
    /// by their dimension in <paramref name="space"/>, plus how the trial ended when it did not complete.
    /// </summary>
    public string Line(SearchSpace space, int total)
    {
        var c = CultureInfo.InvariantCulture;
        var values = Parameters.Select(p => $"{p.Key}: {(space.Find(p.Key) is { } d ? d.Format(p.Value) : Hyperparameter.Text(p.Value))}");
        var acc = double.IsNaN(ValAccuracy) ? "nan" : ValAccuracy.ToString("F6", c);
        var line = $"val acc: {acc}, {string.Join(", ", values)}, ({Index + 1} / {total})" + (Worker is null ? "" : $" on {Worker}");
        return Status switch
        {
            TrialStatus.Diverged => line + " diverged",
            TrialStatus.Stopped => line + " stopped",
            TrialStatus.Failed => line + " failed: " + Message,
            _ => line,
        };
    }

    /// <summary>Equal to <paramref name="other"/> in everything but the time (a rerun, or another worker count).</summary>
    public bool SameOutcomeAs(TrialResult other) =>
        Index == other.Index && Seed == other.Seed && Status == other.Status && Parameters.SameAs(other.Parameters) &&
        Same(ValAccuracy, other.ValAccuracy) && BestValAccuracy.Equals(other.BestValAccuracy) && TrainAccuracy.Equals(other.TrainAccuracy) &&
        Same(InitialCost, other.InitialCost) && Same(FinalCost, other.FinalCost) &&
        Costs.AsSpan().SequenceEqual(other.Costs) && ValAccuracies.AsSpan().SequenceEqual(other.ValAccuracies) && Message == other.Message &&
        Verdict == other.Verdict;

    private static bool Same(double a, double b) => a.Equals(b); // NaN equals NaN, bit for bit otherwise
}
