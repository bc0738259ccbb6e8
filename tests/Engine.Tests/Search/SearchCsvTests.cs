using NotebookDL.Search;
using NotebookDL.Tests.Data;

namespace NotebookDL.Tests.Search;

public class SearchCsvTests
{
    [Fact]
    public void A_search_saved_as_csv_loads_back_with_every_trial_bit_for_bit()
    {
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1"), Hyperparameter.Parse("momentum", "one-minus-log:0.5..0.99"),
            Hyperparameter.Parse("hidden", "int:10..30"), Hyperparameter.Parse("activation", "choice:relu,tanh"));
        var trial = MlpTrial.Create(space, SearchData.Net, SearchData.Sgd with { Optimizer = "momentum" }, SearchData.Train, SearchData.Val);
        var result = new HyperparameterSearch().Run(space, trial, new SearchOptions { Trials = 5, Epochs = 1, Seed = 4 });
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "sub", "search.csv");
        result.SaveCsv(path);
        var loaded = SearchResult.LoadCsv(path);
        Assert.Equal(result.Space.Dimensions.Select(d => d.ExactRange), loaded.Space.Dimensions.Select(d => d.ExactRange));
        Assert.Equal(result.Trials.Count, loaded.Trials.Count);
        foreach (var (a, b) in result.Trials.Zip(loaded.Trials))
        {
            Assert.True(a.SameOutcomeAs(b), $"{a}\n{b}");
            Assert.Equal(a.Seconds, b.Seconds);
        }
        Assert.Equal(result.Best!.Index, loaded.Best!.Index);
        Assert.Equal(4, loaded.Options.Seed);
        Assert.Equal(1, loaded.Options.Epochs);
        Assert.Equal(result.Elapsed.TotalSeconds, loaded.Elapsed.TotalSeconds);
        Assert.StartsWith("# notebookdl search: seed=4; stage=1", File.ReadAllText(path));
    }

    [Fact]
    public void Failed_trials_and_messages_with_commas_survive_the_round_trip()
    {
        var space = new SearchSpace(Hyperparameter.Parse("hidden", "choice:10|20,10"));
        var trials = new[]
        {
            SearchData.Made(0, SearchData.Config(("hidden", "20,10")), 0.5) with { Message = "completed 1 epochs, \"quoted\"" },
            new TrialResult(1, SearchData.Config(("hidden", "10")), 9, TrialStatus.Failed, double.NaN, null, null, double.NaN, double.NaN, [], [], 0, "bad, very bad"),
        };
        var result = new SearchResult(space, new SearchOptions { Trials = 2 }, trials, NotebookDL.Training.StopReason.Completed, TimeSpan.FromSeconds(1));
        var loaded = SearchCsv.FromCsv(SearchCsv.ToCsv(result));
        Assert.All(result.Trials.Zip(loaded.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second), $"{p.First}\n{p.Second}"));
        Assert.Equal("choice:10|20,10", loaded.Space.Dimensions[0].Range);
    }

    [Fact]
    public void Each_trials_verdict_is_the_last_column_and_a_file_without_it_still_loads()
    {
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1"));
        var trials = new[]
        {
            SearchData.Made(0, SearchData.Config(("lr", 0.5)), 0.5) with { Verdict = NotebookDL.Training.Diagnosis.Overfitting },
            SearchData.Made(1, SearchData.Config(("lr", 0.001)), 0.1) with { Verdict = NotebookDL.Training.Diagnosis.LearningRateTooLow },
            SearchData.Made(2, SearchData.Config(("lr", 0.01)), 0.3),
        };
        var result = new SearchResult(space, new SearchOptions { Trials = 3 }, trials, NotebookDL.Training.StopReason.Completed, TimeSpan.FromSeconds(1));
        var csv = SearchCsv.ToCsv(result);
        var lines = csv.Split('\n');
        Assert.EndsWith(",message,verdict", lines[1]);
        Assert.EndsWith(",Overfitting", lines[2]);
        var loaded = SearchCsv.FromCsv(csv);
        Assert.Equal(["overfitting", "too low", ""], loaded.Trials.Select(t => t.Tag));
        Assert.All(result.Trials.Zip(loaded.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second), $"{p.First}\n{p.Second}"));

        // A file saved before the column existed: the same rows without their last field.
        var older = string.Join('\n', lines.Select((l, i) => i == 0 || l.Length == 0 ? l : l[..l.LastIndexOf(',')]));
        var old = SearchCsv.FromCsv(older);
        Assert.Equal(3, old.Trials.Count);
        Assert.All(old.Trials, t => Assert.Null(t.Verdict));
        Assert.Equal(result.Trials.Select(t => t.ValAccuracy), old.Trials.Select(t => t.ValAccuracy));
    }

    [Fact]
    public void A_file_that_is_not_a_search_is_a_clear_error()
    {
        var e = Assert.Throws<FormatException>(() => SearchCsv.FromCsv("a,b,c\n1,2,3\n", "x.csv"));
        Assert.Contains("x.csv: the header is not a search CSV's", e.Message);
        Assert.Throws<FileNotFoundException>(() => SearchResult.LoadCsv("/nonexistent/search.csv"));
    }
}
