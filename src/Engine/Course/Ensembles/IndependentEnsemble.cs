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
    /// A member whose run diverges is left out (an ensemble of none is an error).
    /// </summary>
    public static EnsembleRun Train(MlpOptions architecture, TrainOptions training, int members, Dataset train, Dataset val,
        int workers = 1, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(val);
        if (members < 1 || members > 100) throw new ArgumentOutOfRangeException(nameof(members), $"members must be between 1 and 100, got {members}");
        var histories = new TrainingHistory[members];
        TrialFunction trial = (request, token) =>
        {
            var outcome = MlpTrial.Train(architecture with { Seed = request.Seed }, training with { Seed = request.Seed }, train, val, token);
            histories[request.Index] = outcome.History;
            return outcome;
        };
        // A search over no hyperparameters: the same configuration `members` times, each trial its own seed.
        var result = new HyperparameterSearch().Run(new SearchSpace(),
            Enumerable.Repeat(Configuration.Empty, members).ToList(), trial,
            new SearchOptions { Trials = members, Workers = workers, Seed = training.Seed, KeepNetworks = members }, ct);
        var kept = result.Trials.Where(t => result.Networks.ContainsKey(t.Index)).ToList();
        if (kept.Count == 0)
            throw new InvalidOperationException($"no member finished its training ({result.Summary()})");
        var ensemble = new Ensemble(kept.Select(t => result.Networks[t.Index]), kept.Select(t => $"seed {t.Seed}"));
        var first = histories[kept[0].Index];
        var rates = Enumerable.Range(0, first.Iterations).Select(i => training.EffectiveSchedule.Rate((double)i / first.IterationsPerEpoch)).ToArray();
        return new EnsembleRun("independent", ensemble, ensemble.Evaluate(val), kept.Select(t => histories[t.Index]).ToList(), rates, []);
    }
}
