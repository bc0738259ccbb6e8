using System.Numerics;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Benchmarks;

/// <summary>The engine's side of each figure, on the same shapes as peers/numpy_peer.py.</summary>
internal static class EngineRuns
{
    /// <summary>Bytes allocated by the last <see cref="MlpStep"/> per step, and gen-2 collections during it.</summary>
    public static (double BytesPerStep, int Gen2) MlpAllocations { get; private set; }

    /// <summary>
    /// (1) samples/s of one SGD step (forward, softmax loss, backward, update) of 3072-50-10 at batch 200 in T
    /// (float64 or float32): float32's network is float64's weights rounded once, its input the same rows rounded.
    /// </summary>
    public static double MlpStep<T>(int repeats) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(0);
        var x = Mat.Convert<double, T>(Mat.Gaussian(200, 3072, rng));
        var y = Enumerable.Range(0, 200).Select(_ => (int)(rng.NextDouble() * 10)).ToArray();
        var net = Mlp.Create<T>(TwoLayerNet);
        var parameters = net.Parameters.ToArray();
        var sgd = (IOptimizer<T>)(object)new Sgd(); // the engine's rules step both precisions
        Targets targets = y;
        // The step Trainer.Train takes: in place, into buffers reused from one batch to the next.
        void Step()
        {
            net.ComputeGradientsInPlace(x, targets, Mode.Train);
            sgd.Step(parameters, 1e-3);
        }
        double seconds = Measure.BestOf(Step, repeats * 5, warmup: 20);
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        int gen2 = GC.CollectionCount(2);
        for (int i = 0; i < 50; i++) Step();
        MlpAllocations = ((GC.GetAllocatedBytesForCurrentThread() - bytes) / 50.0, GC.CollectionCount(2) - gen2);
        return 200 / seconds;
    }

    /// <summary>The network of (1) and (4): cs231n's 3072-50-10 TwoLayerNet, small Gaussian weights, seed 1.</summary>
    private static MlpOptions TwoLayerNet => new() { InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.Small, Seed = 1 };

    /// <summary>(2) ms of the forward pass of 10 tanh layers of 500 units (no bias) on a (1000, 500) input.</summary>
    public static double TanhForward(int repeats)
    {
        var rng = new Rng(1);
        var x = Mat.Gaussian(1000, 500, rng);
        var layers = new List<ILayer>();
        for (int l = 0; l < 10; l++)
        {
            layers.Add(new Dense(Mat.Gaussian(500, 500, rng, 0.01), bias: false));
            layers.Add(new Tanh());
        }
        return 1e3 * Measure.BestOf(() =>
        {
            var h = x;
            foreach (var layer in layers) h = layer.Forward(h, Mode.Test);
        }, repeats);
    }

    /// <summary>(3) GFLOP/s of C = A·B for square matrices of size n in float64 or float32 (the engine's Gemm on column-major arrays).</summary>
    public static double Gemm<T>(int n, int repeats) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(2);
        var a = Gaussian<T>(n * n, rng);
        var b = Gaussian<T>(n * n, rng);
        var c = new T[n * n];
        double seconds = Measure.BestOf(() => Tensors.Gemm.Multiply(a, false, b, false, c, n, n, n, Ops.MaxThreads), repeats, warmup: 1);
        return 2.0 * n * n * n / seconds / 1e9;
    }

    private static T[] Gaussian<T>(int count, Rng rng) where T : INumberBase<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++) values[i] = T.CreateChecked(rng.Gaussian());
        return values;
    }

    /// <summary>
    /// (4) the CIFAR-10 batch file as a run in <paramref name="dtype"/> gets it: loaded through the engine's loader
    /// as rows in that precision, then mean-subtracted (new rows of the same size and precision). LoadedBytes: the
    /// managed heap's growth over the load, after full collections, with the loaded set alive.
    /// </summary>
    public static (Dataset Train, long LoadedBytes, int Rows, int Columns) LoadCifar(string path, Dtype dtype)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var raw = Cifar10.LoadFile(path, dtype: dtype);
        long loaded = GC.GetTotalMemory(forceFullCollection: true) - before;
        var mean = new MeanSubtraction();
        mean.Fit(raw);
        return (mean.Transform(raw), loaded, raw.Count, raw.Features);
    }

    /// <summary>(4) epochs per second of the trainer on <paramref name="train"/> in T (3072-50-10, batch 200, SGD).</summary>
    public static double CifarEpochs<T>(Dataset train) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = Mlp.Create<T>(TwoLayerNet);
        var options = new TrainOptions
        {
            Epochs = 1, BatchSize = 200, LearningRate = 1e-5, Optimizer = "sgd", TrainAccuracySamples = 200, StopFactor = null,
        };
        var trainer = new Trainer();
        double seconds = Measure.BestOf(() => trainer.Train(net, train, null, options), 3, budget: 6, warmup: 1);
        return 1 / seconds;
    }
}
