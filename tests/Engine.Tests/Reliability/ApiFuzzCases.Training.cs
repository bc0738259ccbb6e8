using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Init;
using NotebookDL.Losses;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Schedules;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Reliability.FuzzDraw;

namespace NotebookDL.Tests.Reliability;

/// <summary>
/// Fuzz cases for what sits on top of the layers: initialisers, MLP options and the network they build,
/// training runs with bad options and data (a few tiny epochs, so each case takes milliseconds), data sets
/// and splits, and preprocessing.
/// </summary>
internal static partial class ApiFuzzCases
{
    private static void Initializers(FuzzDraw d)
    {
        Initializer init;
        switch (d.Int(3))
        {
            case 0:
                var name = d.OneOf("zeros", "small", "large", "xavier", "xavier-normal", "he", " He ", "gaussian:0.05", "0.05",
                    "glorious", "-0.1", "gaussian:nan", "gaussian:", "NaN", "1e400", "", "gaussian:-1", "gaussian:1e308", "infinity");
                d.Say($"Initializer.Parse(\"{name}\")");
                init = Initializer.Parse(name);
                break;
            case 1:
                double scale = d.OneOf(0.01, 1.0, 0.0, -1.0, double.NaN, double.PositiveInfinity, 1e308);
                d.Say($"Initializer.Gaussian({Num(scale)})");
                init = Initializer.Gaussian(scale);
                break;
            default:
                init = d.OneOf(Inits);
                d.Say($"Initializer {init}");
                break;
        }
        int fanIn = d.Size(), fanOut = d.Size();
        d.Say($"Std({fanIn}, {fanOut})");
        double std = init.Std(fanIn, fanOut);
        if (!(std >= 0) || double.IsInfinity(std)) throw new FuzzViolation($"Std({fanIn}, {fanOut}) of {init} is {std}");
        d.Say($"Create({fanIn}, {fanOut})");
        var w = init.Create(fanIn, fanOut, new Rng(5));
        Shape(w, fanIn, fanOut, $"{init} weights");
        if (std < 1e300 && !w.AllFinite()) throw new FuzzViolation($"{init} drew a non-finite weight");
    }

    private static MlpOptions DrawMlp(FuzzDraw d, int? inputs = null, int? classes = null)
    {
        var o = new MlpOptions
        {
            InputSize = inputs ?? d.Setting([1, 2, 3, 5], 0, -1),
            Classes = classes ?? d.Setting([1, 2, 3, 4], 0, -2),
            Hidden = Enumerable.Range(0, d.OneOf(0, 1, 1, 2)).Select(_ => d.Setting([1, 2, 4, 6], 0, -1)).ToArray(),
            Activation = d.Setting(["relu", "tanh", "sigmoid", "leaky-relu", "elu", "prelu", "maxout", " ReLU "], "swish", ""),
            Init = d.OneOf(Inits),
            BatchNorm = d.Chance(0.3),
            BatchNormMomentum = d.Setting([0.9, 0.0], 1.0, double.NaN),
            BatchNormEps = d.Setting([1e-5], 0.0, -1.0, double.NaN),
            Dropout = d.Setting([0.0, 0.0, 0.5], 1.0, -0.5, double.NaN),
            MaxoutPieces = d.Setting([2, 3], 1, 0),
            EluAlpha = d.Setting([1.0, 0.5], double.NaN, double.PositiveInfinity),
            LeakySlope = d.Setting([0.01, 0.2], double.NaN, double.NegativeInfinity),
            Loss = d.Setting(["softmax", "softmax", "svm", "sigmoid", " SVM "], "mse"),
            Regularizer = DrawRegularizer(d),
            Seed = d.Int(1000),
        };
        d.Say($"Mlp.Create(input {o.InputSize}, classes {o.Classes}, hidden [{string.Join(", ", o.Hidden)}], \"{o.Activation}\", {o.Init}, " +
              $"bn {o.BatchNorm} (momentum {Num(o.BatchNormMomentum)}, eps {Num(o.BatchNormEps)}), dropout {Num(o.Dropout)}, " +
              $"pieces {o.MaxoutPieces}, elu {Num(o.EluAlpha)}, slope {Num(o.LeakySlope)}, loss \"{o.Loss}\", {o.Regularizer})");
        return o;
    }

