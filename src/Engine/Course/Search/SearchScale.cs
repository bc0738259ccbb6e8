namespace NotebookDL.Search;

/// <summary>
/// How a hyperparameter's range is sampled (lecture: "use the right scale"). Each numeric scale maps a value
/// to the coordinate r in which sampling is uniform: r = value (uniform, integer), r = log10(value) (log),
/// r = log10(1 - value) (one-minus-log).
/// </summary>
public enum SearchScale
{
    /// <summary>Uniform in [a, b]: dropout, a mixing weight (<c>uniform:0..0.5</c>).</summary>
    Uniform,

    /// <summary>A whole number uniform in [a, b], both ends included: hidden units 50..100 (<c>int:50..100</c>).</summary>
    Integer,

    /// <summary>
    /// Log-uniform: alpha = 10^r with r uniform in [log10 a, log10 b], so each decade gets the same share of the
    /// samples: learning rates, regularisation strengths (<c>log:1e-6..1e-3</c>).
    /// </summary>
    Log,

    /// <summary>
    /// beta = 1 - 10^r with r uniform in [log10(1 - b), log10(1 - a)]: dense near 1, where 0.999 → 0.9995 matters
    /// and 0.9000 → 0.9005 does not: momentum, Adam's beta2 (<c>one-minus-log:0.9..0.999</c>).
    /// </summary>
    OneMinusLog,

    /// <summary>One of a list of values, each equally likely: activation, optimiser (<c>choice:relu,tanh</c>).</summary>
    Choice,
}
