using NotebookDL.Tensors;

namespace NotebookDL.Search;

/// <summary>
/// Bergstra and Bengio's (2012) argument for random search, as the lecture draws it: with one important and one
/// unimportant parameter, a 5 x 5 grid of 25 trials tries only 5 distinct values of the important one, while 25
/// random trials try 25. No training is needed to see it: the demonstration scores each point with a function in
/// which only the important parameter matters much.
/// </summary>
/// <param name="Space">The two dimensions, important first.</param>
/// <param name="Grid">The grid's configurations.</param>
/// <param name="Random">The random configurations (same number of trials, seeded).</param>
/// <param name="GridScores">The score of each grid point.</param>
/// <param name="RandomScores">The score of each random point.</param>
public sealed record RandomVersusGrid(SearchSpace Space, IReadOnlyList<Configuration> Grid, IReadOnlyList<Configuration> Random,
    double[] GridScores, double[] RandomScores)
{
    /// <summary>
    /// The lecture's picture: important ~ U(0, 1) scored by g(x) = exp(-((x - 0.62) / 0.1)^2) (a narrow peak),
    /// unimportant ~ U(0, 1) adding at most 0.02 · y; <paramref name="trials"/> grid and random trials.
    /// </summary>
    public static RandomVersusGrid Demonstrate(int trials = 25, int seed = 0) =>
        Compare(new SearchSpace(Hyperparameter.Uniform("important", 0, 1), Hyperparameter.Uniform("unimportant", 0, 1)),
            c => Math.Exp(-Math.Pow((c.Number("important") - 0.62) / 0.1, 2)) + 0.02 * c.Number("unimportant"), trials, seed);

    /// <summary>Grid against random search over <paramref name="space"/> with the same number of trials, scored by <paramref name="score"/>.</summary>
    public static RandomVersusGrid Compare(SearchSpace space, Func<Configuration, double> score, int trials, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(score);
        var grid = space.Grid(trials);
        var random = space.Sample(trials, new Rng(TrialSeed.Sampling(seed, 1)));
        return new RandomVersusGrid(space, grid, random, grid.Select(score).ToArray(), random.Select(score).ToArray());
    }

    /// <summary>How many distinct values of <paramref name="parameter"/> the grid tried.</summary>
    public int GridDistinct(string parameter) => Grid.Select(c => c[parameter]).Distinct().Count();

    /// <summary>How many distinct values of <paramref name="parameter"/> random search tried.</summary>
    public int RandomDistinct(string parameter) => Random.Select(c => c[parameter]).Distinct().Count();

    /// <summary>The best score the grid found.</summary>
    public double GridBest => GridScores.Max();

    /// <summary>The best score random search found.</summary>
    public double RandomBest => RandomScores.Max();

    public override string ToString()
    {
        var first = Space.Dimensions[0].Name;
        return FormattableString.Invariant(
            $"{Grid.Count} grid trials try {GridDistinct(first)} distinct values of {first} (best score {GridBest:F3}); {Random.Count} random trials try {RandomDistinct(first)} (best score {RandomBest:F3})");
    }
}
