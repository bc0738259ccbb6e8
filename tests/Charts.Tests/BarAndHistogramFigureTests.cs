using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class BarAndHistogramFigureTests
{
    private static readonly string[] Classes = ["plane", "car", "bird", "cat"];

    [Fact]
    public void Bars_gives_one_bar_trace_per_series_over_the_categories()
    {
        double[] train = [5000, 4980, 5010, 5003];
        double[] val = [1000, 1020, 990, 997];
        var figure = FigureJson.Build(FigureSpec.Bars("Class counts", "class", "count", Classes, ("train", train), ("val", val)));

        Assert.Equal(["bar", "bar"], figure.Data().Select(t => t.Text("type")));
        Assert.Equal(["train", "val"], figure.Data().Select(t => t.Text("name")));
        Assert.Equal(Classes, figure.Trace(0)["x"].Strings());
        Assert.Equal(train.AsNullable(), figure.Trace(0)["y"].Numbers());
        Assert.Equal(val.AsNullable(), figure.Trace(1)["y"].Numbers());
        Assert.Equal("class", figure.AxisTitle("xaxis"));
        Assert.Equal("count", figure.AxisTitle("yaxis"));
    }

    [Fact]
    public void The_bar_mode_reaches_the_layout()
    {
        var spec = FigureSpec.Bars("Counts", null, null, Classes, ("a", [1, 2, 3, 4]), ("b", [4, 3, 2, 1])) with { BarMode = BarModes.Stack };

        Assert.Equal("stack", FigureJson.Build(spec).Layout().Text("barmode"));
    }

    /// <summary>The lecture's initialisation demo: one histogram of activations per tanh layer.</summary>
    private static (string, double[], double[])[] LayerHistograms(int layers)
    {
        double[] centres = [.. Enumerable.Range(0, 21).Select(k => -1 + k * 0.1)];
        return [.. Enumerable.Range(1, layers).Select(l =>
        {
            var std = 0.6 / l;   // activations shrinking layer by layer, as with W = 0.01 * randn
            double[] counts = [.. centres.Select(c => Math.Round(500 * Math.Exp(-c * c / (2 * std * std))))];
            return ($"layer {l}", centres, counts);
        })];
    }

    [Fact]
    public void Histograms_make_one_titled_panel_per_layer_in_a_grid()
    {
        var histograms = LayerHistograms(4);
        var figure = FigureJson.Build(FigureSpec.Histograms("tanh activations", "activation", histograms));

        Assert.Equal(4, figure.Data().Count);
        Assert.Equal(["x", "x2", "x3", "x4"], figure.Data().Select(t => t.Text("xaxis")));
        var grid = figure.Layout()["grid"]!;
        Assert.Equal(2, grid["rows"]!.GetValue<int>());     // 4 panels: ceil(sqrt(4)) = 2 columns
        Assert.Equal(2, grid["columns"]!.GetValue<int>());
        var panelTitles = figure.Layout()["annotations"]!.AsArray().Select(a => a.Text("text"));
        Assert.Equal(histograms.Select(h => h.Item1), panelTitles);
        Assert.Equal("activation", figure.AxisTitle("xaxis3"));
        Assert.Equal("count", figure.AxisTitle("yaxis4"));
        for (var l = 0; l < 4; l++)
            Assert.Equal(histograms[l].Item3.AsNullable(), figure.Trace(l)["y"].Numbers());
    }

    [Fact]
    public void Histogram_bars_are_as_wide_as_the_bin_spacing_so_they_touch()
    {
        var histograms = LayerHistograms(1);
        var centres = histograms[0].Item2;
        var figure = FigureJson.Build(FigureSpec.Histograms(null, "activation", histograms));

        Assert.Equal(centres[1] - centres[0], figure.Trace(0)["width"]!.GetValue<double>(), 12);
        Assert.Equal(centres.AsNullable(), figure.Trace(0)["x"].Numbers());
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 1, 3)]
    [InlineData(5, 2, 3)]
    [InlineData(10, 3, 4)]
    public void Panels_fill_a_grid_of_default_columns(int panels, int rows, int columns)
    {
        var figure = FigureJson.Build(FigureSpec.Histograms("grid", null, LayerHistograms(panels)) with { Title = "grid" });

        var grid = figure.Layout()["grid"]!;
        Assert.Equal(rows, grid["rows"]!.GetValue<int>());
        Assert.Equal(columns, grid["columns"]!.GetValue<int>());
        Assert.Equal(FigureSpec.DefaultColumns(panels), columns);
    }

    [Fact]
    public void An_explicit_column_count_and_height_win_over_the_defaults()
    {
        var spec = FigureSpec.Histograms("six layers", null, LayerHistograms(6)) with { Columns = 2, Height = 900 };
        var figure = FigureJson.Build(spec);

        Assert.Equal(3, figure.Layout()["grid"]!["rows"]!.GetValue<int>());
        Assert.Equal(2, figure.Layout()["grid"]!["columns"]!.GetValue<int>());
        Assert.Equal(900, figure.Layout()["height"]!.GetValue<int>());
    }
}
