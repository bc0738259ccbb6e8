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

    public override string ToString() =>
        $"{Costs.Length} iterations, lr {C(Rates.FirstOrDefault())} → {C(Rates.LastOrDefault())}; lowest smoothed cost at lr {C(MinimumCostRate)}; suggested lr {C(Suggested)} ({StopMessage})";

    private static string C(double v) => Hyperparameter.Compact(double.Parse(v.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}
