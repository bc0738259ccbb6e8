// A tour of the NotebookDL engine in a console: the lecture's numbers, computed, not quoted.
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Init;
using NotebookDL.Losses;
using NotebookDL.Probes;
using NotebookDL.Training;

Console.WriteLine("1. Softmax of z = [5, 2, -1, 3]");
var steps = Softmax.Steps([5, 2, -1, 3]);
Console.WriteLine($"   t = e^z   = [{string.Join(", ", steps.T.Select(v => v.ToString("F3")))}]");
Console.WriteLine($"   sum(t)    = {steps.Sum:F1}");
Console.WriteLine($"   a = t/sum = [{string.Join(", ", steps.A.Select(v => v.ToString("F3")))}]");
Console.WriteLine($"   hardmax   = [{string.Join(", ", steps.Hardmax)}]; loss for y = 0: {steps.Loss(0):F4}");

Console.WriteLine("\n2. A 10-layer, 500-unit tanh net on 1000 x 500 unit-Gaussian input: std of each layer's activations");
foreach (var (name, init) in new[] { ("small 0.01*randn", Initializer.Small), ("large 1.0*randn", Initializer.Large), ("xavier", Initializer.XavierNormal) })
{
    var report = ActivationStats.DeepNetExperiment(layers: 10, units: 500, samples: 1000, activation: "tanh", init: init, seed: 0);
    Console.WriteLine($"   {name,-17} " + string.Join(" ", report.Rows.Select(l => l.Std.ToString("0.00e+0"))));
}

Console.WriteLine("\n3. Babysitting a 64-50-10 net on the built-in 8x8 digits");
var splits = Split.Random(Digits.Load(), val: 297, seed: 0);
splits = new Pipeline(new MeanSubtraction(), new Standardization()).FitTransform(splits);
var net = Mlp.Create(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [50], Init = Initializer.Gaussian(1e-4), Seed = 0 });
Console.WriteLine($"   initial cost {net.Cost(splits.Train.X, splits.Train.Y).Cost:F4} (ln 10 = {Math.Log(10):F4})");
var history = new Trainer().Train(net, splits.Train, splits.Val,
    new TrainOptions { Optimizer = "adam", LearningRate = 1e-3, Epochs = 20, BatchSize = 100 });
foreach (var line in history.ToString().Split('\n').Where((_, i) => i % 4 == 0)) Console.WriteLine("   " + line);
Console.WriteLine($"   verdict: {TrainingVerdict.Of(history).Message}");