    private static Regularizer DrawRegularizer(FuzzDraw d)
    {
        double lambda = d.Setting([1e-3, 0.0, 0.5], -1.0, double.NaN, double.PositiveInfinity);
        switch (d.Int(4))
        {
            case 0: return Regularizer.None;
            case 1:
                var kind = d.Setting(["l2", "l1", "elastic", "none"], "l3", "");
                d.Say($"Regularizer.Parse(\"{kind}\", {Num(lambda)})");
                return Regularizer.Parse(kind, lambda);
            case 2:
                d.Say($"Regularizer.L2({Num(lambda)})");
                return Regularizer.L2(lambda);
            default:
                double ratio = d.Setting([0.5, 0.0, 1.0], 1.5, double.NaN);
                d.Say($"Regularizer.ElasticNet({Num(lambda)}, {Num(ratio)})");
                return Regularizer.ElasticNet(lambda, ratio);
        }
    }

    private static Targets DrawTargets(FuzzDraw d, Network net, int rows) =>
        net.Loss is SigmoidCrossEntropy && d.Chance(0.9)
            ? Targets.OfLabels(d.LabelMatrix(d.Width(rows, 0.1), d.Width(net.OutputSize, 0.1)))
            : d.Labels(d.Width(rows, 0.1), net.OutputSize);

    /// <summary>Mlp.Create with bad options, then one of the network's methods with bad shapes and targets.</summary>
    private static void MlpAndNetwork(FuzzDraw d)
    {
        var net = Mlp.Create(DrawMlp(d));
        var x = d.Matrix(d.Dim(), d.Width(net.InputSize));
        int n = x.RowCount, c = net.OutputSize;
        switch (d.Int(7))
        {
            case 0:
                var mode = d.OneOf(Mode.Train, Mode.Test);
                d.Say($"Forward(x {d.Describe(x)}, {mode})");
                var scores = net.Forward(x, mode);
                Shape(scores, n, c, "the scores");
                d.FiniteIfModerate(scores, "the scores");
                break;
            case 1:
                d.Say($"Predict(x {d.Describe(x)})");
                var predicted = net.Predict(x);
                if (predicted.Length != n || predicted.Any(k => (uint)k >= (uint)c))
                    throw new FuzzViolation($"Predict gave [{string.Join(", ", predicted)}] for {n} rows and {c} classes");
                break;
            case 2:
                d.Say($"PredictProbabilities(x {d.Describe(x)})");
                var p = net.PredictProbabilities(x);
                Shape(p, n, c, "the probabilities");
                d.FiniteIfModerate(p, "the probabilities");
                break;
            case 3:
                var y = d.Labels(d.Width(n, 0.1), c);
                int batch = d.OneOf(1000, 2, 1, 0, -1);
                d.Say($"Accuracy(x {d.Describe(x)}, y of {y.Length}, batch {batch})");
                double accuracy = net.Accuracy(x, y, batch);
                if (!(accuracy >= 0 && accuracy <= 1) && !(n == 0 && double.IsNaN(accuracy)))
                    throw new FuzzViolation($"accuracy {accuracy}");
                break;
            case 4:
                var targets = DrawTargets(d, net, n);
                d.Say($"ComputeGradients(x {d.Describe(x)}, {targets.Count} targets)");
                var cost = net.ComputeGradients(x, targets);
                if (d.ModerateInput) d.Scalar(cost.Cost, "the cost");
                foreach (var param in net.Parameters) d.FiniteIfModerate(param.Grad, $"d{param.Name}");
                break;
            case 5:
                var dScores = d.Matrix(d.Width(n), d.Width(c));
                if (d.Chance(0.5))
                {
                    d.Say($"Forward(x {d.Describe(x)}, Train)");
                    net.Forward(x, Mode.Train);
                }
                d.Say($"Backward(dScores {d.Describe(dScores)})");
                var dx = net.Backward(dScores);
                Shape(dx, n, net.InputSize, "dx");
                break;
            default:
                var other = Mlp.Create(d.Chance(0.7) ? DrawMlp(d, net.InputSize, c) : DrawMlp(d));
                d.Say("Restore(the other network's Snapshot())");
                net.Restore(other.Snapshot());
                break;
        }
    }

