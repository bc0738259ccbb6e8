using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class ScatterFigureTests
{
    // Three classes of points on a spiral, the classic toy set for a softmax classifier vs a small net.
    private static (double[] X, double[] Y, int[] Classes) Spiral(int perClass)
    {
        var x = new List<double>();
        var y = new List<double>();
        var c = new List<int>();
        for (var k = 0; k < 3; k++)
            for (var i = 0; i < perClass; i++)
            {
                var r = (double)i / perClass;
                var angle = k * 4 + 4 * r;
                x.Add(r * Math.Sin(angle));
                y.Add(r * Math.Cos(angle));
                c.Add(k);
            }
        return (x.ToArray(), y.ToArray(), c.ToArray());
    }

    [Fact]
    public void Scatter_gives_one_marker_trace_per_class_with_its_points_and_colour()
    {
        var (x, y, classes) = Spiral(10);
        var figure = FigureJson.Build(FigureSpec.Scatter("Spiral", x, y, classes, ["red", "green", "blue"], xTitle: "x1", yTitle: "x2"));

        Assert.Equal(3, figure.Data().Count);
        Assert.All(figure.Data(), t => Assert.Equal("markers", t.Text("mode")));
        Assert.Equal(["red", "green", "blue"], figure.Data().Select(t => t.Text("name")));
        for (var k = 0; k < 3; k++)
        {
            var members = Enumerable.Range(0, x.Length).Where(i => classes[i] == k).ToArray();
            Assert.Equal(members.Select(i => (double?)x[i]), figure.Trace(k)["x"].Numbers());
            Assert.Equal(members.Select(i => (double?)y[i]), figure.Trace(k)["y"].Numbers());
            Assert.Equal(Palette.ForClass(k), figure.Trace(k)["marker"].Text("color"));
        }
        Assert.Equal("x1", figure.AxisTitle("xaxis"));
    }

    [Fact]
    public void A_decision_boundary_is_drawn_first_behind_the_points_in_the_class_colours()
    {
        var (x, y, classes) = Spiral(5);
        double[] gx = [-1, 0, 1];
        double[] gy = [-1, 0, 1];
        // Predicted class on the grid: by angle sector, as a linear softmax classifier would cut the plane.
        double[][] predicted = [.. gy.Select(b => gx.Select(a => (double)((int)((Math.Atan2(b, a) + Math.PI) / (2 * Math.PI / 3)) % 3)).ToArray())];
        var figure = FigureJson.Build(FigureSpec.Scatter("Softmax regions", x, y, classes, background: TraceSpec.Boundary(gx, gy, predicted)));

        var background = figure.Trace(0);
        Assert.Equal("heatmap", background.Text("type"));
        Assert.Equal(predicted.Select(r => r.AsNullable()), background["z"]!.AsArray().Select(r => r.Numbers()));
        Assert.Equal(0.0, background["zmin"]!.GetValue<double>());
        Assert.Equal(2.0, background["zmax"]!.GetValue<double>());
        var scaleColours = background["colorscale"]!.AsArray().Select(stop => stop![1]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(0, 3).Select(Palette.ForClass), scaleColours);
        Assert.False(background["showscale"]!.GetValue<bool>());
        Assert.Equal(4, figure.Data().Count);
    }

    [Fact]
    public void A_contour_boundary_keeps_its_own_kind()
    {
        var (x, y, classes) = Spiral(4);
        double[] g = [-1, 1];
        var figure = FigureJson.Build(FigureSpec.Scatter(null, x, y, classes, background: TraceSpec.Boundary(g, g, [[0.1, 0.9], [0.4, 0.6]], contour: true)));

        Assert.Equal("contour", figure.Trace(0).Text("type"));
    }

    [Fact]
    public void Colour_values_colour_each_marker_through_a_scale_with_a_titled_colour_bar()
    {
        double[] rates = [1e-5, 1e-4, 1e-3];
        double[] regs = [1e-2, 1e-3, 1e-4];
        double[] acc = [0.31, 0.48, double.NaN];
        var trace = TraceSpec.Points("trials", rates, regs) with { ColorValues = acc, ColorTitle = "val acc", ColorScale = "Cividis", MarkerSize = 9, Text = ["a", "b", "c"] };
        var figure = FigureJson.Build(new FigureSpec { Panels = [new PanelSpec { LogX = true, LogY = true, Traces = [trace] }] });

        var marker = figure.Trace(0)["marker"]!;
        Assert.Equal([0.31, 0.48, null], marker["color"].Numbers());
        Assert.Equal("Cividis", marker.Text("colorscale"));
        Assert.True(marker["showscale"]!.GetValue<bool>());
        Assert.Equal("val acc", marker["colorbar"]!["title"].Text("text"));
        Assert.Equal(9.0, marker["size"]!.GetValue<double>());
        Assert.Equal(["a", "b", "c"], figure.Trace(0)["text"].Strings());
    }
}
