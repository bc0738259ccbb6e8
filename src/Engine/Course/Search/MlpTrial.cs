using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// The trial most searches run: a fresh fully connected network (<see cref="Mlp.Create"/>) trained by
/// <see cref="Trainer"/> with the sampled values applied on top of fixed settings, scored by its validation
/// accuracy. Divergence needs no code here: the trainer stops a run whose cost is NaN/inf or above
/// <see cref="TrainOptions.StopFactor"/> (3) x its initial cost, and the search records it as diverged.
/// </summary>
public static class MlpTrial
{
    /// <summary>The names a configuration may use, with what they set (the choices as registered now).</summary>
    public static IReadOnlyDictionary<string, string> Names => new Dictionary<string, string>
    {
        ["lr"] = "learning rate (constant schedule)",
        ["reg"] = "regularisation strength lambda (L2 unless the fixed settings or reg-kind say otherwise)",
        ["reg-kind"] = "l2, l1 or elastic",
        ["momentum"] = "momentum's / Nesterov's beta, RMSprop's decay rate",
        ["beta1"] = "Adam's beta1",
        ["beta2"] = "Adam's beta2",
        ["hidden"] = "width of every hidden layer (int), or the sizes as text (\"100,50\")",
        ["layers"] = "number of hidden layers, each as wide as the first",
        ["dropout"] = "dropout probability",
        ["batch"] = "mini-batch size",
        ["epochs"] = "epochs",
        ["activation"] = ActivationRegistry.NameList,
        ["optimizer"] = OptimizerRegistry.NameList,
        ["init"] = string.Join(", ", InitializerRegistry.Names) + " or a scale",
    };

    /// <summary>
    /// A trial function over <paramref name="train"/> and <paramref name="val"/>: each request's values applied to
    /// <paramref name="architecture"/> and <paramref name="training"/>, with the request's seed for the weights and
    /// the shuffles and its epochs (when given). Unknown names in <paramref name="space"/> are rejected here.
    /// </summary>
    public static TrialFunction Create(SearchSpace space, MlpOptions architecture, TrainOptions training, Dataset train, Dataset val)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(val);
        var unknown = space.Dimensions.Select(d => d.Name).Where(n => !Names.ContainsKey(n.ToLowerInvariant())).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"MlpTrial does not know {string.Join(", ", unknown)}; it knows {string.Join(", ", Names.Keys)}");
        if (space.Find("lr") is not null && training.Schedule is not null)
            throw new ArgumentException($"searching lr replaces the learning rate, but the fixed settings have a schedule ({training.Schedule}): MlpTrial searches lr with a constant rate");
        return (request, ct) =>
        {
            var (a, t) = Apply(request.Parameters, request.Seed, request.Epochs, architecture, training);
            return Train(a, t, train, val, ct);
        };
    }

    /// <summary>The network and training settings of one trial: the fixed settings with the configuration's values and the seed applied.</summary>
    public static (MlpOptions Architecture, TrainOptions Training) Apply(Configuration c, int seed, int? epochs, MlpOptions architecture, TrainOptions training)
    {
        var a = architecture with { Seed = seed };
        var t = training with { Seed = seed, Epochs = epochs ?? training.Epochs };
        string kind = architecture.Regularizer.Kind switch
        {
            RegularizationKind.L1 => "l1",
            RegularizationKind.ElasticNet => "elastic",
            _ => "l2",
        };
        double lambda = architecture.Regularizer.Lambda;
        var optimizer = training.OptimizerOptions ?? new OptimizerOptions();
        foreach (var (key, value) in c)
        {
            switch (key.ToLowerInvariant())
            {
                case "lr": t = t with { LearningRate = c.Number(key) }; break;
                case "reg": lambda = c.Number(key); break;
                case "reg-kind": kind = c.Text(key); break;
                case "momentum":
                    // RMSprop's decay rate plays momentum's part; a rule taking neither refuses the beta.
                    optimizer = OptimizerRegistry.Find(t.Optimizer)?.Takes.HasFlag(OptimizerOption.DecayRate) == true
                        ? optimizer with { DecayRate = c.Number(key) }
                        : optimizer with { Beta = c.Number(key) };
                    break;
                case "beta1": optimizer = optimizer with { Beta1 = c.Number(key) }; break;
                case "beta2": optimizer = optimizer with { Beta2 = c.Number(key) }; break;
                case "hidden":
                    a = a with
                    {
                        Hidden = value is string s
                            ? s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray()
                            : Enumerable.Repeat(c.Integer(key), Math.Max(1, a.Hidden.Count)).ToArray(),
                    };
                    break;
                case "layers": a = a with { Hidden = Enumerable.Repeat(a.Hidden.Count > 0 ? a.Hidden[0] : 50, c.Integer(key)).ToArray() }; break;
                case "dropout": a = a with { Dropout = c.Number(key) }; break;
                case "batch": t = t with { BatchSize = c.Integer(key) }; break;
                case "epochs": t = t with { Epochs = c.Integer(key) }; break;
                case "activation": a = a with { Activation = c.Text(key) }; break;
                case "optimizer": t = t with { Optimizer = c.Text(key) }; break;
                case "init": a = a with { Init = Initializer.Parse(c.Text(key)) }; break;
                default: throw new ArgumentException($"MlpTrial does not know '{key}'");
            }
        }
        if (c.ContainsKey("reg") || c.ContainsKey("reg-kind")) a = a with { Regularizer = Regularizer.Parse(kind, lambda) };
        t = t with { OptimizerOptions = optimizer };
        return (a, t.Validate());
    }

    /// <summary>
    /// Trains a fresh network and scores it: the last epoch's validation accuracy when every epoch ran, otherwise
    /// the accuracy of the network as the run left it (a diverged trial still gets a measured score).
    /// </summary>
    public static TrialOutcome Train(MlpOptions architecture, TrainOptions training, Dataset train, Dataset val, CancellationToken ct = default)
    {
        var net = Mlp.Create(architecture);
        var history = new Trainer().Train(net, train, val, training, ct);
        double accuracy = history.StopReason == StopReason.Completed && history.Epochs.Count > 0 && history.Epochs[^1].ValAccuracy is double v
            ? v
            : net.Accuracy(val.X, val.Labels);
        return new TrialOutcome(history, accuracy, net);
    }
}
