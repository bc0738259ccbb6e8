using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Reports;

namespace NotebookDL.Tests.Extension;

/// <summary>#!errors reads the current data: every test starts from, and leaves, the default digits.</summary>
[Collection("notebook state")]
public sealed class ErrorsCommandTests : IClassFixture<SharedKernel>, IDisposable
{
    private readonly NotebookKernel _kernel;

    public ErrorsCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    public void Dispose() => _kernel.Session.Reset();

    private static int Images(string html) => (html.Length - html.Replace("<img src=\"data:image/png;base64,", "").Length) / "<img src=\"data:image/png;base64,".Length;

    private async Task TrainWeak(string name)
    {
        var train = await _kernel.SubmitAsync($"#!train --hidden 0 --epochs 1 --lr 0.01 --batch 200 --as {name}");
        Assert.True(train.Succeeded, train.Describe());
    }

    [Fact]
    public async Task Errors_of_a_digits_run_show_the_confusion_matrix_a_gallery_and_the_categories_ceilings()
    {
        await TrainWeak("weak");
        var cell = await _kernel.SubmitAsync("#!errors weak --categories pair:4-9,unsure,true:8 --show 12");
        Assert.True(cell.Succeeded, cell.Describe());
        var sample = _kernel.Variable<ErrorSample>("errors");
        var run = _kernel.Variable<TrainingRun>("weak");
        int correct = (int)Math.Round(run.Network.Accuracy(_kernel.Session.Data.Splits.Val!.X, _kernel.Session.Data.Splits.Val!.Labels) * 300);
        Assert.Equal(300 - correct, sample.ErrorCount);
        Assert.True(sample.ErrorCount > 12, $"a weak run errs on more than a dozen of 300: {sample.ErrorCount}");
        Assert.All(sample.Errors, e => Assert.NotNull(e.Picture)); // the digits before preprocessing
        Assert.Equal(12, Images(cell.Html));
        Assert.Contains(Html.Encode($"{sample.ErrorCount} of 300 examples of 'digits (val)' misclassified"), cell.Html);
        Assert.Contains("confusion matrix", cell.Html);
        Assert.Contains("\"type\":\"heatmap\"", string.Join("", cell.Formatted(ChartFormatters.PlotlyMimeType)).Replace(" ", ""));
        foreach (var expected in new[] { "4 ↔ 9", "unsure (p &lt; 0.5)", "true 8", "error if fixed (ceiling)", "work on &#39;" })
            Assert.Contains(expected, cell.Html);
        var unsure = sample.Errors.Count(e => e.Confidence < 0.5);
        var ceiling = sample.ErrorRate * (1 - (double)unsure / sample.Errors.Count);
        Assert.Contains($"{Html.Percent(sample.ErrorRate)} → {Html.Percent(ceiling)}", cell.Html);
        Assert.Contains("#!errors --run weak --part val --sample 100 --show 12 --seed 0 --categories pair:4-9,unsure,true:8", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 3)]
    public async Task A_run_trained_on_data_of_another_shape_is_a_clear_error_saying_so(int trainedClasses, int currentClasses)
    {
        var first = await _kernel.SubmitAsync($"#!dataset spiral --classes {trainedClasses} --points 20");
        Assert.True(first.Succeeded, first.Describe());
        await TrainWeak("other");
        var now = await _kernel.SubmitAsync($"#!dataset spiral --classes {currentClasses} --points 20");
        Assert.True(now.Succeeded, now.Describe());

        var cell = await _kernel.SubmitAsync("#!errors other");
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Equal($"#!errors: run 'other' was trained on other data (spiral, {trainedClasses * 16} train / {trainedClasses * 4} val: " +
                     $"2 features, {trainedClasses} classes); the current data (spiral) has 2 features and {currentClasses} classes: " +
                     "train it again on this data with #!train --as other, or load its data again with #!dataset. Try #!errors --help.", cell.Failure!.Message);
        Assert.Null(cell.Failure.Exception);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }

    [Theory]
    [InlineData("#!dataset digits --seed 1")]           // another split of the same examples
    [InlineData("#!dataset digits --preprocess none")]  // other preprocessing
    public async Task A_run_trained_on_the_same_shape_but_other_data_is_a_clear_error(string reload)
    {
        await TrainWeak("fingerprinted"); // the default digits, split seed 0, mean,std
        Assert.True((await _kernel.SubmitAsync("#!errors fingerprinted")).Succeeded); // the data it was trained on
        var now = await _kernel.SubmitAsync(reload);
        Assert.True(now.Succeeded, now.Describe());
        var cell = await _kernel.SubmitAsync("#!errors fingerprinted");
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains("run 'fingerprinted' was trained on other data of the same shape (digits, 1,497 train / 300 val, preprocessed mean,std): " +
                        "the current data (digits) has another split, other preprocessing or other examples", cell.Failure!.Message);
    }

