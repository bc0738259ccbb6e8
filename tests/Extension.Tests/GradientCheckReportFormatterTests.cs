using NotebookDL.Extension.Formatters;
using NotebookDL.Init;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

public class GradientCheckReportFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public GradientCheckReportFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    private static GradientCheckRow Row(string p, double relative, double absolute) =>
        new(0, "Dense 3→2", p, "(3, 2)", 6, 6, relative, absolute, 1, 0, 0.5, 0.5, 1e-7);

    [Fact]
    public void A_passing_check_is_green_with_every_tensor_and_the_1e_7_threshold()
    {
        var net = Mlp.Create(new MlpOptions { InputSize = 4, Classes = 3, Hidden = [5], Activation = "tanh", Init = Initializer.XavierNormal });
        var rng = new Rng(1);
        var report = GradientCheck.Network(net, Mat.Gaussian(6, 4, rng), new[] { 0, 1, 2, 0, 1, 2 });
        Assert.True(report.Passed, report.ToString());
        var html = GradientCheckReportFormatter.Html(report);
        Assert.Contains("&lt; 1e-7?", html);
        Assert.Equal(report.Rows.Count, CountOf(html, ">pass<"));
        Assert.Contains("PASS: all 4 tensors agree", html);
        Assert.Contains(GradientCheckReportFormatter.Scientific(report.Rows[0].MaxRelativeError), html);
        Assert.Contains("#e8f5e9", html); // the green note
        HtmlChecks.AssertReadable(html);
    }

    [Fact]
    public void A_failing_tensor_is_red_and_the_verdict_says_fail()
    {
        var report = new GradientCheckReport([Row("W", 3e-9, 1e-12), Row("b", 0.5, 0.1)], 1e-5, 1e-7);
        var html = GradientCheckReportFormatter.Html(report);
        Assert.Contains("color:#d93025;font-weight:bold\">FAIL<", html);
        Assert.Contains("FAIL: 1 of 2 tensors above 1e-7 (max relative error 5.00e-1)", html);
        Assert.Contains("#fdecea", html); // the red note
        Assert.DoesNotContain("rounding", html);
    }

    [Fact]
    public void A_failure_with_only_tiny_absolute_errors_is_explained_as_float64_rounding()
    {
        var report = new GradientCheckReport([Row("W", 3e-7, 2e-11)], 1e-5, 1e-7);
        var html = GradientCheckReportFormatter.Html(report);
        Assert.Contains("float64 rounding", html);
        Assert.Contains("#fff8e1", html); // a warning, not a bug
    }

    [Fact]
    public async Task A_report_returned_from_a_cell_renders_as_the_table()
    {
        var cell = await _kernel.SubmitAsync("""
            using NotebookDL.Probes;
            new GradientCheckReport(new[] { new GradientCheckRow(1, "Dense 3→2", "W", "(3, 2)", 6, 6, 2e-9, 1e-12, 0, 1, 0.25, 0.25, 1e-7) }, 1e-5, 1e-7)
            """);
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("2.00e-9", cell.Html);
        Assert.Contains("overall: pass", cell.Text);
    }

    private static int CountOf(string s, string part) => (s.Length - s.Replace(part, "").Length) / part.Length;
}
