using NotebookDL.Charts;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class InvalidSpecTests
{
    private static ArgumentException Rejected(FigureSpec spec) =>
        Assert.ThrowsAny<ArgumentException>(() => Figures.Build(SpecJson.Serialize(spec)));

    private static FigureSpec OnePanel(params TraceSpec[] traces) => new() { Panels = [new PanelSpec { Traces = traces }] };

    [Fact]
    public void An_unknown_trace_kind_is_rejected_with_the_kinds_that_exist()
    {
        var e = Rejected(OnePanel(new TraceSpec { Kind = "pie", Name = "share", Y = [1, 2] }));

        Assert.Contains("panels[0].traces[0] 'share'", e.Message);
        Assert.Contains("unknown trace kind 'pie'", e.Message);
        Assert.Contains("lines+markers", e.Message);
    }

    [Fact]
    public void X_and_y_of_different_lengths_are_rejected_with_both_lengths()
    {
        var e = Rejected(OnePanel(TraceSpec.Line("train", [1, 2, 3], [1, 2]), TraceSpec.Line("val", [1, 2, 3], [3, 2, 1])));

        Assert.Contains("'train'", e.Message);
        Assert.Contains("x has 3 values but y has 2", e.Message);
    }

    [Fact]
    public void An_empty_series_is_rejected()
    {
        var e = Rejected(OnePanel(TraceSpec.Line("train", [], [])));

        Assert.Contains("y is empty", e.Message);
    }

    [Fact]
    public void A_figure_with_no_panels_and_a_panel_with_no_traces_are_rejected()
    {
        Assert.Contains("no panels", Rejected(new FigureSpec()).Message);
        Assert.Contains("panels[0] has no traces", Rejected(new FigureSpec { Panels = [new PanelSpec()] }).Message);
    }

    [Fact]
    public void A_ragged_heatmap_is_rejected_naming_the_short_row()
    {
        var e = Rejected(OnePanel(TraceSpec.Heatmap([[1, 2, 3], [4, 5]])));

        Assert.Contains("z[0] has 3 values but z[1] has 2", e.Message);
    }

    [Fact]
    public void Heatmap_labels_must_match_the_matrix()
    {
        var e = Rejected(OnePanel(TraceSpec.Heatmap([[1, 2], [3, 4]], ["a", "b", "c"])));

        Assert.Contains("categories has 3 values but z's columns has 2", e.Message);
    }

    [Fact]
    public void A_non_positive_range_on_a_log_axis_is_rejected()
    {
        var spec = new FigureSpec { Panels = [new PanelSpec { LogY = true, YRange = new AxisRange(0, 10), Traces = [TraceSpec.Line(null, [1], [1])] }] };

        Assert.Contains("panels[0].yRange is on a log axis and must be positive; got [0, 10]", Rejected(spec).Message);
    }

    [Fact]
    public void A_non_finite_range_is_rejected()
    {
        var spec = new FigureSpec { Panels = [new PanelSpec { XRange = new AxisRange(0, double.NaN), Traces = [TraceSpec.Line(null, [1], [1])] }] };

        Assert.Contains("xRange must be finite with min < max", Rejected(spec).Message);
    }

    [Fact]
    public void Unknown_colour_scales_dashes_and_bar_modes_are_rejected_with_the_accepted_names()
    {
        var scale = Rejected(OnePanel(TraceSpec.Heatmap([[1]], colorScale: "Magma")));
        var dash = Rejected(OnePanel(TraceSpec.Line("a", [1], [1]) with { Dash = "dotted" }));
        var mode = Rejected(OnePanel(TraceSpec.Bars("a", ["x"], [1])) with { BarMode = "stacked" });

        Assert.Contains("unknown colorScale 'Magma'", scale.Message);
        Assert.Contains("Viridis", scale.Message);
        Assert.Contains("unknown dash 'dotted'", dash.Message);
        Assert.Contains("longdashdot", dash.Message);
        Assert.Contains("Unknown barMode 'stacked'", mode.Message);
    }

    [Fact]
    public void An_opacity_outside_0_to_1_is_rejected()
    {
        Assert.Contains("opacity must be in [0, 1]; got 1.5", Rejected(OnePanel(TraceSpec.Line("a", [1], [1]) with { Opacity = 1.5 })).Message);
    }

    [Fact]
    public void Colour_values_on_a_plain_line_are_rejected_because_a_line_has_no_markers()
    {
        var e = Rejected(OnePanel(TraceSpec.Line("a", [1, 2], [1, 2]) with { ColorValues = [0, 1] }));

        Assert.Contains("use 'scatter' or 'lines+markers'", e.Message);
    }

    [Fact]
    public void Panels_and_parallel_coordinates_in_one_figure_are_rejected()
    {
        var spec = OnePanel(TraceSpec.Line("a", [1], [1])) with
        {
            Parallel = new ParallelCoordinatesSpec { Dimensions = [ParallelDimensionSpec.Of("lr", [1])] },
        };

        Assert.Contains("either panels or parallel coordinates", Rejected(spec).Message);
    }

    [Fact]
    public void Parallel_dimensions_of_different_lengths_and_non_positive_log_values_are_rejected()
    {
        var lengths = Rejected(FigureSpec.ParallelCoordinates(null, [ParallelDimensionSpec.Of("lr", [1e-3, 1e-4]), ParallelDimensionSpec.Of("reg", [0.1])]));
        var log = Rejected(FigureSpec.ParallelCoordinates(null, [ParallelDimensionSpec.Of("lr", [1e-3, 0], log: true)]));

        Assert.Contains("'reg': has 1 values but parallel.dimensions[0] has 2", lengths.Message);
        Assert.Contains("'lr': a log dimension needs positive values; values[1] is 0", log.Message);
    }

    [Fact]
    public void A_search_where_every_trial_diverged_is_rejected()
    {
        var e = Rejected(FigureSpec.ParallelCoordinates(null, [ParallelDimensionSpec.Of("lr", [1e6, 3e-3])], [double.NaN, double.PositiveInfinity]));

        Assert.Contains("every one of the 2 trials has a non-finite value", e.Message);
    }

    [Theory]
    [InlineData("{\"panels\": [{\"traces\": [{\"kind\": \"line\", \"yy\": [1, 2]}]}]}", "yy")]
    [InlineData("{\"panels\": [", "not a valid FigureSpec")]
    [InlineData("null", "'null'")]
    public void Json_that_is_not_a_figure_spec_is_rejected_naming_the_problem(string json, string expected)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Figures.Build(json));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Scatter_rejects_classes_that_do_not_match_the_points()
    {
        Assert.Throws<ArgumentException>(() => FigureSpec.Scatter(null, [0, 1], [0, 1], [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FigureSpec.Scatter(null, [0, 1], [0, 1], [0, -1]));
    }
}