    /// <summary>A small data set: rows × cols of this case's values, labels mostly below <paramref name="classes"/>.</summary>
    private static Dataset DrawDataset(FuzzDraw d, int rows, int cols, int classes, string name)
    {
        var x = d.Matrix(rows, cols);
        Targets y = d.Chance(0.95) ? d.Labels(d.Width(rows, 0.05), classes, 0.05) : Targets.OfLabels(d.LabelMatrix(d.Width(rows, 0.05), classes));
        var names = d.Chance(0.1) ? Enumerable.Range(0, d.Setting([classes], 1, 0)).Select(i => $"c{i}").ToArray() : null;
        var image = d.Chance(0.1) ? new ImageShape(d.Setting([1], 0, -1), d.Setting([1], -2), d.Setting([cols], -cols, 0)) : null;
        d.Say($"new Dataset(\"{name}\", X {d.Describe(x)}, {(y.Classes is { } k ? $"classes [{string.Join(", ", k)}]" : $"labels {y.Labels!.Shape()}")}" +
              $"{(names is null ? "" : $", {names.Length} class names")}{(image is null ? "" : $", image {image}")})");
        var data = new Dataset(name, x, y, names, image);
        if (data.Count != rows || data.Features != cols) throw new FuzzViolation($"the data set is {data}");
        return data;
    }

