using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

public class ParallelCoordinatesFigureTests
{
    // A random search as the lecture advises: learning rate and regularisation sampled on a log scale.
    private static readonly double[] LearningRates = [2e-5, 1.5e-4, 8e-4, 3e-3, 1e-6];
    private static readonly double[] Regularisation = [0.3, 0.02, 0.001, 0.05, 0.5];
    private static readonly double[] HiddenUnits = [50, 100, 200, 50, 100];
    private static readonly double[] ValAccuracy = [0.32, 0.47, 0.51, 0.38, 0.19];

    private static FigureSpec Search(double[]? accuracy = null, double[]? rates = null) =>
        FigureSpec.ParallelCoordinates("Random search",
            [
                ParallelDimensionSpec.Of("learning rate", rates ?? LearningRates, log: true),
                ParallelDimensionSpec.Of("reg", Regularisation, log: true),
                ParallelDimensionSpec.Of("hidden", HiddenUnits),
            ],
            accuracy ?? ValAccuracy, "val acc");

    [Fact]
    public void A_search_is_a_parcoords_trace_with_one_dimension_per_hyperparameter_coloured_by_accuracy()
    {
        var figure = FigureJson.Build(Search());

        var t = figure.Trace(0);
        Assert.Single(figure.Data());
        Assert.Equal("parcoords", t.Text("type"));
        var dimensions = t["dimensions"]!.AsArray();
        Assert.Equal(["learning rate", "reg", "hidden"], dimensions.Select(d => d.Text("label")));
        Assert.Equal(HiddenUnits.AsNullable(), dimensions[2]!["values"].Numbers());
        Assert.Equal(ValAccuracy.AsNullable(), t["line"]!["color"].Numbers());
        Assert.Equal("val acc", t["line"]!["colorbar"]!["title"].Text("text"));
        Assert.True(t["line"]!["showscale"]!.GetValue<bool>());
        Assert.Equal("Random search", figure.Layout()["title"].Text("text"));
    }

    [Fact]
    public void A_log_dimension_is_drawn_at_log10_with_ticks_labelled_in_the_original_units()
    {
        var figure = FigureJson.Build(Search());

        var rate = figure.Trace(0)["dimensions"]![0]!;
        Assert.Equal(LearningRates.Select(r => (double?)Math.Log10(r)), rate["values"].Numbers());
        var ticks = rate["tickvals"].Numbers();
        var labels = rate["ticktext"].Strings();
        // 1e-6 .. 3e-3: a tick at every power of ten from 1e-6 to 1e-3.
        Assert.Equal([-6.0, -5, -4, -3], ticks);
        Assert.Equal(ticks.Length, labels.Length);
        for (var k = 0; k < ticks.Length; k++)
            Assert.Equal(Math.Pow(10, ticks[k]!.Value), double.Parse(labels[k], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
    }

    [Fact]
    public void Diverged_trials_are_left_out_and_counted_in_the_title()
    {
        double[] accuracy = [0.32, double.NaN, 0.51, 0.38, 0.19];   // lr too high: cost NaN, no accuracy
        var figure = FigureJson.Build(Search(accuracy));

        var t = figure.Trace(0);
        Assert.Equal([0.32, 0.51, 0.38, 0.19], t["line"]!["color"].Numbers());
        Assert.Equal(4, t["dimensions"]![2]!["values"]!.AsArray().Count);
        Assert.Equal("Random search (1 of 5 trials not shown: non-finite values)", figure.Layout()["title"].Text("text"));
    }

    [Fact]
    public void Without_colour_values_the_lines_take_one_colour()
    {
        var spec = FigureSpec.ParallelCoordinates(null, [ParallelDimensionSpec.Of("hidden", HiddenUnits)]);
        var figure = FigureJson.Build(spec);

        Assert.Null(figure.Trace(0)["line"]?["color"]);
    }
}