    [Fact]
    public async Task A_run_trained_on_other_classes_of_the_same_shape_is_a_clear_error_naming_them()
    {
        await TrainWeak("named"); // the default digits: classes 0..9
        var file = Path.Combine(Path.GetTempPath(), $"notebookdl-{Guid.NewGuid():N}.csv");
        try
        {
            // 64 features and 10 classes, as the digits, but the classes are letters.
            File.WriteAllLines(file, Enumerable.Range(0, 100).Select(i => string.Join(",", Enumerable.Range(0, 64).Select(j => (i * j % 17).ToString())) + "," + (char)('a' + i % 10)));
            var now = await _kernel.SubmitAsync($"#!dataset csv --path {file} --val 20");
            Assert.True(now.Succeeded, now.Describe());
            var cell = await _kernel.SubmitAsync("#!errors named");
            Assert.False(cell.Succeeded, cell.Describe());
            Assert.Contains("run 'named' was trained on other data (digits, 1,497 train / 300 val, preprocessed mean,std: classes 0, 1, 2, ...); the current data", cell.Failure!.Message);
            Assert.Contains("has the classes a, b, c, ...", cell.Failure.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_stored_sample_is_tagged_from_csharp_with_predicates_or_by_hand()
    {
        await TrainWeak("weak2");
        var errors = await _kernel.SubmitAsync("#!errors weak2 --as sample2");
        Assert.True(errors.Succeeded, errors.Describe());
        var byPredicate = await _kernel.SubmitAsync("sample2.Categorize((\"3 vs 8\", e => e.Confuses(3, 8)), (\"sure but wrong\", e => e.Confidence >= 0.9))");
        Assert.True(byPredicate.Succeeded, byPredicate.Describe());
        Assert.Contains("3 vs 8", byPredicate.Html);
        Assert.Contains("Plotly.newPlot", byPredicate.Html);
        var byHand = await _kernel.SubmitAsync("sample2.Tag((sample2.Errors[0].Index, \"blurry\"), (sample2.Errors[1].Index, \"blurry, mislabelled\"))");
        Assert.True(byHand.Succeeded, byHand.Describe());
        Assert.Contains("mislabelled", byHand.Html);
        var wrongIndex = await _kernel.SubmitAsync("sample2.Tag(new Dictionary<int, string[]> { [-1] = new[] { \"blurry\" } })");
        Assert.False(wrongIndex.Succeeded);
        Assert.Contains("not one of the", wrongIndex.Failure!.Message);
    }

    [Fact]
    public async Task The_lecture_spreadsheet_from_counts_shows_10_percent_going_to_9_5_for_dogs()
    {
        var cell = await _kernel.SubmitAsync("NotebookDL.Analysis.ErrorCategoryReport.FromCounts(0.10, 100, (\"dogs\", 5), (\"great cats\", 50), (\"blurry\", 43))");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("10.0% → 9.5%", cell.Html);
        Assert.Contains("10.0% → 5.0%", cell.Html);
        Assert.Contains(Html.Encode("work on 'great cats' first"), cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public async Task Errors_of_non_image_data_are_listed_in_a_table()
    {
        var data = await _kernel.SubmitAsync("#!dataset spiral --val 60");
        Assert.True(data.Succeeded, data.Describe());
        await TrainWeak("linear");
        var cell = await _kernel.SubmitAsync("#!errors linear");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Equal(0, Images(cell.Html));
        Assert.Contains("misclassified examples", cell.Html);
        Assert.Contains("<th style=\"border:1px solid #ddd;padding:2px 8px;background:#f4f4f4;text-align:right\">x1</th>", cell.Html);
        Assert.True(_kernel.Variable<ErrorSample>("errors").ErrorCount > 10);
    }

    [Theory]
    [InlineData("#!errors nosuchrun", "there is no #!train result in a C# variable named 'nosuchrun'")]
    [InlineData("#!errors bad --categories bogus", "unknown category 'bogus'")]
    [InlineData("#!errors bad --categories pair:4-4", "names the same class twice")]
    [InlineData("#!errors bad --categories pair:4-x", "needs two classes A-B among 0, 1, 2")]
    [InlineData("#!errors bad --categories unsure:2", "needs a confidence in (0, 1]")]
    [InlineData("#!errors bad --sample 0", "--sample must be a whole number between 1 and 100000, got 0")]
    [InlineData("#!errors bad --part test", "has no test part")]
    [InlineData("#!errors bad --show 500", "--show must be a whole number between 0 and 100")]
    public async Task Bad_input_is_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        await TrainWeak("bad");
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }

    [Fact]
    public async Task A_run_trained_on_other_data_is_refused_with_the_widths()
    {
        await TrainWeak("digitsRun");
        var spiral = await _kernel.SubmitAsync("#!dataset spiral");
        Assert.True(spiral.Succeeded, spiral.Describe());
        var cell = await _kernel.SubmitAsync("#!errors digitsRun");
        Assert.False(cell.Succeeded);
        Assert.Contains("run 'digitsRun' was trained on other data (digits, 1,497 train / 300 val, preprocessed mean,std: 64 features, 10 classes); the current data (spiral) has 2 features and 3 classes", cell.Failure!.Message);
    }
}
