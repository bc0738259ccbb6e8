using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Regularization;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>
/// Settings of a fully connected network, each with the lecture's default. Per hidden layer the stack is
/// Dense → [BatchNorm] → activation → [Dropout]; the last layer is a Dense giving the scores. With batch
/// norm the Dense before it has no bias (the mean subtraction cancels it; beta takes its role). Maxout
/// replaces Dense + activation by one Maxout layer (batch norm, if asked, then follows it).
/// </summary>
public sealed record MlpOptions
{
    /// <summary>D, the width of an input row (3072 for CIFAR-10, 64 for the 8x8 digits).</summary>
    public required int InputSize { get; init; }

    /// <summary>C, the number of classes (or labels for multi-label outputs).</summary>
    public required int Classes { get; init; }

    /// <summary>Widths of the hidden layers; empty gives softmax regression (one linear layer).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [50];

    /// <summary>A name of <see cref="ActivationRegistry"/>: relu, tanh, sigmoid, leaky-relu, prelu, elu, maxout or one registered.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>How weights start (the lecture compares zeros, small, large, Xavier and He).</summary>
    public Initializer Init { get; init; } = Initializer.Small;

    /// <summary>Insert batch norm after every hidden Dense.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>Batch norm's running-average momentum.</summary>
    public double BatchNormMomentum { get; init; } = 0.9;

    /// <summary>Batch norm's epsilon.</summary>
    public double BatchNormEps { get; init; } = 1e-5;

    /// <summary>Dropout probability after every hidden activation; 0 = no dropout layers.</summary>
    public double Dropout { get; init; }

    /// <summary>Pieces per maxout unit.</summary>
    public int MaxoutPieces { get; init; } = 2;

    /// <summary>ELU's alpha.</summary>
    public double EluAlpha { get; init; } = 1.0;

    /// <summary>Leaky ReLU's slope.</summary>
    public double LeakySlope { get; init; } = 0.01;

    /// <summary>softmax (cross-entropy), svm (hinge) or sigmoid (multi-label, missing labels skipped).</summary>
    public string Loss { get; init; } = "softmax";

    public Regularizer Regularizer { get; init; } = Regularizer.None;

    /// <summary>Seed of the weights and of the dropout masks.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Replacements for built-in layers, keyed by layer kind (<see cref="LayerSpec.Kind"/>: "BatchNorm", "ReLU",
    /// "Dropout", ...): every layer of that kind the network would get is handed to the function, which returns
    /// the layer to use instead, of the same width (a learner's own implementation; see NotebookDL.Exercises).
    /// The built-in layer is made first, so the weights and seeds are the same as without replacements.
    /// Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, Func<ILayer, ILayer>> LayerOverrides { get; init; } = new Dictionary<string, Func<ILayer, ILayer>>();
}

/// <summary>Builds fully connected networks from <see cref="MlpOptions"/>.</summary>
public static class Mlp
{
    /// <summary>The network described by <paramref name="o"/>, weights drawn with its seed.</summary>
    public static Network Create(MlpOptions o)
    {
        if (o.InputSize <= 0) throw new ArgumentOutOfRangeException(nameof(o), $"input size must be positive, got {o.InputSize}");
        if (o.Classes <= 0) throw new ArgumentOutOfRangeException(nameof(o), $"the number of classes must be positive, got {o.Classes}");
        foreach (var h in o.Hidden)
            if (h <= 0) throw new ArgumentOutOfRangeException(nameof(o), $"hidden layer sizes must be positive, got {h}");
        if (!(o.Dropout >= 0 && o.Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(o), $"dropout must be in [0, 1), got {o.Dropout}");
        var activation = ActivationRegistry.Get(o.Activation); // a typo is refused even with no hidden layer
        var settings = new ActivationSettings { Slope = o.LeakySlope, Alpha = o.EluAlpha, Pieces = o.MaxoutPieces, Init = o.Init };
        // So is a setting the activation refuses (a NaN slope would make every output NaN without an error).
        activation.Create(settings);

        var rng = new Rng(o.Seed);
        var layers = new List<ILayer>();
        int width = o.InputSize;
        foreach (var h in o.Hidden)
        {
            if (activation.IncludesWeights) // maxout: its own weights in place of Dense + activation
            {
                layers.Add(activation.Create(settings with { Inputs = width, Units = h, Rng = rng }));
                if (o.BatchNorm) layers.Add(Override(o, new BatchNorm(h, o.BatchNormMomentum, o.BatchNormEps), h));
            }
            else
            {
                layers.Add(new Dense(width, h, o.Init, rng, bias: !o.BatchNorm));
                if (o.BatchNorm) layers.Add(Override(o, new BatchNorm(h, o.BatchNormMomentum, o.BatchNormEps), h));
                layers.Add(Override(o, activation.Create(settings with { Inputs = h, Units = h, Rng = rng }), h));
            }
            if (o.Dropout > 0) layers.Add(Override(o, new Dropout(o.Dropout, rng.NextInt(int.MaxValue)), h));
            width = h;
        }
        layers.Add(new Dense(width, o.Classes, o.Init, rng));
        return new Network(o.InputSize, layers, CreateLoss(o.Loss), o.Regularizer);
    }

    /// <summary>
    /// The network described by <paramref name="o"/> in the element type T (float or double): the double network's
    /// weights, drawn with the same seed, rounded once, so both precisions start from the same point.
    /// </summary>
    public static Network<T> Create<T>(MlpOptions o) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        Precision.Convert<double, T>(Create(o));

    /// <summary>The replacement <see cref="MlpOptions.LayerOverrides"/> names for the built-in layer's kind, else the built-in layer.</summary>
    private static ILayer Override(MlpOptions o, ILayer builtIn, int width)
    {
        if (!o.LayerOverrides.TryGetValue(builtIn.Spec.Kind, out var replace)) return builtIn;
        var layer = replace(builtIn) ?? throw new InvalidOperationException($"the replacement for {builtIn.Name} returned null");
        if (layer.OutputSize(width) != builtIn.OutputSize(width))
            throw new InvalidOperationException($"the replacement {layer.Name} for {builtIn.Name} changes the width {width}");
        return layer;
    }

    /// <summary>"softmax", "svm" or "sigmoid".</summary>
    public static ILoss CreateLoss(string name) => name.Trim().ToLowerInvariant() switch
    {
        "softmax" or "cross-entropy" or "softmax-cross-entropy" => new SoftmaxCrossEntropy(),
        "svm" or "hinge" => new MulticlassSvm(),
        "sigmoid" or "multi-label" or "sigmoid-cross-entropy" => new SigmoidCrossEntropy(),
        _ => throw new ArgumentException($"unknown loss '{name}': use softmax, svm or sigmoid"),
    };
}
