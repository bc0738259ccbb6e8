using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// The lecture's claim put to the test: the same network trained on clean labels, then on labels with
/// random and with systematic noise at each rate, every one measured on the same clean dev set. Random noise
/// raises the dev error a little; systematic noise at the same rate raises it a lot.
/// </summary>
public sealed class LabelNoiseExperiment : Experiment
{
    /// <summary>The default noise rates: 10%, 20% and 30% of the training labels wrong.</summary>
    public static IReadOnlyList<double> DefaultRates { get; } = [0.1, 0.2, 0.3];

    /// <summary>
    /// Trains 1 + 2·rates networks (clean, then random and systematic at each rate) on <paramref name="train"/>
    /// and measures each on the clean <paramref name="dev"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Data that does not match, multi-label targets, or no rates.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate outside (0, 1].</exception>
    public LabelNoiseResult Run(Dataset train, Dataset dev, ExperimentOptions options, IReadOnlyList<double>? rates = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(dev);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        rates ??= DefaultRates;
        if (rates.Count == 0) throw new ArgumentException("give at least one noise rate, e.g. 0.2");
        foreach (var r in rates)
            if (!(r > 0 && r <= 1)) throw new ArgumentOutOfRangeException(nameof(rates), r, $"noise rates must be fractions in (0, 1] (0.2 for 20%), got {r}");
        var devLabels = dev.Y.RequireClasses($"the dev set '{dev.Name}'");
        train.Y.RequireClasses($"the training set '{train.Name}'");
        if (dev.Features != train.Features)
            throw new ArgumentException($"the dev set has {dev.Features} features, the training set {train.Features}");

        Begin(options.MaxDuration);
        int stages = 1 + 2 * rates.Count, stage = 0;
        var training = options.StageTraining();
        int classes = Math.Max(train.Classes, dev.Classes);

        (TrainingHistory History, double DevError, double TrainError) TrainOn(string name, Dataset data)
        {
            var net = options.CreateNetwork(train.Features, classes);
            var history = TrainStage(name, ++stage, stages, net, data, dev, training, ct);
            return (history, 1 - net.Accuracy(dev.X, devLabels), 1 - net.Accuracy(data.X, data.Labels));
        }

        var clean = TrainOn("clean labels", train);
        var trials = new List<NoiseTrial>();
        foreach (var rate in rates)
        {
            foreach (var kind in new[] { NoiseKind.Random, NoiseKind.Systematic })
            {
                var noisy = LabelNoise.Inject(train, kind, rate, options.Seed);
                var name = string.Create(CultureInfo.InvariantCulture, $"{kind.ToString().ToLowerInvariant()} noise {100 * rate:G3}%");
                var (history, devError, trainError) = TrainOn(name, noisy.Data);
                trials.Add(new NoiseTrial(kind, rate, noisy.Flipped.Count, devError, trainError, history));
            }
        }
        return new LabelNoiseResult(clean.DevError, clean.TrainError, clean.History, trials, train.Count, dev.Count, options, StopMessage);
    }
}

/// <summary>
/// One network trained on noisy labels.
/// </summary>
/// <param name="Kind">Random or systematic.</param>
/// <param name="Rate">The share of training labels made wrong.</param>
/// <param name="Flipped">How many labels were changed.</param>
/// <param name="DevError">Its error on the clean dev set.</param>
/// <param name="TrainError">Its error on the noisy labels it trained on.</param>
/// <param name="History">Its training history.</param>
public sealed record NoiseTrial(NoiseKind Kind, double Rate, int Flipped, double DevError, double TrainError, TrainingHistory History)
{
    /// <summary>False when the experiment stopped before this network trained: its errors are those of random weights and say nothing.</summary>
    public bool Trained => History.Costs.Count > 0;
}

/// <summary>
/// What <see cref="LabelNoiseExperiment"/> measured: the clean baseline and one trial per kind and rate.
/// </summary>
public sealed record LabelNoiseResult(
    double CleanDevError, double CleanTrainError, TrainingHistory Clean, IReadOnlyList<NoiseTrial> Trials,
    int TrainCount, int DevCount, ExperimentOptions Options, string? StopMessage)
{
    /// <summary>The noise rates tried, in order.</summary>
    public IReadOnlyList<double> Rates => Trials.Select(t => t.Rate).Distinct().ToList();

    /// <summary>The trial of <paramref name="kind"/> at <paramref name="rate"/>.</summary>
    public NoiseTrial Trial(NoiseKind kind, double rate) =>
        Trials.FirstOrDefault(t => t.Kind == kind && t.Rate == rate)
        ?? throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"no {kind} trial at rate {rate}; the rates are {string.Join(", ", Rates)}"));

    /// <summary>How much a trial raised the dev error over the clean baseline (percentage points as a fraction).</summary>
    public double Harm(NoiseTrial trial) => trial.DevError - CleanDevError;

    /// <summary>The lecture's conclusion, with this run's numbers at the highest rate.</summary>
    public string Verdict
    {
        get
        {
            if (StopMessage is not null) return $"incomplete ({StopMessage}): the trials that did not train say nothing";
            double rate = Rates.Max();
            double random = Harm(Trial(NoiseKind.Random, rate)), systematic = Harm(Trial(NoiseKind.Systematic, rate));
            string numbers = string.Create(CultureInfo.InvariantCulture,
                $"with {100 * rate:G3}% of the training labels wrong, random noise raised the dev error by {ErrorGap.Points(random)} points, systematic noise by {ErrorGap.Points(systematic)}");
            return systematic > random + 0.01
                ? numbers + ": random noise hurts far less than systematic noise (deep learning is robust to random label errors, not to systematic ones)"
                : numbers + ": here the two kinds hurt about as much";
        }
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string> { string.Create(c, $"clean labels: dev error {100 * CleanDevError:F1}%") };
        lines.AddRange(Trials.Select(t => string.Create(c,
            $"{t.Kind.ToString().ToLowerInvariant(),-10} {100 * t.Rate,4:G3}% wrong ({t.Flipped} labels): ") +
            (t.Trained ? string.Create(c, $"dev error {100 * t.DevError:F1}% ({ErrorGap.Points(Harm(t))} points)") : "not trained (the time budget ran out first)")));
        lines.Add(Verdict);
        return string.Join(Environment.NewLine, lines);
    }
}