    /// <summary>Trainer.Train on tiny data with bad options: 1 or 2 epochs of a 2-4-3 net.</summary>
    private static void Training(FuzzDraw d)
    {
        var net = Mlp.Create(new MlpOptions
        {
            InputSize = 2, Classes = 3, Hidden = [4], BatchNorm = d.Chance(0.3), Dropout = d.OneOf(0.0, 0.5),
            Loss = d.OneOf("softmax", "svm"), Seed = d.Int(100),
        });
        d.Say($"net {net.Layers.Count} layers, {net.Loss.Name}");
        var train = DrawDataset(d, d.Setting([1, 2, 3, 5, 7], 0), d.Width(2, 0.05), 3, "train");
        var val = d.Chance(0.4) ? DrawDataset(d, d.Setting([1, 2, 3], 0), d.Width(2, 0.05), 3, "val") : null;
        double lr = d.Setting([1e-2, 1e-3, 1.0, 1e3, 1e300, 0.0], -1.0, double.NaN, double.PositiveInfinity);
        string optimizer = d.Setting(["sgd", "sgd", "momentum", "nesterov", "rmsprop", "adam"], "adagrad", "");
        var o = new TrainOptions
        {
            Epochs = d.Setting([1, 2], 0, -1),
            BatchSize = d.Setting([2, 3, 200, 1], 0, -5),
            Optimizer = optimizer,
            OptimizerOptions = d.Setting<OptimizerOptions?>([null, null, null, optimizer switch
                {
                    "momentum" or "nesterov" => new() { Beta = 0.5 },
                    "adam" => new() { Beta1 = 0.5, Beta2 = 0.9 },
                    "rmsprop" => new() { DecayRate = 0.9, Eps = 1e-6 },
                    _ => null,
                }], new() { Beta1 = 1.0 }, new() { Eps = 0.0 }, new() { DecayRate = double.NaN }, new() { Beta = 0.9 }),
            Seed = d.Int(100),
            StopFactor = d.Setting<double?>([3.0, null, 1.0], 0.5, double.NaN, double.PositiveInfinity),
            TrainAccuracySamples = d.Setting<int?>([1000, null, 1], 0, -1),
            MaxDuration = d.Setting<TimeSpan?>([null, TimeSpan.FromMinutes(1)], TimeSpan.Zero, TimeSpan.FromSeconds(-1)),
            SnapshotEveryEpochs = d.Setting<int?>([null, 1], 0),
            SnapshotAtRestarts = d.Chance(0.05),
            KeepBest = d.Chance(0.2),
        };
        if (d.Chance(0.7)) o = o with { LearningRate = lr };
        if (d.Chance(0.3))
        {
            var name = d.Setting(["constant", "step", "exp", "inv", "cosine-restarts"], "triangle");
            double? decay = name is "step" or "exp" or "inv" ? d.Setting<double?>([null, 0.5], 0.0, 2.0, double.NaN) : null;
            double? t0 = name is "cosine-restarts" ? d.Setting<double?>([null, 1.0], 0.0, -1.0) : null;
            d.Say($"Schedule.Parse(\"{name}\", {Num(lr)}, decay {decay}, t0 {t0})");
            o = o with { Schedule = Schedule.Parse(name, lr, decay: decay, t0: t0) };
        }
        d.Say($"Train(epochs {o.Epochs}, batch {o.BatchSize}, lr {Num(o.LearningRate)}, \"{o.Optimizer}\" {o.OptimizerOptions}, " +
              $"schedule {o.Schedule?.ToString() ?? "none"}, stop {o.StopFactor}, samples {o.TrainAccuracySamples}, " +
              $"budget {o.MaxDuration}, snapshots {o.SnapshotEveryEpochs}/{o.SnapshotAtRestarts}, keep best {o.KeepBest})");
        var history = new Trainer().Train(net, train, val, o);
        if (history.StopReason == StopReason.Completed && history.Epochs.Count != o.Epochs)
            throw new FuzzViolation($"completed with {history.Epochs.Count} of {o.Epochs} epochs");
        if (history.StopReason != StopReason.Completed && string.IsNullOrWhiteSpace(history.StopMessage))
            throw new FuzzViolation($"stopped ({history.StopReason}) without a message");
        foreach (var e in history.Epochs)
            if (e.TrainAccuracy is < 0 or > 1 || e.ValAccuracy is < 0 or > 1)
                throw new FuzzViolation($"epoch {e.Epoch} accuracy {e.TrainAccuracy} / {e.ValAccuracy}");
    }

    /// <summary>Dataset construction, Subset, Take, WithX, Split.Random and Spiral.Create.</summary>
    private static void Datasets(FuzzDraw d)
    {
        if (d.Chance(0.2))
        {
            int points = d.Size(), classes = d.OneOf(3, 2, 1, 0, -2);
            double noise = d.OneOf(0.2, 0.0, -1.0, double.NaN, double.PositiveInfinity);
            d.Say($"Spiral.Create({points}, {classes}, noise {Num(noise)})");
            var spiral = Spiral.Create(points, classes, 0, noise);
            if (!spiral.X.AllFinite()) throw new FuzzViolation("the spiral has non-finite points");
            return;
        }
        var data = DrawDataset(d, d.Dim(), d.Dim(), d.OneOf(2, 3), "fuzz");
        switch (d.Int(5))
        {
            case 0:
                var indices = Enumerable.Range(0, d.Dim()).Select(_ => d.Chance(0.9) && data.Count > 0 ? d.Int(data.Count) : d.OneOf(-1, data.Count)).ToArray();
                d.Say($"Subset([{string.Join(", ", indices)}])");
                if (data.Subset(indices).Count != indices.Length) throw new FuzzViolation("Subset has the wrong count");
                break;
            case 1:
                int take = d.Size();
                d.Say($"Take({take})");
                if (data.Take(take).Count != Math.Clamp(take, 0, data.Count)) throw new FuzzViolation("Take has the wrong count");
                break;
            case 2:
                var x = d.Matrix(d.Width(data.Count, 0.3), d.Dim());
                d.Say($"WithX({d.Describe(x)})");
                data.WithX(x);
                break;
            case 3:
                int? train = d.OneOf<int?>(null, null, 1, 0, -1, 100);
                int val = d.OneOf(0, 1, 2, -1, 100);
                d.Say($"Split.Random(train {train}, val {val})");
                var parts = Split.Random(data, train, val, seed: 1);
                if (parts.Parts().Sum(p => p.Data.Count) > data.Count) throw new FuzzViolation("the parts hold more than the data");
                break;
            default:
                double? ftrain = d.OneOf<double?>(null, 0.5, 0.0, 1.0, 1.5, double.NaN);
                double fval = d.OneOf(0.0, 0.2, 0.5, 1.0, -0.1, double.NaN);
                d.Say($"Split.Random(train {ftrain}, val {Num(fval)})");
                var fparts = Split.Random(data, ftrain, fval, seed: 1);
                if (fparts.Parts().Sum(p => p.Data.Count) > data.Count) throw new FuzzViolation("the parts hold more than the data");
                break;
        }
    }

