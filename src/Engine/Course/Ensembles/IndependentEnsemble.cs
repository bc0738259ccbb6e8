using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Ensembles;

/// <summary>
/// The classic ensemble: the same network trained <c>members</c> times from different random starts (weights,
/// shuffles), in parallel when workers allow; their averaged predictions usually beat the best of them.
/// </summary>
public static class IndependentEnsemble
{
    /// <summary>
    /// Trains <paramref name="members"/> fresh networks, member i seeded <see cref="TrialSeed.For"/>(training's seed, 1, i),
    /// on <paramref name="workers"/> threads (the result does not depend on it), and evaluates them on <paramref name="val"/>.
    /// A member whose run diverges is left out (an ensemble of none is an error). <paramref name="training"/>'s
    /// MaxDuration is the budget of the whole ensemble: no member starts after it, the running ones stop there,
    /// and a member it stopped after at least one epoch is kept (its history says so).
    /// </summary>
    public static EnsembleRun Train(MlpOptions architecture, TrainOptions training, int members, Dataset train, Dataset val,
        int workers = 1, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(val);
        if (members < 1 || members > 100) throw new ArgumentOutOfRangeException(nameof(members), $"members must be between 1 and 100, got {members}");
        var histories = new TrainingHistory[members];
        var networks = new Network?[members];
        TrialFunction trial = (request, token) =>
        {
            var outcome = MlpTrial.Train(architecture with { Seed = request.Seed }, training with { Seed = request.Seed }, train, val, token);
            histories[request.Index] = outcome.History;
            networks[request.Index] = outcome.Network;
            return outcome;
        };
        // A search over no hyperparameters: the same configuration `members` times, each trial its own seed.
        var result = new HyperparameterSearch().Run(new SearchSpace(),
            Enumerable.Repeat(Configuration.Empty, members).ToList(), trial,
            new SearchOptions { Trials = members, Workers = workers, Seed = training.Seed, KeepNetworks = 0, MaxDuration = training.MaxDuration }, ct);
        ct.ThrowIfCancellationRequested();
        var kept = result.Trials.OrderBy(t => t.Index).Where(t => networks[t.Index] is not null && Usable(histories[t.Index])).ToList();
        if (kept.Count == 0)
            throw new InvalidOperationException($"no member trained for a whole epoch ({result.Summary()})");
        var ensemble = new Ensemble(kept.Select(t => networks[t.Index]!), kept.Select(t => $"seed {t.Seed}"));
        var first = histories[kept[0].Index];
        var rates = Enumerable.Range(0, first.Iterations).Select(i => training.EffectiveSchedule.Rate((double)i / first.IterationsPerEpoch)).ToArray();
        return new EnsembleRun("independent", ensemble, ensemble.Evaluate(val), kept.Select(t => histories[t.Index]).ToList(), rates, []);
    }

    /// <summary>A member that completed, or that the ensemble's time budget stopped after at least one epoch (not one that diverged).</summary>
    private static bool Usable(TrainingHistory? history) =>
        history is not null && (history.StopReason == StopReason.Completed ||
                                history.StopReason is StopReason.TimeBudget or StopReason.Cancelled && history.Epochs.Count > 0);
}
