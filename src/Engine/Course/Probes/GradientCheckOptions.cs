namespace NotebookDL.Probes;

/// <summary>
/// Settings of a numerical gradient check, each with cs231n's default: centred differences with
/// h = 1e-5 and a pass mark of 1e-7 on the relative error (float64).
/// </summary>
public sealed record GradientCheckOptions
{
    /// <summary>The step h of the centred difference (f(x + h) - f(x - h)) / 2h; error O(h²).</summary>
    public double Step { get; init; } = 1e-5;

    /// <summary>A tensor passes when its largest relative error is below this (1e-7: cs231n's "good" mark).</summary>
    public double Threshold { get; init; } = 1e-7;

    /// <summary>
    /// At most this many elements are checked per tensor, drawn at random (seeded) when a tensor is larger;
    /// the default checks every element. Each checked element costs two forward passes.
    /// </summary>
    public int MaxElementsPerTensor { get; init; } = int.MaxValue;

    /// <summary>Seed of the element sample (used by <see cref="GradientCheck.Network"/> and <see cref="GradientCheck.Loss"/>).</summary>
    public int Seed { get; init; }

    /// <summary>The mode of the network's forward passes in <see cref="GradientCheck.Network"/> (Train: batch statistics, dropout on).</summary>
    public Mode Mode { get; init; } = Mode.Train;

    public static GradientCheckOptions Default { get; } = new();

    internal GradientCheckOptions Validated()
    {
        if (!(Step > 0) || !double.IsFinite(Step))
            throw new ArgumentOutOfRangeException(nameof(Step), $"the finite-difference step must be a small positive number, got {Step}");
        if (!(Threshold > 0))
            throw new ArgumentOutOfRangeException(nameof(Threshold), $"the relative-error threshold must be positive, got {Threshold}");
        if (MaxElementsPerTensor <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxElementsPerTensor), $"at least one element per tensor must be checked, got {MaxElementsPerTensor}");
        return this;
    }
}
