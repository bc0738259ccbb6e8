using NotebookDL.Search;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

/// <summary>Random, grid and parallel search on the built-in digits: determinism, divergence, budgets.</summary>
public class SearchTests
{
    [Fact]
    public void A_parallel_search_runs_its_trials_kernels_on_one_thread_and_leaves_other_callers_count_alone()
    {
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1"));
        var trial = SearchData.Trial(space);
        int processWide = Ops.MaxThreads;
        var inTrials = new System.Collections.Concurrent.ConcurrentBag<(int Trial, int Elsewhere)>();
        new HyperparameterSearch().Run(space, (request, ct) =>
        {
            int elsewhere = 0; // what a caller outside the search (a thread that does not inherit its flow) reads meanwhile
            using (ExecutionContext.SuppressFlow())
            {
                var outside = new Thread(() => elsewhere = Ops.MaxThreads);
                outside.Start();
                outside.Join();
            }
            inTrials.Add((Ops.MaxThreads, elsewhere));
            return trial(request, ct);
        }, new SearchOptions { Trials = 4, Epochs = 1, Seed = 7, Workers = 2 });
        Assert.Equal(4, inTrials.Count);
        Assert.All(inTrials, seen => Assert.Equal((1, processWide), seen));
        Assert.Equal(processWide, Ops.MaxThreads);
    }

    [Fact]
    public void The_same_seed_gives_identical_results_at_1_and_2_workers()
    {
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1"), Hyperparameter.Parse("reg", "log:1e-5..1e1"), Hyperparameter.Parse("hidden", "int:10..30"));
        var options = new SearchOptions { Trials = 8, Epochs = 2, Seed = 7 };
        int threadsBefore = Ops.MaxThreads;
        var one = new HyperparameterSearch().Run(space, SearchData.Trial(space), options with { Workers = 1 });
        var two = new HyperparameterSearch().Run(space, SearchData.Trial(space), options with { Workers = 2 });
        Assert.Equal(threadsBefore, Ops.MaxThreads); // restored after the parallel search
        Assert.Equal(8, one.Trials.Count);
        Assert.Equal(8, two.Trials.Count);
        for (int i = 0; i < 8; i++) Assert.True(one.Trials[i].SameOutcomeAs(two.Trials[i]), $"trial {i + 1} differs:\n{one.Trials[i]}\n{two.Trials[i]}");
        Assert.Equal(one.Best!.Index, two.Best!.Index);
        Assert.Equal(one.BestSoFar(), two.BestSoFar());
        // Each trial has a seed of its own, derived from (seed, stage, index).
        Assert.Equal(8, one.Trials.Select(t => t.Seed).Distinct().Count());
        Assert.Equal(TrialSeed.For(7, 1, 3), one.Trials[3].Seed);
    }

    [Fact]
    public void Another_seed_samples_other_configurations()
    {
        var a = HyperparameterSearch.Configurations(SearchData.LrReg, new SearchOptions { Trials = 5, Seed = 0 });
        var b = HyperparameterSearch.Configurations(SearchData.LrReg, new SearchOptions { Trials = 5, Seed = 1 });
        var c = HyperparameterSearch.Configurations(SearchData.LrReg, new SearchOptions { Trials = 5, Seed = 0 });
        Assert.All(a.Zip(c), p => Assert.True(p.First.SameAs(p.Second)));
        Assert.All(a.Zip(b), p => Assert.False(p.First.SameAs(p.Second)));
    }

    [Fact]
    public void A_random_search_on_digits_finds_a_learning_rate_that_trains_and_prints_the_lectures_lines()
    {
        var result = new HyperparameterSearch().Run(SearchData.LrReg, SearchData.Trial(SearchData.LrReg), new SearchOptions { Trials = 10, Epochs = 2 });
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.True(result.Best!.ValAccuracy > 0.8, result.ToString());
        var line = result.Trials[0].Line(result.Space, 10);
        Assert.Matches(@"^val acc: 0\.\d{6}, lr: \d\.\d{6}e-0\d, reg: \d\.\d{6}e[+-]\d\d, \(1 / 10\)", line);
        Assert.Equal(result.Trials.Select(t => t.Index), Enumerable.Range(0, 10));
        Assert.NotNull(result.BestNetwork);
        Assert.Equal(result.Best.ValAccuracy, result.BestNetwork!.Accuracy(SearchData.Val.X, SearchData.Val.Labels));
    }

