namespace NotebookDL.Search;

/// <summary>Settings of one stage of a hyperparameter search, each with its default (<c>with</c>-copies change them).</summary>
public sealed record SearchOptions
{
    /// <summary>Trials to run (default 20); a grid uses at most this many points.</summary>
    public int Trials { get; init; } = 20;

    /// <summary>Epochs per trial, passed to the trial function (null = its own setting). The lecture: 5 for a first, coarse stage.</summary>
    public int? Epochs { get; init; }

    /// <summary>Lay a grid over the space instead of sampling it at random (default false: random search).</summary>
    public bool Grid { get; init; }

    /// <summary>Trials run at once ("caviar"), each on its own thread (default 1). Results do not depend on it.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Seed of the sampling and, through <see cref="TrialSeed.For"/>, of every trial (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>1 for a first search, 2 for its refinement, ...: part of every derived seed, so stages sample afresh.</summary>
    public int Stage { get; init; } = 1;

    /// <summary>A time budget for the whole search: it stops there, keeping the finished trials. Null = none.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>How many of the best trials' networks to keep (default 1: the best; 0 = none), e.g. for an ensemble.</summary>
    public int KeepNetworks { get; init; } = 1;

    /// <summary>
    /// Round sampled values to this many significant digits (of 1 - beta for one-minus-log), so the best one prints
    /// as a short setting that reproduces the trial when typed back (e.g. 4: lr 1.405e-4). Null (default): full precision.
    /// </summary>
    public int? Digits { get; init; }

    /// <summary>
    /// Run each trial's matrix kernels on one thread (<see cref="NotebookDL.Tensors.Ops.UseThreads"/>(1)) for the duration of the search, so
    /// trials rather than kernels use the cores. Null (default): when <see cref="Workers"/> &gt; 1.
    /// </summary>
    public bool? SingleThreadedKernels { get; init; }

    /// <summary>Throws a clear <see cref="ArgumentException"/> for the first bad setting; returns this.</summary>
    public SearchOptions Validate()
    {
        if (Trials < 1 || Trials > 1_000_000) throw new ArgumentOutOfRangeException(nameof(Trials), $"trials must be between 1 and 1000000, got {Trials}");
        if (Epochs is int e && e < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), $"epochs per trial must be > 0, got {e}");
        if (Workers < 1 || Workers > 1024) throw new ArgumentOutOfRangeException(nameof(Workers), $"workers must be between 1 and 1024, got {Workers}");
        if (Stage < 1) throw new ArgumentOutOfRangeException(nameof(Stage), $"stage must be >= 1, got {Stage}");
        if (MaxDuration is TimeSpan d && d <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDuration), $"time budget must be positive (or null = none), got {d}");
        if (Digits is int g && (g < 1 || g > 15)) throw new ArgumentOutOfRangeException(nameof(Digits), $"significant digits must be between 1 and 15 (or null = all), got {g}");
        if (KeepNetworks < 0) throw new ArgumentOutOfRangeException(nameof(KeepNetworks), $"networks to keep must be >= 0, got {KeepNetworks}");
        return this;
    }
}
