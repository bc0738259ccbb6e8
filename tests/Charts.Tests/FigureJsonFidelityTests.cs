using System.Text.Json.Nodes;
using NotebookDL.Charts.Building;
using NotebookDL.Charts.Spec;
using Plotly.NET;
using ChartsFigureJson = NotebookDL.Charts.Building.FigureJson;

namespace NotebookDL.Tests.Charts;

/// <summary>The fast figure JSON (the template's JSON stored, not serialised per figure) must equal Plotly.NET's own toFigureJson.</summary>
public class FigureJsonFidelityTests
{
    public static TheoryData<string> Figures() =>
    [
        "lines", "histograms", "heatmap", "scatter",
    ];

    private static FigureSpec SpecNamed(string name) => name switch
    {
        "lines" => FigureSpec.Lines("Loss", "epoch", "loss", ("train", [1, 2, 3], [2.3, double.NaN, 1.1]), ("val", [1, 2, 3], [2.3, 1.9, 1.6])),
        "histograms" => FigureSpec.Histograms("layers", "activation", ("layer 1", [-0.5, 0, 0.5], [3, 9, 4]), ("layer 2", [-0.5, 0, 0.5], [1, 14, 1])),
        "heatmap" => FigureSpec.Heatmap("Confusion", [[5, 1], [2, 7]], ["cat", "dog"], ["cat", "dog"], showValues: true),
        _ => FigureSpec.Scatter("Regions", [0, 1, 2], [0, 1, 0], [0, 1, 1], background: TraceSpec.Boundary([0, 2], [0, 1], [[0, 1], [1, 1]])),
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void The_figure_json_equals_plotly_nets_toFigureJson_less_the_empty_frames(string name)
    {
        var (chart, _, _) = FigureCharts.Build(SpecNamed(name));
        var reference = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        reference.Remove("frames");

        var fast = ChartsFigureJson.Of(chart, fitPageWidth: false);

        Assert.True(JsonNode.DeepEquals(reference, fast), $"{name}: fast JSON differs from toFigureJson");
    }

    [Fact]
    public void The_stored_template_json_is_plotly_nets_default_template()
    {
        var actual = Newtonsoft.Json.JsonConvert.SerializeObject(Defaults.DefaultTemplate);
        if (JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(ChartsFigureJson.DefaultTemplate))) return;
        var fresh = Path.Combine(Path.GetTempPath(), "DefaultTemplate.json");
        File.WriteAllText(fresh, actual);
        Assert.Fail($"src/Charts/Building/DefaultTemplate.json is not Plotly.NET's default template (upgraded?): copy {fresh} over it");
    }
}
