using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>What a trial function returns: the training history, the final validation accuracy and the network.</summary>
/// <param name="History">The run's history (costs per iteration, accuracies per epoch, why it stopped).</param>
/// <param name="ValAccuracy">Validation accuracy of the network as the run left it (measured even when it stopped early).</param>
/// <param name="Network">The trained network (kept by the search for its best trials), or null.</param>
public sealed record TrialOutcome(TrainingHistory History, double ValAccuracy, Network? Network = null)
{
    /// <summary>The machine (or worker process) that ran the trial, when it was not this one (the cluster search).</summary>
    public string? Worker { get; init; }
}
