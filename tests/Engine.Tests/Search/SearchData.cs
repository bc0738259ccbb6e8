using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

/// <summary>The built-in digits as the searches in these tests use them: 1,497 train / 300 val, standardised.</summary>
internal static class SearchData
{
    private static readonly Lazy<DatasetSplits> Splits = new(() =>
        Pipeline.Parse("mean,std").FitTransform(Split.Random(Digits.Load(), val: 300, seed: 0)));

    public static Dataset Train => Splits.Value.Train;
    public static Dataset Val => Splits.Value.Val!;

    /// <summary>A 64-20-10 net, plain SGD, batch 100.</summary>
    public static MlpOptions Net => new() { InputSize = 64, Classes = 10, Hidden = [20], Init = NotebookDL.Init.Initializer.XavierNormal };
    public static TrainOptions Sgd => new() { Optimizer = "sgd", BatchSize = 100, Epochs = 2, TrainAccuracySamples = 200 };

    /// <summary>The lecture's first stage on a small scale: lr and reg on log scales.</summary>
    public static SearchSpace LrReg => new(Hyperparameter.Parse("lr", "log:1e-3..1"), Hyperparameter.Parse("reg", "log:1e-5..1e1"));

    public static TrialFunction Trial(SearchSpace space) => MlpTrial.Create(space, Net, Sgd, Train, Val);

    /// <summary>A trial result made up for tests that need no training.</summary>
    public static TrialResult Made(int index, Configuration c, double valAccuracy, TrialStatus status = TrialStatus.Completed) =>
        new(index, c, index, status, valAccuracy, valAccuracy, valAccuracy, 2.3, 1.0, [2.3, 1.0], [valAccuracy], 0.01, "");

    public static Configuration Config(params (string Name, object Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value)));
}
