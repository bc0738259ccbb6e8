using NotebookDL.Tensors;

namespace NotebookDL.Search;

/// <summary>
/// The ranges a search explores, one <see cref="Hyperparameter"/> per name, in order. Random search samples it
/// (the lecture: random beats grid, because a grid tries few values of the parameter that matters), grid search
/// lays a grid over it, and coarse to fine <see cref="Zoom"/>s it around the best trials.
/// </summary>
public sealed class SearchSpace
{
    private readonly Hyperparameter[] _dimensions;

    public SearchSpace(IEnumerable<Hyperparameter> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        _dimensions = dimensions.ToArray();
        var repeated = _dimensions.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"the search space names {repeated.Key} twice");
    }

    public SearchSpace(params Hyperparameter[] dimensions) : this((IEnumerable<Hyperparameter>)dimensions) { }

    /// <summary>The dimensions, in order.</summary>
    public IReadOnlyList<Hyperparameter> Dimensions => _dimensions;

    /// <summary>The dimension named <paramref name="name"/> (case-insensitive), or null.</summary>
    public Hyperparameter? Find(string name) =>
        _dimensions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>One random configuration: each dimension sampled in order from <paramref name="rng"/>.</summary>
    public Configuration Sample(Rng rng) =>
        new(_dimensions.Select(d => new KeyValuePair<string, object>(d.Name, d.Sample(rng))));

    /// <summary><paramref name="count"/> random configurations, drawn in order (the first k do not depend on count).</summary>
    public IReadOnlyList<Configuration> Sample(int count, Rng rng)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"the number of trials must be >= 0, got {count}");
        return Enumerable.Range(0, count).Select(_ => Sample(rng)).ToList();
    }

    /// <summary>
    /// A grid of at most <paramref name="trials"/> points: every value of each choice, and k evenly spaced values
    /// (on its scale) of each numeric dimension, k = floor((trials / choice combinations)^(1 / numeric dimensions)),
    /// at least 1. 25 trials over two numeric dimensions give a 5 x 5 grid: only 5 distinct values of each.
    /// The first dimension varies slowest.
    /// </summary>
    public IReadOnlyList<Configuration> Grid(int trials)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), $"a grid needs at least one trial, got {trials}");
        int numeric = _dimensions.Count(d => d.IsNumeric);
        double choiceCombinations = _dimensions.Where(d => !d.IsNumeric).Aggregate(1.0, (p, d) => p * d.Choices.Count);
        int k = numeric == 0 ? 1 : Math.Max(1, (int)Math.Floor(Math.Pow(trials / choiceCombinations, 1.0 / numeric) + 1e-9));
        var axes = _dimensions.Select(d => d.Grid(k)).ToArray();
        var points = new List<Configuration>();
        var index = new int[axes.Length];
        if (axes.Any(a => a.Count == 0)) return points;
        while (true)
        {
            points.Add(new Configuration(_dimensions.Select((d, i) => new KeyValuePair<string, object>(d.Name, axes[i][index[i]]))));
            int axis = axes.Length - 1;
            while (axis >= 0 && ++index[axis] == axes[axis].Count) index[axis--] = 0;
            if (axis < 0) break;
        }
        return points;
    }

    /// <summary>
    /// Coarse to fine: every dimension narrowed around the values of <paramref name="best"/> (the best trials'
    /// configurations), keeping its scale (see <see cref="Hyperparameter.Zoom"/>).
    /// </summary>
    public SearchSpace Zoom(IReadOnlyList<Configuration> best, double margin = 0.1)
    {
        ArgumentNullException.ThrowIfNull(best);
        if (best.Count == 0) throw new ArgumentException("zooming needs at least one trial to zoom around");
        return new SearchSpace(_dimensions.Select(d => d.Zoom(best.Select(c => c[d.Name]), margin)));
    }

    /// <summary>Every value of <paramref name="c"/> rounded to <paramref name="digits"/> significant digits (see <see cref="Hyperparameter.Round"/>).</summary>
    public Configuration Round(Configuration c, int digits) =>
        new(c.Select(p => new KeyValuePair<string, object>(p.Key, Find(p.Key) is { } d ? d.Round(p.Value, digits) : p.Value)));

    /// <summary><c>lr log:1e-06..0.001, reg log:1e-05..100000</c>.</summary>
    public override string ToString() => string.Join(", ", _dimensions.Select(d => d.ToString()));
}
