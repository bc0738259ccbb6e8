using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public sealed class MismatchCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public MismatchCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    private static int Images(string html) => (html.Length - html.Replace("<img src=\"data:image/png;base64,", "").Length) / "<img src=\"data:image/png;base64,".Length;

    [Fact]
    public async Task Errors_1_9_10_are_variance()
    {
        var cell = await _kernel.SubmitAsync("#!mismatch --errors 1,9,10");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("verdict: variance: train 1.0% → train-dev 9.0%: +8.0 points", cell.Html);
        Assert.Contains("<b>+8.0 points</b>", cell.Html);
        var table = _kernel.Variable<BiasVarianceTable>("mismatch");
        Assert.Equal(ErrorGapKind.Variance, table.Problem!.Kind);
        Assert.Contains("\"type\":\"bar\"", string.Join("", cell.Formatted(ChartFormatters.PlotlyMimeType)).Replace(" ", ""));
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public async Task Errors_1_1_5_10_are_data_mismatch_and_8_9_10_with_human_1_is_avoidable_bias()
    {
        var mismatch = await _kernel.SubmitAsync("#!mismatch 1,1.5,10 --as m2");
        Assert.True(mismatch.Succeeded, mismatch.Describe());
        Assert.Contains("verdict: data mismatch: train-dev 1.5% → dev 10.0%: +8.5 points", mismatch.Html);
        Assert.Equal(ErrorGapKind.DataMismatch, _kernel.Variable<BiasVarianceTable>("m2").Problem!.Kind);

        var bias = await _kernel.SubmitAsync("#!mismatch --errors 8,9,10,14 --human 1 --as m3");
        Assert.True(bias.Succeeded, bias.Describe());
        Assert.Contains("verdict: avoidable bias: human-level 1.0% → train 8.0%: +7.0 points", bias.Html);
        Assert.Contains("overfitting to dev", bias.Html);
        Assert.Equal(0.14, _kernel.Variable<BiasVarianceTable>("m3").TestError);
    }

    [Fact]
    public async Task The_built_in_demonstration_trains_on_sharp_digits_and_finds_data_mismatch_on_blurred_ones()
    {
        var cell = await _kernel.SubmitAsync("#!mismatch --epochs 10");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<MismatchResult>("mismatch");
        Assert.Equal(ErrorGapKind.DataMismatch, result.Table.Problem!.Kind);
        Assert.Equal("train 1,097, train-dev 200, val 250, test 250", result.Splits.ToString());
        Assert.Contains("verdict: data mismatch", cell.Html);
        Assert.Contains("of the dev/test distribution", cell.Html);
        Assert.Equal(40, Images(cell.Html)); // 20 sharp and 20 blurred digits
        Assert.Contains("#!mismatch --human 0 --blur 0.8 --shift 1,1 --dev 250 --test 250 --target-in-train 100 --train-dev 200", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Theory]
    [InlineData("#!mismatch --errors 1,9", "--errors takes 3 or 4 numbers")]
    [InlineData("#!mismatch --errors 1,200,10", "--errors are percentages in [0, 100]")]
    [InlineData("#!mismatch --errors 1,9,10 --blur 1", "--blur is for the demonstration")]
    [InlineData("#!mismatch --human 120", "--human must be a number between 0 and 100")]
    [InlineData("#!mismatch --dev 900 --test 900", "leave none of the 1,797")]
    [InlineData("#!mismatch --shift 9", "--shift takes whole numbers between -7 and 7")]
    [InlineData("#!mismatch --blur -1", "--blur must be a number between 0 and 3")]
    public async Task Bad_options_are_clear_errors_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }
}
