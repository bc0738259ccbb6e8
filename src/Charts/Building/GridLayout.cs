namespace NotebookDL.Charts.Building;

/// <summary>
/// The cells of a rows x columns grid of panels, with plotly.js's own rule for cell domains (layout.grid, as in
/// plotly.js 2.28's grid component): a step of 1 / (n - gap) per cell, of which the cell takes step * (1 - gap);
/// rows run top to bottom.
/// </summary>
internal sealed record GridLayout(int Rows, int Columns, double XGap, double YGap)
{
    /// <summary>Right of the panel at (row, column), centred on its row; null for a single panel (plotly's default place).</summary>
    public ColorBarPlacement? ColorBarFor(int index)
    {
        if (Rows * Columns == 1) return null;
        var (row, column) = (index / Columns, index % Columns);
        var xStep = 1.0 / (Columns - XGap);
        var yStep = 1.0 / (Rows - YGap);
        var cellHeight = yStep * (1 - YGap);
        var right = column * xStep + xStep * (1 - XGap);
        var top = 1 - row * yStep;
        return new ColorBarPlacement(right + 0.01, top - cellHeight / 2, cellHeight);
    }
}
