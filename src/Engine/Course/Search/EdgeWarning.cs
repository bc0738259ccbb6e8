using System.Globalization;

namespace NotebookDL.Search;

/// <summary>
/// The lecture's worry about its own search: the best value of a parameter lies in the outer 10% of the range
/// searched (on its scale), so better values may lie beyond it: widen the range that way.
/// </summary>
/// <param name="Parameter">The dimension's name.</param>
/// <param name="Value">The best trial's value.</param>
/// <param name="Position">Where it lies along the range on its scale, 0 = low end, 1 = high end.</param>
/// <param name="AtHighEnd">True at the high end, false at the low end.</param>
/// <param name="Message">The warning in words.</param>
public sealed record EdgeWarning(string Parameter, object Value, double Position, bool AtHighEnd, string Message)
{
    /// <summary>The share of the range at each end that counts as the edge.</summary>
    public const double Edge = 0.1;

    /// <summary>
    /// The warnings for <paramref name="best"/>'s values in <paramref name="space"/>: one per numeric dimension
    /// whose value lies within <see cref="Edge"/> of either end of its range. Choices never warn.
    /// </summary>
    public static IReadOnlyList<EdgeWarning> Check(SearchSpace space, Configuration best)
    {
        var warnings = new List<EdgeWarning>();
        foreach (var d in space.Dimensions.Where(d => d.IsNumeric))
        {
            if (!best.TryGetValue(d.Name, out var value)) continue;
            double p = d.Position(value);
            if (p >= Edge && p <= 1 - Edge) continue;
            bool high = p > 1 - Edge;
            var bound = high ? d.High : d.Low;
            var message = string.Format(CultureInfo.InvariantCulture,
                "the best {0}, {1}, is at the {2} edge of its range {3} (in the {4} 10% on its scale): better values may lie {5} {6}; widen the range",
                d.Name, d.Format(value), high ? "high" : "low", d.Range, high ? "top" : "bottom", high ? "above" : "below", Hyperparameter.Compact(bound));
            warnings.Add(new EdgeWarning(d.Name, value, p, high, message));
        }
        return warnings;
    }

    public override string ToString() => Message;
}
