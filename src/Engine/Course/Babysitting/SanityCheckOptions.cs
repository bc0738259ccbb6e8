namespace NotebookDL.Babysitting;

/// <summary>
/// Settings of the three sanity checks, each with the lecture's default (change them with <c>with</c>-copies).
/// </summary>
public sealed record SanityCheckOptions
{
    /// <summary>The learning rates tried in turn for the overfit when none is given: from too low to too high.</summary>
    public static IReadOnlyList<double> DefaultLearningRates { get; } = [1e-3, 1e-2, 1e-1, 1];

    /// <summary>λ of the L2 term added for the second check (default 1e3, the lecture's value that lifts 2.30 to 3.07).</summary>
    public double Lambda { get; init; } = 1e3;

    /// <summary>How many of the first training examples the net must overfit (default 20).</summary>
    public int Examples { get; init; } = 20;

    /// <summary>Epochs of plain SGD on them, one full batch per epoch (default 200).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>
    /// Learning rates tried in turn until one reaches train accuracy 1.00 (default <see cref="DefaultLearningRates"/>;
    /// give one to try only it).
    /// </summary>
    public IReadOnlyList<double> LearningRates { get; init; } = DefaultLearningRates;

    /// <summary>Time budget of the overfit check, all learning rates together (default 60 s; null = none).</summary>
    public TimeSpan? MaxDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws a clear <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public SanityCheckOptions Validate()
    {
        if (!(Lambda >= 0) || !double.IsFinite(Lambda)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "λ must be a finite number >= 0");
        if (Examples < 1) throw new ArgumentOutOfRangeException(nameof(Examples), Examples, "at least one example to overfit");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "at least one epoch");
        if (LearningRates is null || LearningRates.Count == 0) throw new ArgumentException("at least one learning rate to try", nameof(LearningRates));
        foreach (var lr in LearningRates)
            if (!(lr >= 0) || !double.IsFinite(lr)) throw new ArgumentOutOfRangeException(nameof(LearningRates), lr, "learning rates must be finite numbers >= 0");
        if (MaxDuration is TimeSpan d && d <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDuration), d, "the time budget must be positive (or null = none)");
        return this;
    }
}