    /// <summary>Every preprocessing step and pipelines: Fit (or not), Transform of another width, InverseTransform.</summary>
    private static void Preprocessing(FuzzDraw d)
    {
        int? k = d.Setting<int?>([null, 1, 2], 0, -1, 100);
        double eps = d.Setting([1e-5, 1e-2], 0.0, -1.0, double.NaN, double.PositiveInfinity);
        var image = new ImageShape(d.Setting([1, 2, 3], 0), d.Setting([1, 2], -1), d.OneOf(1, 2));
        IPreprocessor p;
        switch (d.Int(6))
        {
            case 0: d.Say("new MeanSubtraction()"); p = new MeanSubtraction(); break;
            case 1: d.Say("new Standardization()"); p = new Standardization(); break;
            case 2: d.Say($"new Pca({k})"); p = new Pca(k); break;
            case 3: d.Say($"new Whitening({k}, {Num(eps)})"); p = new Whitening(k, eps); break;
            case 4: d.Say($"new PerChannelMean({image})"); p = new PerChannelMean(image); break;
            default:
                var names = d.Setting(["mean,std", "pca", "whiten", "per-channel-mean", "none", "", "mean,,pca", "std, whiten"], "median", "pca;std");
                d.Say($"Pipeline.Parse(\"{names}\", {image}, {k}, {Num(eps)})");
                p = Pipeline.Parse(names, image, k, eps);
                break;
        }
        int features = p is PerChannelMean pc && pc.Image.Size > 0 && d.Chance(0.8) ? pc.Image.Size : d.Dim();
        var train = d.Matrix(d.Dim(), features);
        if (d.Chance(0.85))
        {
            d.Say($"Fit(train {d.Describe(train)})");
            p.Fit(train);
        }
        var x = d.Matrix(d.Dim(), d.Width(train.ColumnCount, 0.15));
        d.Say($"Transform(x {d.Describe(x)})");
        var t = p.Transform(x);
        if (t.RowCount != x.RowCount) throw new FuzzViolation($"Transform gave {t.RowCount} rows for {x.RowCount}");
        if (p.KeepsFeatures) d.NoNaNIfFinite(t, $"{p.Name} Transform");
        d.FiniteIfModerate(t, $"{p.Name} Transform");
        if (p is Pca pca && d.Chance(0.5))
        {
            var z = d.Matrix(d.Dim(), d.Width(pca.ComponentCount, 0.2));
            d.Say($"InverseTransform({d.Describe(z)})");
            var back = pca.InverseTransform(z);
            Shape(back, z.RowCount, train.ColumnCount, "InverseTransform");
            d.FiniteIfModerate(back, "InverseTransform");
        }
    }
}
