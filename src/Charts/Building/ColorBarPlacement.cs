namespace NotebookDL.Charts.Building;

/// <summary>
/// Where a colour bar goes in a grid, in paper coordinates (0..1 of the whole figure): just right of its panel,
/// centred on its row and as tall as the row, so several heatmaps in a grid do not stack their bars on the
/// figure's right edge (plotly's default place for every colour bar).
/// </summary>
/// <param name="X">Left edge of the bar.</param>
/// <param name="Y">Vertical centre of the bar.</param>
/// <param name="Length">Height of the bar as a fraction of the figure's plot height.</param>
internal sealed record ColorBarPlacement(double X, double Y, double Length);
