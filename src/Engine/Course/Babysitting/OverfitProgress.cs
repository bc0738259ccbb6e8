namespace NotebookDL.Babysitting;

/// <summary>
/// Reported by <see cref="SanityCheck.Run"/> just before it tries one more learning rate on the overfit check.
/// </summary>
/// <param name="LearningRate">The rate about to be tried.</param>
/// <param name="Tried">The rates tried so far, each with the train accuracy it reached.</param>
/// <param name="Elapsed">Time spent on the overfit check so far.</param>
/// <param name="Budget">The overfit check's time budget (null = none).</param>
public sealed record OverfitProgress(
    double LearningRate, IReadOnlyList<(double LearningRate, double TrainAccuracy)> Tried, TimeSpan Elapsed, TimeSpan? Budget);