    [Fact]
    public void A_trial_whose_cost_explodes_is_stopped_early_recorded_as_diverged_and_never_the_best()
    {
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-2..1e4"));
        var result = new HyperparameterSearch().Run(space, SearchData.Trial(space), new SearchOptions { Trials = 8, Epochs = 2, Seed = 1 });
        var diverged = result.Trials.Where(t => t.Status == TrialStatus.Diverged).ToList();
        Assert.NotEmpty(diverged);
        Assert.All(diverged, t =>
        {
            Assert.True(t.Parameters.Number("lr") > 1, t.ToString());
            Assert.True(t.Costs.Length < 2 * 15, "stopped before its 2 epochs of 15 iterations");
            Assert.True(!double.IsFinite(t.FinalCost) || t.FinalCost > 3 * t.InitialCost, t.ToString());
            Assert.EndsWith("diverged", t.Line(space, 8));
        });
        Assert.Equal(TrialStatus.Completed, result.Best!.Status);
    }

    [Fact]
    public void A_grid_of_25_over_two_parameters_is_5_by_5()
    {
        var grid = HyperparameterSearch.Configurations(SearchData.LrReg, new SearchOptions { Trials = 25, Grid = true });
        Assert.Equal(25, grid.Count);
        Assert.Equal(5, grid.Select(c => c["lr"]).Distinct().Count());
        Assert.Equal(5, grid.Select(c => c["reg"]).Distinct().Count());
        var withChoice = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1"), Hyperparameter.Parse("activation", "choice:relu,tanh"));
        var g = withChoice.Grid(20); // 2 choices x 10 learning rates
        Assert.Equal(20, g.Count);
        Assert.Equal(10, g.Select(c => c["lr"]).Distinct().Count());
    }

    [Fact]
    public void Random_search_tests_25_values_of_the_important_parameter_where_a_grid_tests_5()
    {
        var demo = RandomVersusGrid.Demonstrate(trials: 25, seed: 0);
        Assert.Equal(25, demo.Grid.Count);
        Assert.Equal(25, demo.Random.Count);
        Assert.Equal(5, demo.GridDistinct("important"));
        Assert.Equal(25, demo.RandomDistinct("important"));
        Assert.Equal(5, demo.GridDistinct("unimportant"));
        // The grid's 5 values (0, 0.25, 0.5, 0.75, 1) miss the narrow peak at 0.62; 25 random values come closer.
        Assert.True(demo.RandomBest > demo.GridBest, demo.ToString());
    }

    [Fact]
    public void A_time_budget_stops_the_search_keeping_the_finished_trials()
    {
        TrialFunction slow = (request, ct) =>
        {
            ct.WaitHandle.WaitOne(40);
            var h = new TrainingHistory { Costs = [2.3, 1.0], InitialCost = 2.3, StopReason = ct.IsCancellationRequested ? StopReason.Cancelled : StopReason.Completed };
            return new TrialOutcome(h, 0.5);
        };
        var result = new HyperparameterSearch().Run(SearchData.LrReg, slow, new SearchOptions { Trials = 200, MaxDuration = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(StopReason.TimeBudget, result.StopReason);
        Assert.InRange(result.Trials.Count, 2, 20);
        Assert.True(result.Count(TrialStatus.Completed) >= 1);
        Assert.Contains("time budget reached", result.Summary());
    }

    [Fact]
    public void Cancelling_stops_the_search_and_says_so()
    {
        using var cts = new CancellationTokenSource();
        var search = new HyperparameterSearch();
        search.TrialCompleted += (_, done) => { if (done == 3) cts.Cancel(); };
        TrialFunction quick = (request, ct) => new TrialOutcome(new TrainingHistory { Costs = [1], InitialCost = 1 }, 0.1 * request.Index);
        var result = search.Run(SearchData.LrReg, quick, new SearchOptions { Trials = 50 }, cts.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(3, result.Trials.Count);
    }

    [Fact]
    public void A_rejected_configuration_is_recorded_as_failed_and_the_search_carries_on()
    {
        var space = new SearchSpace(Hyperparameter.Parse("optimizer", "choice:sgd,bogus"));
        var result = new HyperparameterSearch().Run(space, SearchData.Trial(space), new SearchOptions { Trials = 6, Epochs = 1, Seed = 2 });
        var failed = result.Trials.Where(t => t.Status == TrialStatus.Failed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.Contains("bogus", t.Message));
        Assert.Equal("sgd", result.Best!.Parameters["optimizer"]);
    }

    [Fact]
    public void Unknown_parameter_names_are_rejected_before_any_trial_runs()
    {
        var space = new SearchSpace(Hyperparameter.Parse("learning_rate", "log:1e-3..1"));
        var e = Assert.Throws<ArgumentException>(() => SearchData.Trial(space));
        Assert.Contains("does not know learning_rate", e.Message);
    }
}
