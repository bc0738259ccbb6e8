using static System.FormattableString;

namespace NotebookDL.Training;

/// <summary>
/// The numbers a verdict reads, as the lecture's babysitting steps name them; each null when the run did not measure it.
/// </summary>
/// <param name="InitialCost">The first mini-batch's cost.</param>
/// <param name="Classes">C of a single-label task.</param>
/// <param name="FirstCost">Mean cost of the run's first window (an epoch's iterations, at most half the run).</param>
/// <param name="LastCost">Mean cost of its last window.</param>
/// <param name="SecondHalfFall">How much the cost still falls: its least-squares trend over the second half of the run times that half's length, relative to the trend line's value at its start (the share of that level lost over the half); null under two epochs.</param>
/// <param name="UpdateRatio">‖ΔW‖/‖W‖ of the last epoch's last step, the geometric mean over the weight matrices.</param>
/// <param name="TrainAccuracy">Train accuracy at the last epoch.</param>
/// <param name="ValAccuracy">Validation accuracy at the last epoch.</param>
public sealed record VerdictEvidence(double InitialCost, int? Classes, double FirstCost, double LastCost, double? SecondHalfFall,
    double? UpdateRatio, double? TrainAccuracy, double? ValAccuracy)
{
    /// <summary>ln C, the cost of a network that guesses uniformly (small initial weights).</summary>
    public double? ExpectedInitialCost => Classes is int c ? Math.Log(c) : null;

    /// <summary>1/C, the accuracy of guessing.</summary>
    public double? Chance => Classes is int c ? 1.0 / c : null;

    /// <summary>Relative change of the cost from the first window to the last (negative: it fell).</summary>
    public double Change => (LastCost - FirstCost) / Math.Abs(FirstCost);

    /// <summary>Train − validation accuracy.</summary>
    public double? Gap => TrainAccuracy - ValAccuracy;

    /// <summary>The evidence as (what, value, the lecture's reference) rows for a small table.</summary>
    public IReadOnlyList<(string What, string Value, string Reference)> Rows()
    {
        var rows = new List<(string, string, string)>
        {
            ("initial cost", Invariant($"{InitialCost:F3}"), ExpectedInitialCost is double ln ? Invariant($"ln C = {ln:F3}") : ""),
            ("cost over the run", $"{Cost(FirstCost)} → {Cost(LastCost)} ({Percent(Change)})", "falls"),
        };
        if (SecondHalfFall is double fall) rows.Add(("fall over the second half (trend)", Percent(-fall), Invariant($"flattened above −{100 * TrainingVerdict.Flattened:G2}%")));
        if (UpdateRatio is double r) rows.Add(("update/weight ‖ΔW‖/‖W‖", Invariant($"{r:0.0e+00}"), "~1e-3"));
        if (TrainAccuracy is double t) rows.Add(("train accuracy", Invariant($"{t:F2}"), Chance is double ch ? Invariant($"chance {ch:F2}") : ""));
        if (ValAccuracy is double v) rows.Add(("validation accuracy", Invariant($"{v:F2}"), Gap is double g ? Invariant($"gap {g:F2}") : ""));
        return rows;
    }

    /// <summary>A cost to 4 decimals, or in e-notation once it has blown up (1e78 is not a line of 80 digits).</summary>
    internal static string Cost(double cost) => cost.ToString(Math.Abs(cost) < 1e6 ? "F4" : "0.###e+00", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Percent(double change)
    {
        double p = Math.Abs(100 * change);
        string digits = p >= 10 ? Invariant($"{p:F0}") : p >= 1 ? Invariant($"{p:0.#}") : p >= 0.001 ? Invariant($"{p:0.####}") : Invariant($"{p:0.0e+00}");
        return (change < 0 ? "-" : "+") + digits + "%";
    }
}
