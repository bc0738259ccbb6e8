using System.Diagnostics;
using NotebookDL.Data;
using NotebookDL.Regularization;
using NotebookDL.Training;

namespace NotebookDL.Babysitting;

/// <summary>
/// The lecture's checks before a long run ("babysitting the learning process"): (1) with small weights and no
/// regularisation the initial cost is about ln C, since every class is equally likely; (2) adding L2
/// regularisation raises it by 0.5·λ·ΣW²; (3) the net can overfit a handful of examples to train accuracy
/// 1.00 with plain SGD and no regularisation. Passing all three says the loss, the gradients and the update work.
/// <code>
/// var digits = Split.Random(Digits.Load(), val: 300).Train;
/// var checks = SanityCheck.Run(new MlpOptions { InputSize = 64, Classes = 10, Init = Initializer.Gaussian(1e-4) }, digits);
/// Console.WriteLine(checks);   // initial cost 2.3026 vs ln C = 2.3026: pass ...
/// </code>
/// </summary>
public static class SanityCheck
{
    /// <summary>The first check passes within this share of ln C.</summary>
    public const double Tolerance = 0.05;

    /// <summary>The initial costs are measured on at most this many of the first training examples.</summary>
    public const int CostExamples = 1000;

    /// <summary>
    /// Runs the three checks of <paramref name="architecture"/> (its regulariser is replaced: none, then L2 with
    /// <see cref="SanityCheckOptions.Lambda"/>) on <paramref name="train"/>. The overfit tries
    /// <see cref="SanityCheckOptions.LearningRates"/> in turn, each on a fresh net with the architecture's seed
    /// (which also seeds the shuffles), and stops at the first that reaches train accuracy 1.00, or when cancelled
    /// or out of time: what ran is kept in the result. <paramref name="progress"/> hears, on the calling thread,
    /// about each learning rate before it is tried.
    /// </summary>
    public static SanityChecks Run(MlpOptions architecture, Dataset train, SanityCheckOptions? options = null,
        IProgress<OverfitProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(train);
        var o = (options ?? new SanityCheckOptions()).Validate();
        if (architecture.InputSize != train.Features || architecture.Classes != train.Classes)
            throw new ArgumentException($"the architecture takes {architecture.InputSize} features and {architecture.Classes} classes; {train.Name} has {train.Features} and {train.Classes}", nameof(architecture));
        if (o.Examples > train.Count)
            throw new ArgumentOutOfRangeException(nameof(options), o.Examples, $"{o.Examples} examples to overfit, but {train.Name} has {train.Count}");
        var plain = architecture with { Regularizer = Regularizer.None };

        // 1. Every class equally likely: −log(1/C) = ln C.
        double lnC = Math.Log(train.Classes);
        var probe = train.Take(Math.Min(train.Count, CostExamples));
        double initial = Mlp.Create(plain).Cost(probe.X, probe.Y).Cost;
        // 2. The same weights (same seed) with L2: the cost goes up by 0.5·λ·ΣW².
        double regularised = Mlp.Create(architecture with { Regularizer = Regularizer.L2(o.Lambda) }).Cost(probe.X, probe.Y).Cost;

        // 3. Overfit a tiny subset with plain SGD, one full batch per epoch.
        var tiny = train.Take(o.Examples, $"{train.Name} (first {o.Examples})");
        var tries = new List<(double Lr, TrainingHistory History)>();
        var clock = Stopwatch.StartNew();
        foreach (var rate in o.LearningRates)
        {
            progress?.Report(new OverfitProgress(rate, [.. tries.Select(t => (t.Lr, FinalAccuracy(t.History)))], clock.Elapsed, o.MaxDuration));
            var left = o.MaxDuration - clock.Elapsed;
            var history = new Trainer().Train(Mlp.Create(plain), tiny, null, new TrainOptions
            {
                Optimizer = "sgd", LearningRate = rate, BatchSize = o.Examples, Epochs = o.Epochs, Seed = architecture.Seed,
                TrainAccuracySamples = null, MaxDuration = left is null ? null : left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1),
            }, ct);
            tries.Add((rate, history));
            if (FinalAccuracy(history) == 1.0 || history.StopReason is StopReason.Cancelled or StopReason.TimeBudget) break;
        }
        var elapsed = clock.Elapsed;
        var (lastRate, overfit) = tries[^1];
        return new SanityChecks(lnC, initial, Math.Abs(initial - lnC) < Tolerance * lnC, o.Lambda, regularised, regularised > initial,
            o.Examples, lastRate, overfit, FinalAccuracy(overfit) == 1.0, [.. tries.Select(t => (t.Lr, FinalAccuracy(t.History)))])
        {
            Classes = train.Classes, Epochs = o.Epochs, Budget = o.MaxDuration, OverfitElapsed = elapsed,
        };
    }

    private static double FinalAccuracy(TrainingHistory h) => h.Epochs.LastOrDefault()?.TrainAccuracy ?? 0;
}
