using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Tests.Cluster;

/// <summary>Trials of seconds to minutes on one core (the spiral, a 200-200 net, Adam), for the tests that act while a trial runs.</summary>
internal static class LongTrials
{
    public static readonly DatasetSplits Spiral = Split.Random(NotebookDL.Data.Spiral.Create(200, 3, seed: 1), val: 120, seed: 0);

    public static MlpOptions Net => new() { InputSize = 2, Classes = 3, Hidden = [200, 200] };

    /// <summary>Adam at lr 1e-3, batches of 20, for <paramref name="epochs"/> epochs.</summary>
    public static TrainOptions Adam(int epochs) => new() { Optimizer = "adam", BatchSize = 20, Epochs = epochs, TrainAccuracySamples = 100 };
}
