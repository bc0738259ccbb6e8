using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>The problems the lecture reads off the gaps between errors, in the order they are read.</summary>
public enum ErrorGapKind
{
    /// <summary>Human-level → train error: the model fits its training data worse than it could.</summary>
    AvoidableBias,

    /// <summary>Train → train-dev error: it does not generalise to new data from the training distribution.</summary>
    Variance,

    /// <summary>Train-dev → dev error: the dev/test distribution differs from the training one.</summary>
    DataMismatch,

    /// <summary>Dev → test error: the hyperparameters were tuned to the dev set.</summary>
    DevOverfitting,
}

/// <summary>
/// The lecture's table for data from two distributions: human-level error (a proxy for Bayes error), then the
/// train, train-dev, dev and test errors. Each step names a problem: human → train is avoidable bias,
/// train → train-dev is variance, train-dev → dev is data mismatch, dev → test is overfitting to the dev set.
/// The biggest gap is the problem to work on: 1% / 9% / 10% (train / train-dev / dev) is variance,
/// 1% / 1.5% / 10% is data mismatch. Errors are fractions (0.01 for 1%).
/// </summary>
public sealed record BiasVarianceTable
{
    /// <summary>A gap at most this big (half a percentage point) is no problem worth naming.</summary>
    public const double NegligibleGap = 0.005;

    /// <summary>The table of the given errors.</summary>
    /// <param name="humanError">Human-level error, the best a model can hope for (0 when unknown).</param>
    /// <param name="trainError">Error on the training set.</param>
    /// <param name="trainDevError">Error on the train-dev set (same distribution as training, not trained on), or null.</param>
    /// <param name="devError">Error on the dev set.</param>
    /// <param name="testError">Error on the test set, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An error outside [0, 1].</exception>
    public BiasVarianceTable(double humanError, double trainError, double? trainDevError, double devError, double? testError = null)
    {
        Check(humanError, nameof(humanError));
        Check(trainError, nameof(trainError));
        if (trainDevError is double td) Check(td, nameof(trainDevError));
        Check(devError, nameof(devError));
        if (testError is double t) Check(t, nameof(testError));
        (HumanError, TrainError, TrainDevError, DevError, TestError) = (humanError, trainError, trainDevError, devError, testError);
    }

    public double HumanError { get; }
    public double TrainError { get; }
    public double? TrainDevError { get; }
    public double DevError { get; }
    public double? TestError { get; }

    /// <summary>Train error − human-level error.</summary>
    public double AvoidableBias => TrainError - HumanError;

    /// <summary>Train-dev error − train error (null without a train-dev set).</summary>
    public double? Variance => TrainDevError - TrainError;

    /// <summary>Dev error − train-dev error (null without a train-dev set).</summary>
    public double? DataMismatch => DevError - TrainDevError;

    /// <summary>Test error − dev error (null without a test error).</summary>
    public double? DevOverfitting => TestError - DevError;

    /// <summary>
    /// The gaps that can be measured, in the table's order. Without a train-dev set the step train → dev mixes
    /// variance and data mismatch; it is reported as variance, with a note.
    /// </summary>
    public IReadOnlyList<ErrorGap> Gaps
    {
        get
        {
            var gaps = new List<ErrorGap> { new(ErrorGapKind.AvoidableBias, "human-level", HumanError, "train", TrainError) };
            if (TrainDevError is double td)
            {
                gaps.Add(new(ErrorGapKind.Variance, "train", TrainError, "train-dev", td));
                gaps.Add(new(ErrorGapKind.DataMismatch, "train-dev", td, "dev", DevError));
            }
            else
            {
                gaps.Add(new(ErrorGapKind.Variance, "train", TrainError, "dev", DevError));
            }
            if (TestError is double t) gaps.Add(new(ErrorGapKind.DevOverfitting, "dev", DevError, "test", t));
            return gaps;
        }
    }

    /// <summary>The biggest gap, or null when every gap is at most <see cref="NegligibleGap"/>.</summary>
    public ErrorGap? Problem
    {
        get
        {
            ErrorGap? biggest = null;
            foreach (var g in Gaps)
                if (g.Size > NegligibleGap && (biggest is null || g.Size > biggest.Size)) biggest = g;
            return biggest;
        }
    }

