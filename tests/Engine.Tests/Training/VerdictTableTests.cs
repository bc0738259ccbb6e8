using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Init;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>
/// The verdict on real runs over four data sets (CIFAR-10's data_batch_1 and MNIST's first 10,000 from ../shared/data,
/// required under CI=true; the built-in digits and spiral), each row with the diagnosis a teaching assistant would give
/// from the curves and numbers. The settings were chosen by running them on the real data and reading the curves; the
/// thresholds are the lecture's (update/weight ~1e-3, chance 1/C, a flat cost), not fitted to these rows.
/// </summary>
public class VerdictTableTests
{
    private static readonly Dictionary<string, DatasetSplits> Cache = [];

    private static DatasetSplits Data(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached)) return cached;
            var data = name switch
            {
                "cifar10" => Prepare(Cifar10.LoadFile(Path.Combine(SharedData.Require("cifar10"), "data_batch_1.bin")), "mean", 1000),
                "mnist" => Prepare(Mnist.Load(Path.Combine(SharedData.Require("mnist"), "train10k-images-idx3-ubyte.gz"),
                    Path.Combine(SharedData.Require("mnist"), "train10k-labels-idx1-ubyte.gz")), "mean", 1000),
                "digits" => Digits.Prepared(),
                "spiral" => Split.Random(Spiral.Create(), val: 60, seed: 0),
                _ => throw new ArgumentException(name),
            };
            return Cache[name] = data;
        }
    }

    private static DatasetSplits Prepare(Dataset d, string preprocessing, int val) => Pipeline.Parse(preprocessing).FitTransform(Split.Random(d, val: val, seed: 0));

    public static TheoryData<string, string, Diagnosis, string> Runs => new()
    {
        // data, settings, verdict, what a teaching assistant says
        { "cifar10", "hidden=50 lr=1e-6 epochs=5", Diagnosis.LearningRateTooLow, "chance accuracy, weights moving ~1e-5 of their size: lr far too low" },
        { "cifar10", "hidden=50 lr=1e-2 epochs=5", Diagnosis.LearningRateTooHigh, "the cost explodes at the second step" },
        { "cifar10", "hidden=50 lr=1e-3 epochs=5", Diagnosis.TrainLonger, "0.41 and still falling ~3% an epoch: keep training" },
        { "cifar10", "hidden=50 lr=1e-3 epochs=40 examples=200 batch=100", Diagnosis.Overfitting, "200 images memorised, 0.23 on validation" },
        { "mnist", "hidden=50 lr=1e-6 epochs=5", Diagnosis.LearningRateTooLow, "0.16 near chance, updates ~2e-5: lr far too low" },
        { "mnist", "hidden=50 lr=1 epochs=5", Diagnosis.LearningRateTooHigh, "blows up at once" },
        { "mnist", "hidden=50 lr=1e-3 epochs=5", Diagnosis.Healthy, "0.92 / 0.93, no gap" },
        { "mnist", "hidden=100 lr=1e-2 epochs=60 examples=100 batch=100", Diagnosis.Overfitting, "100 digits memorised, 0.69 on validation" },
        { "mnist", "hidden=2 lr=3e-3 epochs=30", Diagnosis.Underfitting, "two hidden units: flat at 0.43, no gap: too small a model" },
        { "digits", "hidden=50 lr=1e-3 epochs=10", Diagnosis.LearningRateTooLow, "the lecture's 2.3026 → 2.3022: lr too low" },
        { "digits", "hidden=50 lr=1e6 epochs=5 stop=off", Diagnosis.LearningRateTooHigh, "the cost becomes NaN" },
        { "digits", "hidden=50 lr=1e-1 epochs=20", Diagnosis.TrainLonger, "0.89 and still falling 8% an epoch" },
        { "digits", "hidden=50 lr=1e-1 epochs=100", Diagnosis.Healthy, "1.00 / 0.97" },
        { "digits", "hidden=50 lr=0.5 epochs=200 examples=40 batch=40", Diagnosis.Overfitting, "40 digits memorised, 0.79 on validation" },
        { "spiral", "hidden=0 lr=1 epochs=200 batch=300", Diagnosis.Underfitting, "softmax regression flat at 0.50: a linear model cannot follow the arms" },
        { "spiral", "hidden=2 lr=1 epochs=1000 batch=300", Diagnosis.Underfitting, "two hidden units flat at 0.59" },
        { "spiral", "hidden=100 lr=1 epochs=300 batch=300", Diagnosis.TrainLonger, "0.80 and still falling" },
        { "spiral", "hidden=100 lr=1 epochs=3000 batch=300", Diagnosis.Healthy, "0.99 / 0.97, as cs231n's spiral net" },
        { "spiral", "hidden=100 lr=1e-5 epochs=50 batch=300", Diagnosis.LearningRateTooLow, "the cost does not move" },
    };

    [SkippableTheory]
    [MemberData(nameof(Runs))]
    public void Each_run_gets_the_teaching_assistant_s_diagnosis(string data, string settings, Diagnosis expected, string why)
    {
        var history = Run(Data(data), settings);
        var verdict = TrainingVerdict.Of(history);
        Assert.True(verdict.Kind == expected, $"{data} {settings}: expected {expected} ({why}), got {verdict.Kind}: {verdict.Message}");
        AssertNoContradiction(verdict, history);
    }

    /// <summary>A verdict never contradicts its own numbers.</summary>
    private static void AssertNoContradiction(TrainingVerdict v, TrainingHistory h)
    {
        Assert.True(v.Message.Length < 400, $"a verdict is one readable line: {v.Message}");
        if (v.Evidence is not { } e) return;
        switch (v.Kind)
        {
            case Diagnosis.Underfitting:
                Assert.True(e.Gap <= TrainingVerdict.BigGap && e.TrainAccuracy < TrainingVerdict.LowAccuracy && !(e.SecondHalfFall > TrainingVerdict.Flattened), v.Message);
                break;
            case Diagnosis.TrainLonger:
                Assert.True(e.SecondHalfFall > TrainingVerdict.Flattened, v.Message);
                break;
            case Diagnosis.Overfitting:
                Assert.True(e.Gap > TrainingVerdict.BigGap, v.Message);
                break;
            case Diagnosis.Healthy:
                Assert.True(e.Change < 0 && !(e.Gap > TrainingVerdict.BigGap) && !(e.TrainAccuracy < TrainingVerdict.LowAccuracy && e.ValAccuracy is not null), v.Message);
                break;
            case Diagnosis.LearningRateTooLow:
                Assert.True(Math.Abs(e.Change) < TrainingVerdict.BarelyMoving || e.UpdateRatio < TrainingVerdict.TooSmallUpdate, v.Message);
                break;
        }
        Assert.Equal(h.Classes, e.Classes);
    }

    private static TrainingHistory Run(DatasetSplits data, string settings)
    {
        var s = settings.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        string Get(string key, string fallback) => s.TryGetValue(key, out var v) ? v : fallback;
        var train = s.TryGetValue("examples", out var n) ? data.Train.Take(int.Parse(n), "first " + n) : data.Train;
        var hidden = Get("hidden", "50") == "0" ? [] : Get("hidden", "50").Split(',').Select(int.Parse).ToArray();
        var net = Mlp.Create(new MlpOptions { InputSize = train.Features, Classes = train.Classes, Hidden = hidden, Init = Initializer.Small });
        var options = new TrainOptions
        {
            LearningRate = double.Parse(Get("lr", "1e-3"), System.Globalization.CultureInfo.InvariantCulture),
            Epochs = int.Parse(Get("epochs", "10")), BatchSize = int.Parse(Get("batch", "200")),
            StopFactor = Get("stop", "3") == "off" ? null : 3,
        };
        return new Trainer().Train(net, train, data.Val, options);
    }
}
