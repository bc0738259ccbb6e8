namespace NotebookDL.Exercises;

/// <summary>Every exercise of the course, in the order of the curriculum, found by name.</summary>
public static class ExerciseCatalog
{
    /// <summary>The exercises: softmax and its loss, activation backward passes, the dense layer, dropout, batch norm, optimisers, initialisers, hyperparameter sampling.</summary>
    public static IReadOnlyList<ExerciseDefinition> All { get; } =
    [
        new SoftmaxExercise(),
        new SoftmaxLossExercise(),
        ActivationBackwardExercise.Sigmoid,
        ActivationBackwardExercise.Tanh,
        ActivationBackwardExercise.ReLU,
        ActivationBackwardExercise.LeakyReLU,
        new DenseForwardExercise(),
        new DenseBackwardExercise(),
        InitializerExercise.Xavier,
        InitializerExercise.He,
        new DropoutExercise(),
        new BatchNormExercise(),
        new BatchNormNetworkExercise(),
        new MomentumExercise(),
        new RmsPropExercise(),
        new AdamExercise(),
        new LogScaleExercise(),
        new BetaSamplingExercise(),
    ];

    /// <summary>The exercise names, e.g. "softmax", "relu-backward", "adam".</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(e => e.Name).ToArray();

    /// <summary>The exercise called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No exercise has that name; the message lists them.</exception>
    public static ExerciseDefinition Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"unknown exercise '{name}': use one of {string.Join(", ", Names)}", nameof(name));
    }
}
