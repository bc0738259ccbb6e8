using System.Text.Json.Nodes;
using NotebookDL.Charts;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class SharedLegendTests
{
    [Fact]
    public void A_series_in_two_panels_keeps_one_colour_and_one_legend_entry()
    {
        var spec = FigureSpec.Grid("runs", 2,
            new PanelSpec { Title = "cost", Traces = [TraceSpec.Line("sgd", [1, 2], [3, 2]), TraceSpec.Line("adam", [1, 2], [3, 1])] },
            new PanelSpec { Title = "accuracy", Traces = [TraceSpec.Line("sgd", [1, 2], [0.5, 0.6]), TraceSpec.Line("adam", [1, 2], [0.5, 0.9])] });
        var data = JsonNode.Parse(Figures.Build(SpecJson.Serialize(spec)))!["data"]!.AsArray().Select(t => t!.AsObject()).ToList();
        string Colour(JsonObject t) => t["line"]!["color"]!.GetValue<string>();
        var sgd = data.Where(t => (string?)t["name"] == "sgd").ToList();
        var adam = data.Where(t => (string?)t["name"] == "adam").ToList();
        Assert.Equal(Colour(sgd[0]), Colour(sgd[1]));
        Assert.Equal(Colour(adam[0]), Colour(adam[1]));
        Assert.NotEqual(Colour(sgd[0]), Colour(adam[0]));
        Assert.All(data, t => Assert.Equal((string?)t["name"], (string?)t["legendgroup"]));
        Assert.Null(sgd[0]["showlegend"]);
        Assert.False(sgd[1]["showlegend"]!.GetValue<bool>());
    }

    [Fact]
    public void Series_that_appear_once_keep_plotly_s_own_colours()
    {
        var spec = FigureSpec.Grid("two", 2,
            new PanelSpec { Traces = [TraceSpec.Line("a", [1, 2], [3, 2])] },
            new PanelSpec { Traces = [TraceSpec.Line("b", [1, 2], [3, 1])] });
        var data = JsonNode.Parse(Figures.Build(SpecJson.Serialize(spec)))!["data"]!.AsArray();
        Assert.All(data, t => Assert.Null(t!["line"]?["color"]));
    }
}
