namespace NotebookDL.Charts.Spec;

/// <summary>
/// A parallel-coordinates figure: one polyline per trial across one axis per dimension, coloured by a metric.
/// Used for the results of a hyperparameter search (random search, coarse to fine).
/// </summary>
/// <remarks>
/// A trial with a non-finite value in any dimension or in <see cref="ColorValues"/> (a run whose loss diverged)
/// cannot be placed on the axes: it is left out, and the figure title says how many were left out.
/// </remarks>
public sealed record ParallelCoordinatesSpec
{
    /// <summary>The axes, left to right (at least one), all with the same number of trials.</summary>
    public ParallelDimensionSpec[] Dimensions { get; init; } = [];

    /// <summary>The value that colours each trial's line (n), e.g. validation accuracy; null: one colour.</summary>
    public double[]? ColorValues { get; init; }

    /// <summary>Title of the colour bar (<c>"val acc"</c>).</summary>
    public string? ColorTitle { get; init; }

    /// <summary>A name from <see cref="ColorScales"/>; null: Viridis.</summary>
    public string? ColorScale { get; init; }
}
