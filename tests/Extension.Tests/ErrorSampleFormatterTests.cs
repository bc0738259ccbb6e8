using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Extension.Formatters;
using NotebookDL.Reports;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Extension;

public class ErrorSampleFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public ErrorSampleFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    /// <summary>Six 2×2 "images" of two classes; the scores get examples 1, 3 and 4 wrong.</summary>
    private static ErrorSample Sample(bool images)
    {
        var x = Mat.OfRows([0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [3, 4, 5, 6], [4, 5, 6, 7], [5, 6, 7, 8]);
        var data = new Dataset("toy (val)", x, new[] { 0, 0, 0, 1, 1, 1 }, ["cat", "dog"], images ? new ImageShape(1, 2, 2) : null);
        var scores = Mat.OfRows([2, 0], [0, 1], [3, 0], [1, 0], [0.5, 0], [0, 2]);
        return ErrorSample.FromScores(data, scores);
    }

    private static int Images(string html) => (html.Length - html.Replace("<img src=\"data:image/png;base64,", "").Length) / "<img src=\"data:image/png;base64,".Length;

    [Fact]
    public void Image_errors_are_drawn_with_true_and_predicted_class_and_confidence()
    {
        var s = Sample(images: true);
        var html = ErrorSampleFormatter.Html(s);
        Assert.Equal(3, Images(html));
        Assert.Contains("#1<br><b>cat</b> → <span style=\"color:#d93025\">dog</span><br>0.73", html); // softmax(0, 1) = 0.731
        Assert.Contains("#4<br><b>dog</b> → <span style=\"color:#d93025\">cat</span><br>0.62", html); // softmax(0.5, 0) = 0.622
        Assert.Contains(Html.Encode("3 of 6 examples of 'toy (val)' misclassified (error 50.0%)"), html);
        Assert.Contains("confusion matrix", html);
        HtmlChecks.AssertReadable(html);
        Assert.Contains("#1: true cat, predicted dog (p = 0.73)", ErrorSampleFormatter.Text(s));
    }

    [Fact]
    public void Errors_of_other_data_are_a_table_with_their_features()
    {
        var html = ErrorSampleFormatter.Html(Sample(images: false));
        Assert.Equal(0, Images(html));
        Assert.Contains(">#3</td>", html);
        Assert.Contains(">0.731</td>", html);
        Assert.Contains(">x3</th>", html);
        HtmlChecks.AssertReadable(html);
    }

    [Fact]
    public void Only_the_first_errors_are_drawn_when_asked_for_fewer()
    {
        var html = ErrorSampleFormatter.Html(Sample(images: true), shown: 2);
        Assert.Equal(2, Images(html));
        Assert.Contains("the first 2 of the 3 sampled", html);
    }

    [Fact]
    public async Task A_sample_returned_from_a_cell_renders_with_its_heatmap()
    {
        var cell = await _kernel.SubmitAsync(
            "var d = NotebookDL.Data.Digits.Load().Take(200); var n = NotebookDL.Training.Mlp.Create(new NotebookDL.Training.MlpOptions { InputSize = 64, Classes = 10, Hidden = [] });\n" +
            "NotebookDL.Analysis.ErrorSample.Draw(n, d, 20)");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Equal(20, Images(cell.Html));
        Assert.Contains("Plotly.newPlot", cell.Html);
    }
}
