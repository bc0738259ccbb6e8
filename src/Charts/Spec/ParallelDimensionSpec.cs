namespace NotebookDL.Charts.Spec;

/// <summary>One vertical axis of a parallel-coordinates figure: a hyperparameter or a metric, one value per trial.</summary>
public sealed record ParallelDimensionSpec
{
    /// <summary>Axis label (<c>"learning rate"</c>, <c>"val acc"</c>).</summary>
    public string Label { get; init; } = "";

    /// <summary>One value per trial (n).</summary>
    public double[] Values { get; init; } = [];

    /// <summary>
    /// Spread the axis by log10 (plotly's parallel coordinates have no log axes): the values are drawn at their
    /// log10 and the ticks at powers of ten are labelled with the original values (1e-5, 1e-4, ...). Values must be
    /// positive. Use it for parameters sampled on a log scale, as the lecture advises for learning rates.
    /// </summary>
    public bool Log { get; init; }

    /// <summary>Fixed axis range in data units; null: fit the trials.</summary>
    public AxisRange? Range { get; init; }

    /// <summary>A dimension from a label and the trials' values.</summary>
    public static ParallelDimensionSpec Of(string label, double[] values, bool log = false) =>
        new() { Label = label, Values = values, Log = log };
}
