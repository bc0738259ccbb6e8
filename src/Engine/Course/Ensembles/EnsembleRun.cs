using NotebookDL.Training;

namespace NotebookDL.Ensembles;

/// <summary>An ensemble as trained: how (snapshot or independent), the models, their report on validation data and the runs' histories.</summary>
/// <param name="Kind">"snapshot" (one run, a model at the end of each cosine cycle) or "independent" (one run per model).</param>
/// <param name="Ensemble">The models.</param>
/// <param name="Report">Members against the ensemble on the validation data.</param>
/// <param name="Histories">The training history of each run (one for a snapshot ensemble).</param>
/// <param name="LearningRates">The learning rate of each iteration of the (first) run: the sawtooth of warm restarts.</param>
/// <param name="SnapshotIterations">The iteration at which each snapshot was taken (empty for independent models).</param>
public sealed record EnsembleRun(string Kind, Ensemble Ensemble, EnsembleReport Report, IReadOnlyList<TrainingHistory> Histories,
    double[] LearningRates, double[] SnapshotIterations)
{
    public override string ToString() => $"{Kind} ensemble: {Report.Summary()}";
}