    /// <summary>The diagnosis in the lecture's words, with what to do about it.</summary>
    public string Verdict
    {
        get
        {
            if (Problem is not ErrorGap p)
                return string.Create(CultureInfo.InvariantCulture,
                    $"no gap above {100 * NegligibleGap:G2} points: the model is close to human level on every set");
            string mixed = p.Kind == ErrorGapKind.Variance && TrainDevError is null
                ? " (without a train-dev set this gap mixes variance and data mismatch: carve a train-dev set to tell them apart)"
                : "";
            return $"{ErrorGap.Label(p.Kind)}: {p}{mixed}. {ErrorGap.Remedy(p.Kind)}";
        }
    }

    /// <summary>
    /// Measures the table: <paramref name="net"/>'s error on the train, train-dev, val (dev) and test parts
    /// of <paramref name="splits"/> that are present (test mode).
    /// </summary>
    /// <exception cref="ArgumentException">No dev (val) part, or multi-label targets.</exception>
    public static BiasVarianceTable Of(Network net, DatasetSplits splits, double humanError = 0)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(splits);
        var dev = splits.Val ?? throw new ArgumentException("the splits have no dev (val) part: the table compares the dev error with the others");
        double Error(Dataset d) => 1 - net.Accuracy(d.X, d.Y.RequireClasses($"the {d.Name} part"));
        return new BiasVarianceTable(humanError, Error(splits.Train), splits.TrainDev is null ? null : Error(splits.TrainDev),
            Error(dev), splits.Test is null ? null : Error(splits.Test));
    }

    /// <summary>The rows: the errors, each gap, the verdict.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"human-level {P(HumanError)}, train {P(TrainError)}, train-dev {(TrainDevError is double td ? P(td) : "–")}, dev {P(DevError)}, test {(TestError is double t ? P(t) : "–")}"),
        };
        lines.AddRange(Gaps.Select(g => $"{ErrorGap.Label(g.Kind)}: {g}"));
        lines.Add("verdict: " + Verdict);
        return string.Join(Environment.NewLine, lines);
    }

    internal static string P(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static void Check(double v, string name)
    {
        if (!(v >= 0 && v <= 1))
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be an error rate in [0, 1] (0.01 for 1%), got {v}");
    }
}

/// <summary>
/// One step of the table: from one error to the next, and what its size means.
/// </summary>
public sealed record ErrorGap(ErrorGapKind Kind, string From, double FromError, string To, double ToError)
{
    /// <summary>ToError − FromError (percentage points as a fraction; negative when the later set does better).</summary>
    public double Size => ToError - FromError;

    /// <summary>"avoidable bias", "variance", "data mismatch", "overfitting to dev".</summary>
    public static string Label(ErrorGapKind kind) => kind switch
    {
        ErrorGapKind.AvoidableBias => "avoidable bias",
        ErrorGapKind.Variance => "variance",
        ErrorGapKind.DataMismatch => "data mismatch",
        _ => "overfitting to dev",
    };

    /// <summary>The lecture's remedies for each problem.</summary>
    public static string Remedy(ErrorGapKind kind) => kind switch
    {
        ErrorGapKind.AvoidableBias => "Train a bigger model, train longer or with a better optimiser (momentum, RMSprop, Adam), or try another architecture.",
        ErrorGapKind.Variance => "Get more training data, regularise (L2, dropout, data augmentation), or try another architecture.",
        ErrorGapKind.DataMismatch => "Look at how training and dev data differ (manual error analysis), make the training data more like the dev data (collect more of it, or synthesise it), keeping dev and test from the same distribution.",
        _ => "The dev set has been overfitted by tuning: get a bigger dev set.",
    };

    /// <summary>"train 1.0% → train-dev 9.0%: +8.0 points".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{From} {BiasVarianceTable.P(FromError)} → {To} {BiasVarianceTable.P(ToError)}: {Points(Size)} points");

    /// <summary>A gap in percentage points with its sign, "+8.0" or "-2.8", rounded as F1 rounds everywhere else.</summary>
    public static string Points(double gap) =>
        (gap < 0 ? "-" : "+") + (100 * Math.Abs(gap)).ToString("F1", CultureInfo.InvariantCulture);
}
