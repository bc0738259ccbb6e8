using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// Coarse to fine (lecture): search a wide space with short trials, then zoom each range around the best
/// trials, keeping its scale, and sample the smaller space again with longer trials.
/// </summary>
public static class CoarseToFine
{
    /// <summary>
    /// The next stage after <paramref name="previous"/>: its space zoomed around its <paramref name="top"/> best
    /// trials (<see cref="SearchResult.Refined"/>), searched with <paramref name="options"/> (stage number one
    /// higher than the previous one's, so it samples afresh).
    /// </summary>
    public static SearchResult Refine(this HyperparameterSearch search, SearchResult previous, TrialFunction trial, SearchOptions options,
        int top = 5, double margin = 0.1, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(previous);
        return search.Run(previous.Refined(top, margin), trial, options with { Stage = previous.Options.Stage + 1 }, ct);
    }

    /// <summary>
    /// Runs the stages in turn, each later one in the space zoomed around the previous stage's best trials;
    /// stops after a stage that was cancelled or ran out of time. <paramref name="options"/> gives the seed, workers
    /// and time budget (of each stage); each stage sets its trials and epochs.
    /// </summary>
    public static IReadOnlyList<SearchResult> Run(HyperparameterSearch search, SearchSpace space, TrialFunction trial,
        IReadOnlyList<SearchStage> stages, SearchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0) throw new ArgumentException("a staged search needs at least one stage");
        var results = new List<SearchResult>();
        SearchStage? previousStage = null;
        foreach (var stage in stages)
        {
            var stageOptions = options with { Trials = stage.Trials, Epochs = stage.Epochs, Stage = results.Count + 1 };
            var result = results.Count == 0
                ? search.Run(space, trial, stageOptions, ct)
                : search.Run(results[^1].Refined(previousStage!.Top), trial, stageOptions, ct);
            results.Add(result);
            previousStage = stage;
            if (result.StopReason != StopReason.Completed || result.Best is null) break;
        }
        return results;
    }
}
