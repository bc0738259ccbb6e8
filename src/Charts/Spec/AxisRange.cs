namespace NotebookDL.Charts.Spec;

/// <summary>
/// A closed interval [Min, Max] in data units, also on a log axis (the chart takes the log10 itself).
/// Both ends must be finite and Min &lt; Max; on a log axis both must be positive.
/// </summary>
/// <param name="Min">The lower end.</param>
/// <param name="Max">The upper end.</param>
public sealed record AxisRange(double Min, double Max);
