using System.Globalization;

namespace NotebookDL.Search;

/// <summary>
/// Which parameter explains most of the variance in the result. The method, chosen to be simple and honest
/// with few trials: for each parameter alone, group the ranked trials by its value (a choice: one group per
/// value; a numeric parameter: k equal-width bins of its sampling coordinate r, k = round(sqrt(n)) clamped to
/// 2..10) and compute the share of the variance of validation accuracy between the groups, corrected for the
/// share that noise alone would explain (epsilon squared of a one-way analysis of variance):
/// <c>(SS_between - (k - 1) · SS_within / (n - k)) / SS_total</c>, clamped to [0, 1]. A parameter that does not
/// matter scores near 0; one that decides the result scores near 1. Interactions are not credited to either.
/// </summary>
/// <param name="Parameter">The dimension's name.</param>
/// <param name="Share">Epsilon squared: the share of the variance it explains on its own, in [0, 1].</param>
/// <param name="Groups">The number of non-empty groups the trials fell into.</param>
public sealed record ParameterImportance(string Parameter, double Share, int Groups)
{
    /// <summary>The importance of every dimension of <paramref name="space"/> over the ranked trials, most important first.</summary>
    public static IReadOnlyList<ParameterImportance> Of(SearchSpace space, IEnumerable<TrialResult> trials)
    {
        var ranked = trials.Where(t => t.Ranked).ToList();
        return space.Dimensions
            .Select(d => Of(d, ranked))
            .OrderByDescending(i => i.Share).ThenBy(i => space.Dimensions.ToList().FindIndex(d => d.Name == i.Parameter))
            .ToList();
    }

    private static ParameterImportance Of(Hyperparameter d, List<TrialResult> trials)
    {
        int n = trials.Count;
        if (n < 3) return new(d.Name, 0, 0);
        int bins = Math.Clamp((int)Math.Round(Math.Sqrt(n)), 2, 10);
        var groups = trials.GroupBy(t => Group(d, t.Parameters[d.Name], bins)).Select(g => g.Select(t => t.ValAccuracy).ToList()).ToList();
        double mean = trials.Average(t => t.ValAccuracy);
        double total = trials.Sum(t => Square(t.ValAccuracy - mean));
        int k = groups.Count;
        if (total <= 0 || k < 2 || n <= k) return new(d.Name, 0, k);
        double between = groups.Sum(g => g.Count * Square(g.Average() - mean));
        double within = total - between;
        double share = (between - (k - 1) * within / (n - k)) / total;
        return new(d.Name, Math.Clamp(share, 0, 1), k);
    }

    private static string Group(Hyperparameter d, object value, int bins)
    {
        if (!d.IsNumeric) return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (d.Scale == SearchScale.Integer && d.High - d.Low + 1 <= bins) return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        int bin = (int)Math.Floor(Math.Clamp(d.Position(value), 0, 1) * bins);
        return Math.Min(bin, bins - 1).ToString(CultureInfo.InvariantCulture);
    }

    private static double Square(double x) => x * x;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}: {1:P0} of the variance", Parameter, Share);
}
