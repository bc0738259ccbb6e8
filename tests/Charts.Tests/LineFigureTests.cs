using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class LineFigureTests
{
    // A babysitting-style pair of curves: cost starting near ln(10) = 2.3026 for 10 classes and decaying.
    private static readonly double[] Epochs = [.. Enumerable.Range(1, 20).Select(e => (double)e)];
    private static readonly double[] TrainLoss = [.. Epochs.Select(e => Math.Log(10) * Math.Exp(-e / 8))];
    private static readonly double[] ValLoss = [.. Epochs.Select(e => Math.Log(10) * Math.Exp(-e / 10) + 0.05)];

    private static FigureSpec LossCurves() =>
        FigureSpec.Lines("Loss", "epoch", "loss", ("train", Epochs, TrainLoss), ("val", Epochs, ValLoss));

    [Fact]
    public void Lines_gives_one_scatter_trace_in_lines_mode_per_named_series()
    {
        var figure = FigureJson.Build(LossCurves());

        Assert.Equal(2, figure.Data().Count);
        Assert.All(figure.Data(), t => Assert.Equal("scatter", t.Text("type")));
        Assert.All(figure.Data(), t => Assert.Equal("lines", t.Text("mode")));
        Assert.Equal(["train", "val"], figure.Data().Select(t => t.Text("name")));
    }

    [Fact]
    public void Lines_carries_the_data_values_and_the_axis_and_figure_titles()
    {
        var figure = FigureJson.Build(LossCurves());

        Assert.Equal(Epochs.AsNullable(), figure.Trace(0)["x"].Numbers());
        Assert.Equal(TrainLoss.AsNullable(), figure.Trace(0)["y"].Numbers());
        Assert.Equal(ValLoss.AsNullable(), figure.Trace(1)["y"].Numbers());
        Assert.Equal("epoch", figure.AxisTitle("xaxis"));
        Assert.Equal("loss", figure.AxisTitle("yaxis"));
        Assert.Equal("Loss", figure.Layout()["title"].Text("text"));
    }

    [Fact]
    public void The_figure_is_one_object_of_data_and_layout_with_plain_number_arrays()
    {
        var json = NotebookDL.Charts.Figures.Build(SpecJson.Serialize(LossCurves()));
        var figure = FigureJson.Parse(json);

        Assert.Equal(["data", "layout"], figure.Select(p => p.Key));
        Assert.DoesNotContain("bdata", json);   // plotly.js typed-array encoding
        Assert.DoesNotContain("\"NaN\"", json);
        Assert.All(figure.Trace(0)["y"]!.AsArray(), v => Assert.Equal(System.Text.Json.JsonValueKind.Number, v!.GetValueKind()));
    }

    [Fact]
    public void A_lines_only_trace_carries_no_empty_marker_container_for_plotly_validate_to_flag()
    {
        var figure = FigureJson.Build(LossCurves());

        Assert.All(figure.Data(), t => Assert.Null(t!["marker"]));
        Assert.Equal(figure.Data().Count, figure.Data().Count(t => t!["line"] is null || t["line"]!.AsObject().Count > 0));
    }

    [Fact]
    public void A_diverging_loss_becomes_a_gap_where_it_is_NaN_or_infinite()
    {
        // lr = 3e-3 in the lecture: cost inf by epoch 5; lr = 1e6: cost NaN.
        double[] loss = [2.30, 2.10, 3.70, 9.10, double.PositiveInfinity, double.NaN];
        double[] epochs = [1, 2, 3, 4, 5, 6];
        var figure = FigureJson.Build(FigureSpec.Lines("lr = 3e-3", "epoch", "loss", ("train", epochs, loss)));

        var y = figure.Trace(0)["y"].Numbers();
        Assert.Equal(loss.Length, y.Length);
        for (var i = 0; i < loss.Length; i++)
            Assert.Equal(double.IsFinite(loss[i]) ? loss[i] : null, y[i]);
    }

    [Fact]
    public void A_log_y_axis_has_type_log_and_its_range_in_log10_of_the_data_range()
    {
        var spec = LossCurves();
        spec = spec with { Panels = [spec.Panels[0] with { LogY = true, YRange = new AxisRange(0.01, 10) }] };
        var figure = FigureJson.Build(spec);

        var yAxis = figure.Layout()["yaxis"]!;
        Assert.Equal("log", yAxis.Text("type"));
        Assert.Equal([Math.Log10(0.01), Math.Log10(10)], yAxis["range"].Numbers());
        Assert.Null(figure.Layout()["xaxis"]!["type"]);
    }

    [Fact]
    public void A_log_x_axis_suits_a_learning_rate_sweep()
    {
        double[] rates = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2];
        double[] accuracy = [.. rates.Select(r => 0.1 + 0.3 * Math.Exp(-Math.Pow(Math.Log10(r) + 3.5, 2)))];
        var spec = FigureSpec.Lines("Accuracy vs learning rate", "learning rate", "val acc", ("val", rates, accuracy));
        spec = spec with { Panels = [spec.Panels[0] with { LogX = true }] };

        var figure = FigureJson.Build(spec);

        Assert.Equal("log", figure.Layout()["xaxis"].Text("type"));
        Assert.Equal(rates.AsNullable(), figure.Trace(0)["x"].Numbers());
    }

    [Fact]
    public void Without_x_the_points_are_drawn_at_0_to_n_minus_1()
    {
        var figure = FigureJson.Build(new FigureSpec { Panels = [new PanelSpec { Traces = [new TraceSpec { Y = TrainLoss }] }] });

        Assert.Equal(Enumerable.Range(0, TrainLoss.Length).Select(i => (double?)i), figure.Trace(0)["x"].Numbers());
    }

    [Fact]
    public void Lines_with_markers_dash_colour_and_width_reach_the_trace()
    {
        var trace = TraceSpec.Line("val", Epochs, ValLoss) with
        {
            Kind = TraceKinds.LinesMarkers, Dash = "dash", Color = "#d62728", LineWidth = 3, Opacity = 0.6,
        };
        var figure = FigureJson.Build(new FigureSpec { Panels = [new PanelSpec { Traces = [trace] }] });

        var t = figure.Trace(0);
        Assert.Equal("lines+markers", t.Text("mode"));
        Assert.Equal("dash", t["line"].Text("dash"));
        Assert.Equal("#d62728", t["line"].Text("color"));
        Assert.Equal(3.0, t["line"]!["width"]!.GetValue<double>());
        Assert.Equal(0.6, t["opacity"]!.GetValue<double>());
    }

    [Fact]
    public void The_width_is_left_to_the_page_unless_the_spec_gives_one()
    {
        var open = FigureJson.Build(LossCurves());
        var fixedSize = FigureJson.Build(LossCurves() with { Width = 700, Height = 350 });

        Assert.Null(open.Layout()["width"]);
        Assert.Equal(700, fixedSize.Layout()["width"]!.GetValue<int>());
        Assert.Equal(350, fixedSize.Layout()["height"]!.GetValue<int>());
    }

    [Fact]
    public void ShowLegend_false_hides_the_legend()
    {
        var figure = FigureJson.Build(LossCurves() with { ShowLegend = false });

        Assert.False(figure.Layout()["showlegend"]!.GetValue<bool>());
    }

    [Fact]
    public void A_single_panel_title_becomes_the_figure_title_when_the_figure_has_none()
    {
        var spec = LossCurves() with { Title = null };
        spec = spec with { Panels = [spec.Panels[0] with { Title = "cost" }] };

        var figure = FigureJson.Build(spec);

        Assert.Equal("cost", figure.Layout()["title"].Text("text"));
        Assert.Null(figure.Layout()["grid"]);
    }
}
