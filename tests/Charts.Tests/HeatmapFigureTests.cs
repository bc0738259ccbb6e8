using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class HeatmapFigureTests
{
    private static readonly string[] Classes = ["cat", "dog", "frog"];
    private static readonly double[][] Confusion = [[50, 3, 2], [4, 40, 6], [1, 7, 44]];

    [Fact]
    public void A_confusion_matrix_is_a_heatmap_with_class_labels_values_in_cells_and_row_0_on_top()
    {
        var figure = FigureJson.Build(FigureSpec.Heatmap("Confusion", Confusion, Classes, Classes, "predicted", "true", showValues: true));

        var t = figure.Trace(0);
        Assert.Equal("heatmap", t.Text("type"));
        Assert.Equal(Classes, t["x"].Strings());
        Assert.Equal(Classes, t["y"].Strings());
        Assert.Equal(Confusion.Select(r => r.AsNullable()), t["z"]!.AsArray().Select(r => r.Numbers()));
        Assert.Equal("%{z}", t.Text("texttemplate"));
        Assert.Equal("reversed", figure.Layout()["yaxis"].Text("autorange"));
        Assert.Equal("predicted", figure.AxisTitle("xaxis"));
        Assert.Equal("true", figure.AxisTitle("yaxis"));
    }

    [Fact]
    public void A_colour_scale_and_colour_range_reach_the_heatmap()
    {
        double[][] weights = [[0.3, -0.1], [-0.4, 0.2]];
        var trace = TraceSpec.Heatmap(weights, colorScale: ColorScales.RdBu) with { ColorRange = new AxisRange(-0.5, 0.5), ColorTitle = "w" };
        var figure = FigureJson.Build(new FigureSpec { Panels = [new PanelSpec { Traces = [trace] }] });

        var t = figure.Trace(0);
        Assert.Equal("RdBu", t.Text("colorscale"));
        Assert.Equal(-0.5, t["zmin"]!.GetValue<double>());
        Assert.Equal(0.5, t["zmax"]!.GetValue<double>());
        Assert.Equal("w", t["colorbar"]!["title"].Text("text"));
    }

    [Fact]
    public void Non_finite_cells_become_null()
    {
        double[][] z = [[1, double.NaN], [double.NegativeInfinity, 4]];
        var figure = FigureJson.Build(FigureSpec.Heatmap(null, z));

        Assert.Equal([[1.0, null], [null, 4.0]], figure.Trace(0)["z"]!.AsArray().Select(r => r.Numbers()));
    }

    [Fact]
    public void Heatmaps_in_a_grid_put_each_colour_bar_beside_its_own_panel()
    {
        var panels = Enumerable.Range(1, 3)
            .Select(l => new PanelSpec { Title = $"W{l}", Traces = [TraceSpec.Heatmap([[l, -l], [0, l]], colorScale: ColorScales.RdBu)] })
            .ToArray();
        var figure = FigureJson.Build(FigureSpec.Grid("Weights", null, panels));

        var barX = figure.Data().Select(t => t!["colorbar"]!["x"]!.GetValue<double>()).ToArray();
        Assert.True(barX[0] < barX[1] && barX[1] < barX[2], $"colour bars at x = {string.Join(", ", barX)}");
        Assert.True(barX[0] < 1.0 / 3 + 0.05, $"the first colour bar (x = {barX[0]}) should sit by the first panel");
        var titles = figure.Layout()["annotations"]!.AsArray().Select(a => a.Text("text"));
        Assert.Equal(["W1", "W2", "W3"], titles);
    }

    [Fact]
    public void A_contour_takes_numeric_grid_positions()
    {
        double[] xs = [-1, 0, 1];
        double[] ys = [-1, 1];
        double[][] z = [.. ys.Select(y => xs.Select(x => x * x + y * y).ToArray())];
        var trace = new TraceSpec { Kind = TraceKinds.Contour, X = xs, Y = ys, Z = z, ColorScale = "Viridis" };
        var figure = FigureJson.Build(new FigureSpec { Panels = [new PanelSpec { Traces = [trace] }] });

        var t = figure.Trace(0);
        Assert.Equal("contour", t.Text("type"));
        Assert.Equal(xs.AsNullable(), t["x"].Numbers());
        Assert.Equal(ys.AsNullable(), t["y"].Numbers());
        Assert.Equal(z.Select(r => r.AsNullable()), t["z"]!.AsArray().Select(r => r.Numbers()));
    }
}
