using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Reports;

namespace NotebookDL.Tests.Extension;

public class ConfusionMatrixFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public ConfusionMatrixFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    private static ConfusionMatrix CatDogChick() =>
        ConfusionMatrix.From([0, 0, 0, 0, 1, 1, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1, 0, 0, 2, 1], ["cat", "dog", "chick"]);

    [Fact]
    public void The_table_shows_counts_recall_precision_and_the_most_confused_pair()
    {
        var m = CatDogChick();
        var html = ConfusionMatrixFormatter.Html(m);
        Assert.Contains("10 examples, accuracy 60.0%", html);
        Assert.Contains(Html.Percent(m.Recall(0)), html);    // 75.0%
        Assert.Contains(Html.Percent(m.Precision(0)), html); // 60.0%
        Assert.Contains("dog → cat: 2", html);
        Assert.Contains("<b>3</b>", html); // cats right, on the diagonal
        HtmlChecks.AssertReadable(html);
        Assert.Contains("precision", ConfusionMatrixFormatter.Text(m));
    }

    [Fact]
    public void The_heatmap_writes_the_counts_in_its_cells_with_true_classes_as_rows()
    {
        var m = CatDogChick();
        var figure = ConfusionMatrixFormatter.Figure(m);
        var trace = figure.Panels[0].Traces[0];
        Assert.True(trace.ShowValues);
        Assert.Equal(new double[] { 2, 2, 0 }, trace.Z![1]);
        Assert.Equal("true class", figure.Panels[0].YTitle);
        var chart = ConfusionMatrixFormatter.Charts(m)[0];
        Assert.Null(chart.Error);
        Assert.Contains("\"texttemplate\":\"%{z}\"", chart.FigureJson!.Replace(" ", ""));
    }

    [Fact]
    public async Task A_confusion_matrix_returned_from_a_cell_renders_with_its_heatmap()
    {
        var cell = await _kernel.SubmitAsync(
            "NotebookDL.Analysis.ConfusionMatrix.From(new[] { 0, 1, 1 }, new[] { 0, 1, 0 }, new[] { \"a\", \"b\" })");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("accuracy 66.7%", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html);
    }
}
