using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Exercises;

/// <summary>
/// The layers of a fully connected network with batch norm, as the lecture stacks them: per hidden layer
/// Dense (no bias) → BatchNorm → ReLU, then a Dense (with bias) giving the scores.
/// </summary>
internal sealed class BatchNormNetworkExercise : Exercise<Func<int, int[], int, Rng, IReadOnlyList<ILayer>>>
{
    public override string Name => "batchnorm-network";
    public override string Title => "the layers of a network with batch norm: Dense (no bias) → BatchNorm → ReLU";
    public override string Topic => "batch normalisation";
    public override string Signature =>
        "IReadOnlyList<ILayer> BatchNormNetwork(int inputs, int[] hidden, int classes, Rng rng)   // the layers, in order, for new Network(inputs, layers, loss)";
    public override string Task =>
        "For each hidden width h: new Dense(width, h, Initializer.He, rng, bias: false), new BatchNorm(h), new ReLU(); then new Dense(width, classes, Initializer.He, rng) for the scores. " +
        "The Dense before batch norm drops its bias: the mean subtraction cancels b and β takes its role.";

    /// <summary>The exercise is the order of the engine's layers, not the layers themselves.</summary>
    public override IReadOnlyList<Type> BuildingBlocks { get; } = [typeof(Dense), typeof(BatchNorm), typeof(ReLU), typeof(Initializer)];

    protected override Func<int, int[], int, Rng, IReadOnlyList<ILayer>> ReferenceImplementation => (inputs, hidden, classes, rng) =>
    {
        var layers = new List<ILayer>();
        int width = inputs;
        foreach (var h in hidden)
        {
            layers.Add(new Dense(width, h, Initializer.He, rng, bias: false));
            layers.Add(new BatchNorm(h));
            layers.Add(new ReLU());
            width = h;
        }
        layers.Add(new Dense(width, classes, Initializer.He, rng));
        return layers;
    };

    protected override void AddCases(CaseBook book, Func<int, int[], int, Rng, IReadOnlyList<ILayer>> f, Rng rng)
    {
        int seed = rng.NextInt(int.MaxValue);
        IReadOnlyList<ILayer> Build(int inputs, int[] hidden, int classes) =>
            f(inputs, (int[])hidden.Clone(), classes, new Rng(seed)) is { } layers && layers.All(l => l is not null)
                ? layers
                : throw new CaseProblem("your function returned null (or a null layer)");

        book.Add("hidden [6, 5]: Dense → BatchNorm → ReLU per hidden layer, then Dense", () =>
        {
            var kinds = Build(4, [6, 5], 3).Select(l => l.Spec.Kind).ToList();
            var expected = ReferenceImplementation(4, [6, 5], 3, new Rng(0)).Select(l => l.Spec.Kind).ToList();
            if (kinds.SequenceEqual(expected)) return Verdict.Pass();
            string shown = $"your layers are {string.Join(" → ", kinds)}";
            if (kinds.SequenceEqual(["Dense", "ReLU", "BatchNorm", "Dense", "ReLU", "BatchNorm", "Dense"]))
                return Verdict.Fail($"{shown}: batch norm goes before the activation — the lecture normalises Z, then applies g(Z̃)");
            if (!kinds.Contains("BatchNorm")) return Verdict.Fail($"{shown}: add a BatchNorm after every hidden Dense");
            if (kinds.Count > 0 && kinds[^1] != "Dense") return Verdict.Fail($"{shown}: end with a Dense giving the scores — no batch norm or activation after it");
            return Verdict.Fail($"{shown}; expected {string.Join(" → ", expected)}");
        });
        book.Add("hidden [6, 5]: the Dense layers before batch norm have no bias", () =>
        {
            var layers = Build(4, [6, 5], 3);
            for (int i = 0; i + 1 < layers.Count; i++)
                if (layers[i] is Dense { B: not null } && layers[i + 1].Spec.Kind == "BatchNorm")
                    return Verdict.Fail("bias not dropped: a Dense followed by batch norm needs no b — the mean subtraction cancels it and β takes its role (new Dense(…, bias: false))");
            return Verdict.Require(layers.Any(l => l is Dense { B: null }), "use the engine's Dense with bias: false before each BatchNorm");
        });
        book.Add("hidden [6, 5]: the output Dense keeps its bias", () =>
        {
            var layers = Build(4, [6, 5], 3);
            return layers[^1] is Dense { B: not null }
                ? Verdict.Pass()
                : Verdict.Fail("the last Dense (the scores) has no batch norm after it: keep its bias");
        });
        book.Add("widths 4 → 6 → 5 → 3 fit together and a batch goes through", () =>
        {
            var net = new Network(4, Build(4, [6, 5], 3), new SoftmaxCrossEntropy());
            var scores = net.Forward(Mat.Gaussian(2, 4, new Rng(1)), Mode.Train);
            return Verdict.Require(scores.RowCount == 2 && scores.ColumnCount == 3, $"the scores have shape {scores.Shape()}, expected (2, 3)");
        });
        book.Add("no hidden layers: a single Dense with bias (softmax regression)", () =>
        {
            var layers = Build(4, [], 3);
            return Verdict.Require(layers.Count == 1 && layers[0] is Dense { B: not null, Inputs: 4, Outputs: 3 },
                $"with no hidden layers expect one Dense 4→3 with bias; got {string.Join(" → ", layers.Select(l => l.Name))}");
        });
    }
}
