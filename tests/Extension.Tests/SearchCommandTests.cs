using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public class SearchCommandTests : IClassFixture<SharedKernel>
{
    private const string LrReg = "--lr log:1e-3..1 --reg log:1e-5..1e1";
    private readonly NotebookKernel _kernel;

    public SearchCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset(); // the built-in digits
    }

    private static string Plotly(CellResult cell) => string.Join("\n", cell.Formatted(ChartFormatters.PlotlyMimeType)).Replace(" ", "");

    /// <summary>
    /// A bare #!search runs the lecture's first stage on the data in use (it was an error, "give at least one option as
    /// a range"): lr and reg on log scales, lr around the data's default rate (the digits' 0.5), 20 trials of 5 epochs.
    /// </summary>
    [Fact]
    public async Task A_bare_search_runs_the_lectures_first_stage_around_the_datas_learning_rate()
    {
        var cell = await _kernel.SubmitAsync("#!search --as bareSearch");
        Assert.True(cell.Succeeded, cell.Describe());
        var run = _kernel.Variable<SearchRun>("bareSearch");
        Assert.True(run.CommandLine.Contains("--lr log:0.0005..1.5 --reg log:1e-5..1 ", StringComparison.Ordinal), run.CommandLine);
        Assert.Equal(20, run.Result.Trials.Count);
        Assert.True(run.Result.Best!.ValAccuracy > 0.9, run.Result.Summary());
    }

    [Fact]
    public async Task A_search_prints_the_lectures_lines_then_the_charts_the_table_and_a_train_line_that_reproduces_the_best_trial()
    {
        var cell = await _kernel.SubmitAsync($"#!search --trials 8 --epochs 2 {LrReg} --parallel 2 --as s1");
        Assert.True(cell.Succeeded, cell.Describe());
        var run = _kernel.Variable<SearchRun>("s1");
        Assert.Equal(8, run.Result.Trials.Count);
        var updates = cell.Events.OfType<DisplayedValueUpdated>().SelectMany(e => e.FormattedValues).Where(v => v.MimeType == "text/html").Select(v => v.Value).ToList();
        Assert.Matches(@"val acc: 0\.\d{6}, lr: \d\.\d{6}e-0\d, reg: \d\.\d{6}e[+-]\d\d, \(1 / 8\)", updates[^1]);
        Assert.Contains("(8 / 8)", updates[^1]);
        // The scatter on log axes, coloured by each trial's verdict (the table's tag); the best so far; the parallel coordinates.
        var plotly = Plotly(cell);
        Assert.Contains("\"type\":\"log\"", plotly);
        Assert.Contains("colouredbytheverdict", plotly);
        foreach (var tag in run.Result.Trials.Where(t => t.Status is TrialStatus.Completed or TrialStatus.Diverged).GroupBy(t => t.Tag))
            Assert.Contains((tag.Key switch { "too low" => "lrtoolow", "too high" => "lrtoohigh/diverged", var k => k }) + $"({tag.Count()})", plotly);
        Assert.Contains("\"parcoords\"", plotly);
        Assert.Contains("bestvalidationaccuracysofar", plotly);
        Assert.Contains("notebookdl-sortable", cell.Html);
        Assert.Contains("onclick=", cell.Html);
        Assert.Contains("which parameter mattered", cell.Html);
        Assert.Contains("stored as C# variable s1 (SearchRun)", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);

        // The best configuration as a #!train line: it trains the same model again, bit for bit.
        var best = run.Result.Best!;
        Assert.Contains(System.Net.WebUtility.HtmlEncode(run.BestTrainLine!), cell.Html);
        Assert.Contains($"--seed {best.Seed}", run.BestTrainLine);
        var again = await _kernel.SubmitAsync(run.BestTrainLine + " --as again");
        Assert.True(again.Succeeded, again.Describe());
        var retrained = _kernel.Variable<TrainingRun>("again");
        Assert.Equal(best.ValAccuracy, retrained.History.Epochs[^1].ValAccuracy);
        Assert.Equal(best.Costs, retrained.History.Costs);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_trials_on_1_and_2_workers()
    {
        Assert.True((await _kernel.SubmitAsync($"#!search --trials 6 --epochs 1 {LrReg} --hidden int:10..40 --seed 3 --parallel 1 --as w1")).Succeeded);
        Assert.True((await _kernel.SubmitAsync($"#!search --trials 6 --epochs 1 {LrReg} --hidden int:10..40 --seed 3 --parallel 2 --as w2")).Succeeded);
        var (one, two) = (_kernel.Variable<SearchRun>("w1").Result, _kernel.Variable<SearchRun>("w2").Result);
        Assert.All(one.Trials.Zip(two.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second), $"{p.First}\n{p.Second}"));
    }

    [Fact]
    public async Task Refine_zooms_each_range_around_the_last_searchs_best_trials()
    {
        Assert.True((await _kernel.SubmitAsync($"#!search --trials 10 --epochs 1 {LrReg} --as coarse")).Succeeded);
        var cell = await _kernel.SubmitAsync("#!search --refine --trials 4 --epochs 2 --top 3 --as fine");
        Assert.True(cell.Succeeded, cell.Describe());
        var (coarse, fine) = (_kernel.Variable<SearchRun>("coarse").Result, _kernel.Variable<SearchRun>("fine").Result);
        Assert.Equal(2, fine.Options.Stage);
        Assert.Equal(4, fine.Trials.Count);
        Assert.All(fine.Trials, t => Assert.Equal(2, t.Epochs));
        foreach (var d in fine.Space.Dimensions)
        {
            var old = coarse.Space.Find(d.Name)!;
            Assert.Equal(old.Scale, d.Scale);
            Assert.True(d.ScaleRange.Hi - d.ScaleRange.Lo < old.ScaleRange.Hi - old.ScaleRange.Lo);
            Assert.All(coarse.Top(3), t => Assert.InRange(t.Parameters.Number(d.Name), d.Low, d.High));
        }
        Assert.Contains("refining (stage 2)", cell.Html + cell.Updates);
    }

    [Fact]
    public async Task A_grid_of_9_tries_3_values_of_each_parameter_and_reversed_bounds_are_the_same_range()
    {
        var cell = await _kernel.SubmitAsync("#!search --grid --trials 9 --epochs 1 --lr log:1..1e-3 --reg log:1e1..1e-5 --as grid");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<SearchRun>("grid").Result;
        Assert.Equal(9, result.Trials.Count);
        Assert.Equal(3, result.Trials.Select(t => t.Parameters["lr"]).Distinct().Count());
        Assert.Equal((1e-3, 1.0), (result.Space.Find("lr")!.Low, result.Space.Find("lr")!.High));
    }

    [Fact]
    public async Task Choices_search_over_activations_and_architectures()
    {
        var cell = await _kernel.SubmitAsync("#!search --trials 4 --epochs 1 --lr log:1e-2..1 --activation choice:relu,tanh --hidden choice:20|20,10 --as choices");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<SearchRun>("choices").Result;
        Assert.All(result.Trials, t => Assert.Contains((string)t.Parameters["hidden"], new[] { "20", "20,10" }));
        Assert.Contains("--hidden " + result.Best!.Parameters["hidden"], _kernel.Variable<SearchRun>("choices").BestTrainLine);
    }

    [Fact]
    public async Task A_best_value_at_the_edge_of_its_range_is_flagged()
    {
        // Plain SGD from small weights for one epoch: the higher the rate in 1e-4..0.1, the better; the best sits at the top.
        var cell = await _kernel.SubmitAsync("#!search --trials 8 --epochs 1 --batch 50 --lr log:1e-4..1e-1 --as edge");
        Assert.True(cell.Succeeded, cell.Describe());
        var warning = Assert.Single(_kernel.Variable<SearchRun>("edge").Result.EdgeWarnings);
        Assert.True(warning.AtHighEnd);
        Assert.Contains("is at the high edge of its range log:0.0001..0.1", cell.Html);
        Assert.Contains("widen the range", cell.Html);
    }

    [Fact]
    public async Task A_search_saved_as_csv_loads_back_in_a_csharp_cell_and_renders()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notebookdl-search-{Guid.NewGuid():N}.csv");
        try
        {
            var cell = await _kernel.SubmitAsync($"#!search --trials 3 --epochs 1 --lr log:1e-2..1 --save {path} --as saved");
            Assert.True(cell.Succeeded, cell.Describe());
            Assert.Contains("saved every trial to", cell.Html);
            var load = await _kernel.SubmitAsync($"NotebookDL.Search.SearchResult.LoadCsv(@\"{path}\")");
            Assert.True(load.Succeeded, load.Describe());
            Assert.Contains("best validation accuracy so far", load.Html);
            Assert.Contains("notebookdl-sortable", load.Html);
            var saved = _kernel.Variable<SearchRun>("saved").Result;
            Assert.All(saved.Trials.Zip(SearchResult.LoadCsv(path).Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_save_that_fails_still_shows_the_finished_search_and_keeps_it()
    {
        var folder = Directory.CreateTempSubdirectory("notebookdl-save-");
        try
        {
            // A folder where the file should go: the write fails as a read-only folder's would.
            var cell = await _kernel.SubmitAsync($"#!search --trials 3 --epochs 1 --lr log:1e-2..1 --save {folder.FullName} --as unsaved");
            Assert.True(cell.Succeeded, cell.Describe()); // before: the cell failed with the save error and showed no chart
            Assert.Contains("\"scatter", cell.Html);
            Assert.Contains($"--save {folder.FullName}:", System.Net.WebUtility.HtmlDecode(cell.Html));
            Assert.Contains("the file was not written", cell.Html);
            Assert.Equal(3, _kernel.Variable<SearchRun>("unsaved").Result.Trials.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_time_budget_stops_the_search_keeping_the_finished_trials()
    {
        var cell = await _kernel.SubmitAsync("#!search --trials 2000 --epochs 20 --lr log:1e-3..1 --max-seconds 1.5 --as budget");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<SearchRun>("budget").Result;
        Assert.Equal(StopReason.TimeBudget, result.StopReason);
        Assert.InRange(result.Trials.Count, 1, 1999);
        Assert.Contains("time budget reached", cell.Html);
    }

    [Fact]
    public async Task Cancel_stops_the_search_and_the_next_cell_runs()
    {
        var cell = await _kernel.SubmitAndCancelAsync("#!search --trials 2000 --epochs 20 --lr log:1e-3..1 --max-seconds 60 --as cancelled");
        Assert.Contains("cancelled", cell.Html + cell.Updates);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
        // The trials that finished are kept, and the search says it was cancelled.
        var run = await _kernel.VariableSoonAsync<SearchRun>("cancelled");
        Assert.Equal(StopReason.Cancelled, run.Result.StopReason);
        Assert.NotEmpty(run.Result.Trials);
        Assert.True(run.Result.Trials.Count < 2000);
    }

    [Theory]
    [InlineData("#!search --lr log:0..1", "--lr: the log scale needs positive bounds")]
    [InlineData("#!search --lr exp:1..2", "--lr: unknown scale 'exp'")]
    [InlineData("#!search --lr log:1e-3..1e-3", "--lr: the range 'log:1e-3..1e-3' is empty")]
    [InlineData("#!search --momentum one-minus-log:0.9..1", "bounds in [0, 1)")]
    [InlineData("#!search --dropout uniform:0..1.5", "--dropout uniform:0..1.5: at 1.5: --dropout must be a number between 0 and 0.95, got 1.5")]
    [InlineData("#!search --optimizer sgd --lr log:1e-3..1 --momentum one-minus-log:0.9..0.99", "--momentum does not apply to sgd")]
    [InlineData("#!search --seed int:1..5 --lr log:1e-3..1", "--seed cannot be searched")]
    [InlineData("#!search --lr 0.01 --reg 0", "give at least one option as a range")]
    [InlineData("#!search --lr log:1e-3..1 --top 3", "--top chooses the trials --refine zooms around")]
    [InlineData("#!search --lr log:1e-3..1 --trials 0", "--trials must be a whole number between 1 and 100000, got 0")]
    [InlineData("#!search --lr log:1e-3..1 --hidden choice:10|20000,20000", "would need about")]
    public async Task Bad_ranges_and_options_give_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }

    [Fact]
    public async Task An_engine_check_on_a_trial_s_settings_reads_as_its_message_without_the_parameter_suffix()
    {
        var cell = await _kernel.SubmitAsync("#!search --lr log:1e-3..1 --schedule exp --decay 0 --trials 2 --epochs 1");
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains("exponential decay per epoch must be in (0, 1], got 0", cell.Failure!.Message);
        Assert.DoesNotContain("(Parameter", cell.Failure.Message);
    }

    [Fact]
    public async Task Refine_with_ranges_or_without_an_earlier_search_is_refused()
    {
        Assert.True((await _kernel.SubmitAsync("#!search --trials 2 --epochs 1 --lr log:1e-2..1 --as before")).Succeeded);
        var withRange = await _kernel.SubmitAsync("#!search --refine --lr log:1e-3..1");
        Assert.Contains("does not take --lr", withRange.Failure!.Message);
        _kernel.Session.LastSearch = null;
        var none = await _kernel.SubmitAsync("#!search --refine");
        Assert.Contains("there is no earlier #!search to refine", none.Failure!.Message);
    }
}
