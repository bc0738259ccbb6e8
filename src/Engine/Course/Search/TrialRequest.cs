namespace NotebookDL.Search;

/// <summary>What a search asks a <see cref="TrialFunction"/> to run.</summary>
/// <param name="Index">0-based trial number (the lecture prints it as "(Index + 1 / trials)").</param>
/// <param name="Parameters">The sampled values, by name.</param>
/// <param name="Seed">The trial's own seed (weights, shuffles, dropout): <see cref="TrialSeed.For"/>.</param>
/// <param name="Epochs">Epochs per trial for this stage, or null to keep the trial function's own setting.</param>
public sealed record TrialRequest(int Index, Configuration Parameters, int Seed, int? Epochs);

/// <summary>
/// Trains one fresh model for a configuration and says how it did. Runs on a worker thread, possibly beside
/// other trials: it must not share mutable state with them. A bad configuration may throw
/// <see cref="ArgumentException"/>: the trial is then recorded as failed and the search carries on.
/// </summary>
public delegate TrialOutcome TrialFunction(TrialRequest request, CancellationToken cancellationToken);
