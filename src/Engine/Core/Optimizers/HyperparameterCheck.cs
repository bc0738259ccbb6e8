using static System.FormattableString;

namespace NotebookDL.Optimizers;

/// <summary>Validation shared by optimisers and schedules; every message names the bad value.</summary>
internal static class HyperparameterCheck
{
    /// <summary>A decay coefficient β of an exponentially weighted average: in [0, 1).</summary>
    public static double Beta(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, Invariant($"{name} must be in [0, 1), got {value}"));
        return value;
    }

    /// <summary>A finite number &gt; 0 (eps, periods).</summary>
    public static double Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, Invariant($"{name} must be a finite number > 0, got {value}"));
        return value;
    }

    /// <summary>A finite number &gt;= 0.</summary>
    public static double NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, Invariant($"{name} must be a finite number >= 0, got {value}"));
        return value;
    }

    /// <summary>A learning rate: finite and &gt;= 0 (0 leaves the parameters unchanged).</summary>
    public static double LearningRate(double value, string name = "learning rate") => NonNegative(value, name);
}
