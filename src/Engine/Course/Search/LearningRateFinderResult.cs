using System.Globalization;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// What a learning-rate range test recorded: the rate and mini-batch cost of each iteration, and the rates it
/// suggests. Suggestions use the cost smoothed by an exponentially weighted average (beta 0.9, bias-corrected)
/// because single mini-batch costs are noisy.
/// </summary>
/// <param name="Rates">The learning rate of each iteration (growing exponentially).</param>
/// <param name="Costs">The mini-batch cost of each iteration, before its update.</param>
/// <param name="StopReason">Completed (the ramp reached the top), CostExploded / NotFinite (stopped at 3x the initial cost), Cancelled or TimeBudget.</param>
/// <param name="StopMessage">Why it stopped, in words.</param>
public sealed record LearningRateFinderResult(double[] Rates, double[] Costs, StopReason StopReason, string StopMessage)
{
    /// <summary>The smoothing of <see cref="Smoothed"/>.</summary>
    public const double Beta = 0.9;

    /// <summary>The first iteration's cost.</summary>
    public double InitialCost => Costs.Length > 0 ? Costs[0] : double.NaN;

    /// <summary>The costs smoothed: s_t = beta·s_(t-1) + (1 - beta)·cost_t, divided by 1 - beta^t.</summary>
    public double[] Smoothed
    {
        get
        {
            var s = new double[Costs.Length];
            double avg = 0;
            for (int t = 0; t < Costs.Length; t++)
            {
                avg = Beta * avg + (1 - Beta) * Costs[t];
                s[t] = avg / (1 - Math.Pow(Beta, t + 1));
            }
            return s;
        }
    }

    /// <summary>The rate at which the smoothed cost is lowest (beyond it, the cost turns up): the edge of "too high".</summary>
    public double MinimumCostRate
    {
        get
        {
            var s = Smoothed;
            int best = -1;
            for (int i = 0; i < s.Length; i++)
                if (double.IsFinite(s[i]) && (best < 0 || s[i] < s[best])) best = i;
            return best < 0 ? double.NaN : Rates[best];
        }
    }

    /// <summary>
    /// The suggested learning rate: a tenth of <see cref="MinimumCostRate"/>, Smith's rule of thumb for a rate that
    /// still falls fast but is safely below where the cost starts to explode.
    /// </summary>
    public double Suggested => MinimumCostRate / 10;

    /// <summary>
    /// The verdict's "too low" edge: the last rate at which the smoothed cost was still within
    /// <see cref="TrainingVerdict.BarelyMoving"/> (1%) of the initial cost — a run at a rate below it barely moves. Null
    /// when the cost moved from the first iterations on (or never did).
    /// </summary>
    public double? TooLowBelow
    {
        get
        {
            var s = Smoothed;
            int moved = Array.FindIndex(s, c => double.IsFinite(c) && Math.Abs(c - InitialCost) >= TrainingVerdict.BarelyMoving * Math.Abs(InitialCost));
            return moved > 0 ? Rates[moved - 1] : null;
        }
    }

    /// <summary>
    /// The verdict's "too high" edge: the first rate after the lowest smoothed cost at which the smoothed cost rose above
    /// the initial cost (the verdict's "the cost goes up"), or the rate the test stopped at when the cost exploded or
    /// became NaN. Null when neither happened.
    /// </summary>
    public double? TooHighFrom
    {
        get
        {
            var s = Smoothed;
            int lowest = Array.IndexOf(Rates, MinimumCostRate);
            for (int i = Math.Max(lowest, 0); i < s.Length; i++)
                if (!double.IsFinite(s[i]) || s[i] > InitialCost) return Rates[i];
            return StopReason is StopReason.CostExploded or StopReason.NotFinite && Rates.Length > 0 ? Rates[^1] : null;
        }
    }

    /// <summary>The lecture's verdict on the range, in the words of <see cref="TrainingVerdict"/>: where the rate is too low, too high, and the suggestion.</summary>
    public string Verdict
    {
        get
        {
            if (!double.IsFinite(Suggested)) return "no finite cost: nothing to judge";
            var parts = new List<string>();
            parts.Add(TooLowBelow is double low
                ? $"below lr {C(low)} the cost barely moves (within {C(100 * TrainingVerdict.BarelyMoving)}% of its start): too low"
                : $"the cost moves from lr {C(Rates[0])} on");
            parts.Add($"lowest at lr {C(MinimumCostRate)}");
            parts.Add(TooHighFrom is double high
                ? $"from lr {C(high)} the cost goes up past its start{(StopReason is StopReason.CostExploded or StopReason.NotFinite ? " and explodes" : "")}: too high"
                : "it never went up: the range may end too early to show \"too high\"");
            return string.Join("; ", parts) + $". Suggested lr {C(Suggested)}";
        }
    }

    public override string ToString() =>
        $"{Costs.Length} iterations, lr {C(Rates.FirstOrDefault())} → {C(Rates.LastOrDefault())}; lowest smoothed cost at lr {C(MinimumCostRate)}; suggested lr {C(Suggested)} ({StopMessage})\n{Verdict}";

    private static string C(double v) => Hyperparameter.Compact(double.Parse(v.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}
