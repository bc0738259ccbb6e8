using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Extension.Formatters;
using NotebookDL.Reports;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

/// <summary>The formatters of the experiments' results: label noise, mismatch, transfer and multi-task.</summary>
public class ExperimentResultFormatterTests : IClassFixture<SharedKernel>
{
    private static readonly DatasetSplits Digits = Pipeline.Parse("mean,std").FitTransform(Split.Random(NotebookDL.Data.Digits.Load(), val: 300, seed: 0));
    private static readonly ExperimentOptions Short = new() { Training = new TrainOptions { Optimizer = "adam", LearningRate = 1e-2, Epochs = 3, BatchSize = 100 } };
    private readonly NotebookKernel _kernel;

    public ExperimentResultFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Fact]
    public void Label_noise_is_a_table_per_kind_and_rate_and_two_lines_against_the_rate()
    {
        var r = new LabelNoiseExperiment().Run(Digits.Train, Digits.Val!, Short, [0.1, 0.3]);
        var html = LabelNoiseResultFormatter.Html(r);
        Assert.Contains("systematic (c → c+1)", html);
        Assert.Contains(Html.Percent(r.CleanDevError), html);
        Assert.Contains(">449</td>", html); // 30% of 1,497
        HtmlChecks.AssertReadable(html);
        var figure = LabelNoiseResultFormatter.Figure(r);
        Assert.Equal([0, 10, 30], figure.Panels[0].Traces[1].X!.Select(v => Math.Round(v, 9)));
        Assert.Equal(100 * r.CleanDevError, figure.Panels[0].Traces[0].Y![0], 9);
    }

    [Fact]
    public void A_mismatch_result_shows_its_parts_table_and_two_charts()
    {
        var r = new MismatchExperiment().Run(MismatchDemo.Create().Splits, 0, Short);
        var html = MismatchResultFormatter.Html(r);
        Assert.Contains("train 1,097, train-dev 200, val 250, test 250", html);
        Assert.Contains("verdict:", html);
        HtmlChecks.AssertReadable(html);
        Assert.Equal(2, MismatchResultFormatter.Charts(r).Count);
        Assert.All(MismatchResultFormatter.Charts(r), c => Assert.Null(c.Error));
    }

    [Fact]
    public void A_transfer_result_tabulates_the_three_networks_and_draws_task_b_side_by_side()
    {
        var (a, b) = TransferLearning.YesNoTasks(Digits, [0, 6, 8, 9], 30);
        var r = new TransferExperiment().Run(a, b, new TransferOptions { Network = Short, EpochsB = 10 });
        var html = TransferResultFormatter.Html(r);
        foreach (var expected in new[] { "pretrained on A", "transfer to B", "B from scratch", "reused layers frozen" })
            Assert.Contains(expected, html);
        Assert.Equal(50 * 2 + 2, r.Transferred.TrainableParameters); // only the new output layer trains
        Assert.Contains(">102</td>", html);
        Assert.Contains(">3,760</td>", html); // the pretrained network: 64·50 + 50 + 50·10 + 10
        HtmlChecks.AssertReadable(html);
        var figure = TransferResultFormatter.Figure(r);
        Assert.Equal(3, figure.Panels.Length);
        Assert.Equal(["transfer: val accuracy", "from scratch: val accuracy"], figure.Panels[2].Traces.Select(t => t.Name));
    }

    [Fact]
    public async Task A_multi_task_result_returned_from_a_cell_renders_its_table_and_chart()
    {
        var train = MultiTaskLabels.Hide(MultiTaskLabels.FromClasses(Digits.Train, MultiTaskLabels.DigitTasks), 0.3);
        var val = MultiTaskLabels.FromClasses(Digits.Val!, MultiTaskLabels.DigitTasks);
        var r = new MultiTaskExperiment().Run(new DatasetSplits(train, val), Short);
        var html = MultiTaskResultFormatter.Html(r);
        Assert.Contains("one network per task", html);
        Assert.Contains(">70%</td>", html);
        HtmlChecks.AssertReadable(html);
        Assert.Equal(3, MultiTaskResultFormatter.Figure(r).Panels[0].Traces[0].X!.Length);

        var cell = await _kernel.SubmitAsync(
            "var d = NotebookDL.Data.Digits.Load(); var s = NotebookDL.Data.Split.Random(d, val: 200, seed: 0);\n" +
            "var t = NotebookDL.Analysis.MultiTaskLabels.FromClasses(s.Train, NotebookDL.Analysis.MultiTaskLabels.DigitTasks);\n" +
            "var v = NotebookDL.Analysis.MultiTaskLabels.FromClasses(s.Val!, NotebookDL.Analysis.MultiTaskLabels.DigitTasks);\n" +
            "new NotebookDL.Analysis.MultiTaskExperiment().Run(new NotebookDL.Data.DatasetSplits(t, v), new NotebookDL.Analysis.ExperimentOptions { Training = new() { Epochs = 1 } })");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("one network, all tasks", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html);
    }
}
