using System.Text.Json.Nodes;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class SpecJsonTests
{
    [Fact]
    public void A_spec_round_trips_through_json_including_NaN_and_infinity()
    {
        var spec = FigureSpec.Lines("Loss", "epoch", "loss", ("train", [1, 2, 3], [2.3, double.NaN, double.PositiveInfinity])) with
        {
            Width = 640, BarMode = BarModes.Overlay,
        };

        var back = SpecJson.Deserialize(SpecJson.Serialize(spec));

        var trace = back.Panels[0].Traces[0];
        Assert.Equal(spec.Panels[0].Traces[0].Y, trace.Y);
        Assert.Equal(spec.Panels[0].Traces[0].X, trace.X);
        Assert.Equal(("Loss", 640, "overlay", "epoch", "train"), (back.Title, back.Width, back.BarMode, back.Panels[0].XTitle, trace.Name));
    }

    [Fact]
    public void The_json_is_camel_case_and_leaves_out_what_is_not_set()
    {
        var json = SpecJson.Serialize(FigureSpec.Lines("Loss", "epoch", null, ("train", [1], [2])));
        var node = JsonNode.Parse(json)!;

        Assert.Equal("epoch", node["panels"]![0]!["xTitle"]!.GetValue<string>());
        Assert.Null(node["panels"]![0]!["yTitle"]);
        Assert.Null(node["panels"]![0]!["logX"]);
        Assert.Null(node["parallel"]);
    }

    [Fact]
    public void An_unknown_property_is_rejected_so_a_typo_does_not_pass_silently()
    {
        var e = Assert.Throws<ArgumentException>(() => SpecJson.Deserialize("{\"title\": \"a\", \"colums\": 2}"));

        Assert.Contains("colums", e.Message);
    }
}
