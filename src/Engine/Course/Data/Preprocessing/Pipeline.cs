using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// Preprocessing steps in order: <see cref="Fit"/> fits each step on the training data as the previous
/// steps left it; <see cref="Transform"/> applies them all with those statistics. Built from objects or
/// parsed from names, e.g. <c>Pipeline.Parse("mean,std")</c> or <c>Pipeline.Parse("per-channel-mean", cifar.Image)</c>.
/// </summary>
public sealed class Pipeline : IPreprocessor
{
    private bool _fitted;

    /// <summary>The names <see cref="Parse"/> knows, with what each means.</summary>
    public static IReadOnlyDictionary<string, string> KnownNames { get; } = new Dictionary<string, string>
    {
        ["mean"] = "subtract each feature's training mean (the mean image, AlexNet)",
        ["mean-image"] = "the same as mean",
        ["per-channel-mean"] = "subtract one mean per colour channel (VGG); needs the image shape",
        ["std"] = "centre and divide each feature by its training std",
        ["pca"] = "rotate onto the top k principal components",
        ["whiten"] = "PCA, then divide each component by sqrt(eigenvalue + eps)",
        ["none"] = "no preprocessing",
    };

    public Pipeline(params IEnumerable<IPreprocessor> steps)
    {
        Steps = steps.ToArray();
        for (int i = 0; i < Steps.Count; i++)
            if (Steps[i] is null) throw new ArgumentNullException(nameof(steps), $"pipeline step {i} is null");
    }

    /// <summary>
    /// A pipeline from comma-separated names (see <see cref="KnownNames"/>), e.g. "mean,std" or "whiten";
    /// "" or "none" is the empty pipeline.
    /// </summary>
    /// <param name="names">The steps, in order.</param>
    /// <param name="image">The rows' image shape, needed by per-channel-mean.</param>
    /// <param name="components">k for pca and whiten (null = all).</param>
    /// <param name="epsilon">ε for whiten.</param>
    /// <exception cref="ArgumentException">An unknown name (the known ones are listed), or per-channel-mean without an image shape.</exception>
    public static Pipeline Parse(string names, ImageShape? image = null, int? components = null, double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(names);
        var steps = new List<IPreprocessor>();
        foreach (var raw in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = raw.ToLowerInvariant();
            if (name == "none") continue;
            steps.Add(name switch
            {
                "mean" or "mean-image" => new MeanSubtraction(),
                "per-channel-mean" => new PerChannelMean(image ?? throw new ArgumentException(
                    "per-channel-mean needs the image shape of the rows: pass image: dataset.Image", nameof(image))),
                "std" => new Standardization(),
                "pca" => new Pca(components),
                "whiten" => new Whitening(components, epsilon),
                _ => throw new ArgumentException(
                    $"unknown preprocessing '{raw}' in \"{names}\"; known: {string.Join(", ", KnownNames.Keys)}", nameof(names)),
            });
        }
        return new Pipeline(steps);
    }

    /// <summary>The steps, in the order they run.</summary>
    public IReadOnlyList<IPreprocessor> Steps { get; }

    /// <summary>The steps' names joined by commas ("mean,std"), or "none".</summary>
    public string Name => Steps.Count == 0 ? "none" : string.Join(",", Steps.Select(s => s.Name));

    /// <inheritdoc/>
    public bool IsFitted => _fitted && Steps.All(s => s.IsFitted);

    /// <inheritdoc/>
    public bool KeepsFeatures => Steps.All(s => s.KeepsFeatures);

    /// <inheritdoc/>
    public void Fit(Matrix<double> train)
    {
        _fitted = false;
        FeatureStats.RequireTrainingData(train, $"pipeline {Name}");
        var current = train;
        for (int i = 0; i < Steps.Count; i++)
        {
            Steps[i].Fit(current);
            if (i < Steps.Count - 1) current = Steps[i].Transform(current);
        }
        _fitted = true;
    }

    /// <inheritdoc/>
    public Matrix<double> Transform(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!_fitted)
            throw new InvalidOperationException($"pipeline {Name}: call Fit(train) before Transform: the statistics come from the training data");
        var current = x.Clone();
        foreach (var step in Steps) current = step.Transform(current);
        return current;
    }

    public override string ToString() =>
        Steps.Count == 0 ? "no preprocessing" : string.Join(" → ", Steps.Select(s => s.ToString()));
}
