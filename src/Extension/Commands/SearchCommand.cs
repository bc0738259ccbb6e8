using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLSearch : MagicDirective;

/// <summary>
/// <c>#!search</c>: a hyperparameter search on the current data, as the lecture runs it: every <c>#!train</c> option a
/// fixed value or a range on the right scale, random (or grid) trials of a fresh model each, many at once on all
/// cores, the lecture's line per trial updated live, then the trials on log axes coloured by validation accuracy,
/// the best so far, parallel coordinates, a sortable table, which parameter mattered, the edge warning and the best
/// configuration as a <c>#!train</c> line. <c>--refine</c> zooms into the last search's best trials (coarse to fine).
/// </summary>
public sealed class SearchCommand : MagicCommand<NotebookDLSearch>
{
    /// <summary>Searches estimated beyond this are refused up front.</summary>
    public const double MaxEstimatedSeconds = 6 * 3600;

    public override string Name => "search";
    public override string Summary => "hyperparameter search: random or grid trials over ranges of any #!train option, in parallel, coarse to fine";

    public override IReadOnlyList<OptionSpec> Options =>
    [
        .. TrainSettings.Specs().Select(o => o.Name switch
        {
            "--epochs" => o with { Description = "epochs per trial (the lecture's first stage: 5), or a range", Default = "5" },
            "--seed" => o with { Description = "seed of the search: the configurations drawn and every trial's own seed" },
            "--max-seconds" => o with { Description = "time budget of the whole search: it stops there, keeping the finished trials" },
            "--batchnorm" => o,
            _ => o with { Description = o.Description + "; or a range: log:a..b, one-minus-log:a..b, int:a..b, uniform:a..b, choice:x,y" },
        }),
        new OptionSpec("--trials", "trials to run (a grid uses at most this many points)", "20"),
        new OptionSpec("--grid", "a grid over the ranges instead of random samples (the lecture: random is better)", Flag: true),
        new OptionSpec("--parallel", "trials run at once, each on one core (results do not depend on it)", "all cores"),
        new OptionSpec("--refine", "zoom into the last search: each range narrowed around its best trials, sampled again", Flag: true),
        new OptionSpec("--top", "with --refine: how many of the last search's best trials to zoom around", "5"),
        new OptionSpec("--save", "write every trial to this CSV file (SearchResult.LoadCsv(path) reads it back)"),
        new OptionSpec("--as", "name of the C# variable that keeps the search (trials, best settings, best network)", "search"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!search --trials 100 --epochs 5 --lr log:1e-6..1e-3 --reg log:1e-5..1e5",
        "#!search --refine --trials 20 --epochs 10",
        "#!search --optimizer momentum --momentum one-minus-log:0.9..0.999 --lr log:1e-3..1 --hidden int:50..100",
        "#!search --lr log:1e-3..1 --reg log:1e-5..1 --trials 25 --grid",
        "#!search --activation choice:relu,tanh --hidden choice:50|100,50 --lr log:1e-3..1 --save search.csv",
    ];

    /// <summary>Sampled values keep 4 significant digits, so the best one prints as a short #!train setting that reproduces it.</summary>
    private const int Digits = 4;

    /// <summary>#!train options that --refine does not take: the ranges and fixed values come from the last search.</summary>
    private static readonly HashSet<string> RefineTakes = ["--epochs", "--seed", "--max-seconds"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var r = c.Options;
        foreach (var own in new[] { "--seed", "--max-seconds", "--trials", "--parallel", "--top" })
            if (r.Text(own) is string text && SearchSpaceReader.IsRange(text))
                throw new CommandException($"{own} cannot be searched: it is the search's own setting (give one value)");
        var name = r.VariableName("search");
        int workers = r.Int("--parallel", Environment.ProcessorCount, 1, 64);
        double budget = ClassroomLimits.Budget(r.Double("--max-seconds", 120, 0.1, 86_400));
        var save = r.Text("--save");
        bool grid = r.Flag("--grid");

        SearchSpaceReader reader;
        SearchSpace space;
        CurrentData data;
        SearchOptions options;
        string line;
        if (r.Flag("--refine"))
        {
            var last = LastSearch.Get() ?? throw new CommandException("there is no earlier #!search to refine in this kernel: run #!search with ranges first");
            foreach (var spec in TrainSettings.Specs().Where(s => !RefineTakes.Contains(s.Name)))
                if (r.Has(spec.Name))
                    throw new CommandException($"--refine zooms the last search's ranges and keeps its fixed settings; it does not take {spec.Name} (run a new #!search to change them)");
            var previous = last.Run.Result;
            int top = r.Int("--top", 5, 1, 100_000);
            try
            {
                space = previous.Refined(top);
            }
            catch (InvalidOperationException e)
            {
                throw new CommandException("the last search cannot be refined: " + e.Message);
            }
            (reader, data) = (last.Reader, last.Data);
            options = new SearchOptions
            {
                Trials = r.Int("--trials", previous.Options.Trials, 1, 100_000),
                Epochs = r.Has("--epochs") ? r.Int("--epochs", 5, 1, 100_000) : previous.Options.Epochs,
                Seed = r.Int("--seed", previous.Options.Seed),
                Stage = previous.Options.Stage + 1,
                Grid = grid, Workers = workers, MaxDuration = TimeSpan.FromSeconds(budget), Digits = Digits,
            };
            line = $"#!search --refine --top {top} --trials {options.Trials}" + (options.Epochs is int ep ? $" --epochs {ep}" : "") +
                   (grid ? " --grid" : "") + $" --parallel {workers} --seed {options.Seed} --max-seconds {budget.ToString(CultureInfo.InvariantCulture)}" +
                   $"  (stage {options.Stage}: {space})";
        }
        else
        {
            if (r.Has("--top")) throw new CommandException("--top chooses the trials --refine zooms around; use it with --refine");
            var epochsText = r.Text("--epochs");
            bool epochsRange = epochsText is not null && SearchSpaceReader.IsRange(epochsText);
            reader = SearchSpaceReader.Read(r, new Dictionary<string, string?>
            {
                ["--seed"] = null, ["--max-seconds"] = null, ["--epochs"] = epochsRange ? epochsText : null,
            });
            space = reader.Space;
            if (space.Dimensions.Count == 0)
                throw new CommandException("give at least one option as a range to search, e.g. --lr log:1e-6..1e-3 (scales: log:a..b, one-minus-log:a..b, int:a..b, uniform:a..b, choice:x,y)");
            data = NotebookState.Data;
            options = new SearchOptions
            {
                Trials = r.Int("--trials", 20, 1, 100_000),
                Epochs = epochsRange ? null : r.Int("--epochs", 5, 1, 100_000),
                Seed = r.Int("--seed", 0),
                Grid = grid, Workers = workers, MaxDuration = TimeSpan.FromSeconds(budget), Digits = Digits,
            };
            line = $"#!search {reader.Describe()}" + (options.Epochs is int ep ? $" --epochs {ep}" : "") + $" --trials {options.Trials}" +
                   (grid ? " --grid" : "") + $" --parallel {workers} --seed {options.Seed} --max-seconds {budget.ToString(CultureInfo.InvariantCulture)}";
        }

        var train = data.Train;
        var val = data.Splits.Val ?? throw new CommandException($"a search compares trials on validation data, and {data.Name} has none: choose data with a validation part, e.g. #!dataset {data.Name} --val 300");
        var configurations = HyperparameterSearch.Configurations(space, options);
        Check(reader, space, configurations, options, train, budget);

        TrialFunction trial = (request, ct) =>
        {
            var s = Settings(reader, request.Parameters, request.Seed, request.Epochs, budget);
            var part = s.Examples is int k ? train.Take(k, $"{train.Name} (first {k})") : train;
            return MlpTrial.Train(s.Architecture(part.Features, part.Classes), s.Training(), part, val, ct);
        };

        var title = $"{(options.Stage > 1 ? $"refining (stage {options.Stage})" : options.Grid ? "grid search" : "random search")}: " +
                    $"{configurations.Count} trials on {options.Workers} worker{(options.Workers == 1 ? "" : "s")}, {data.Name} ({train.Count:N0} train / {val.Count:N0} val)";
        var live = c.Live(Html.Detail(title + ": starting…"), title + ": starting…");
        var monitor = new SearchMonitor(live, title, space, configurations.Count);
        var search = new HyperparameterSearch();
        monitor.Attach(search);
        using var onCancel = c.CancellationToken.Register(() => monitor.Close("cancelled: the search stops after the running trials' current mini-batch; finished trials are kept"));
        var result = search.Run(space, configurations, trial, options, c.CancellationToken);
        monitor.Close(result.Summary());

        var best = result.Best is { } b ? Settings(reader, b.Parameters, b.Seed, options.Epochs, 120) : null;
        var run = new SearchRun(result, best, line, $"{data.Name}, {train.Count:N0} train / {val.Count:N0} val");
        LastSearch.Set(run, reader, data);
        var stored = await c.StoreAsync(name, run);
        string? saved = null;
        if (save is not null)
        {
            try
            {
                result.SaveCsv(save);
                saved = $"saved every trial to {Path.GetFullPath(save)}";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CommandException($"--save {save}: {e.Message}");
            }
        }

        foreach (var figure in SearchResultFormatter.Figures(result)) c.Show(Chart.From(figure));
        c.Show(Html.Block(
                Html.Heading(result.Summary()),
                SearchResultFormatter.Table(result),
                SearchResultFormatter.Importance(result),
                SearchResultFormatter.Warnings(result),
                SearchResultFormatter.BestLine(run),
                saved is null ? null : Html.Detail(saved),
                Html.Detail($"{line} · data: {run.Data} · {stored}")),
            run.ToString());
    }

    /// <summary>The <c>#!train</c> settings of one trial: the configuration applied, its seed and epochs.</summary>
    private static TrainSettings Settings(SearchSpaceReader reader, Configuration c, int seed, int? epochs, double maxSeconds)
    {
        TrainSettings s;
        try
        {
            s = reader.SettingsFor(c);
        }
        catch (CommandException e)
        {
            throw new ArgumentException(e.Message); // the engine records the trial as failed
        }
        return s with { Seed = seed, Epochs = epochs ?? s.Epochs, MaxSeconds = maxSeconds };
    }

    /// <summary>
    /// Every configuration and both ends of every numeric range are read as <c>#!train</c> would read them (a bad
    /// value is refused before anything runs, naming the option), the memory of each network is checked, and the
    /// time is estimated; more than <see cref="MaxEstimatedSeconds"/> is refused. Returns the estimate in seconds.
    /// </summary>
    private static double Check(SearchSpaceReader reader, SearchSpace space, IReadOnlyList<Configuration> configurations, SearchOptions options, Dataset train, double budget)
    {
        var first = configurations[0];
        foreach (var d in space.Dimensions.Where(d => d.IsNumeric))
            foreach (var bound in new object[] { d.Scale == SearchScale.Integer ? (int)d.Low : d.Low, d.Scale == SearchScale.Integer ? (int)d.High : d.High })
            {
                var atBound = new Configuration(first.Select(p => p.Key == d.Name ? new KeyValuePair<string, object>(p.Key, bound) : p));
                Validate(reader, atBound, options, train, $"--{d.Name} {d.Range}: at {Hyperparameter.Text(bound)}");
            }
        double seconds = 0;
        for (int i = 0; i < configurations.Count; i++)
        {
            var s = Validate(reader, configurations[i], options, train, $"trial {i + 1} ({configurations[i]})");
            var a = s.Architecture(train.Features, train.Classes);
            long weights = 0;
            int width = a.InputSize;
            foreach (var h in a.Hidden.Append(a.Classes)) { weights += (long)width * h; width = h; }
            seconds += 6.0 * weights * Math.Min(s.Examples ?? train.Count, train.Count) * s.Epochs / WorkGuard.FlopsPerSecond;
        }
        seconds /= Math.Min(options.Workers, Environment.ProcessorCount);
        if (seconds > MaxEstimatedSeconds)
            throw new CommandException($"this search would take about {WorkGuard.Duration(seconds)} ({configurations.Count} trials); the limit is {WorkGuard.Duration(MaxEstimatedSeconds)}: use fewer trials or epochs, smaller networks or fewer --examples (--max-seconds {budget.ToString(CultureInfo.InvariantCulture)} would stop it long before the end anyway)");
        return seconds;
    }

    private static TrainSettings Validate(SearchSpaceReader reader, Configuration c, SearchOptions options, Dataset train, string where)
    {
        try
        {
            var read = reader.SettingsFor(c);
            var s = read with { Epochs = options.Epochs ?? read.Epochs };
            if (s.Examples is int k && k > train.Count)
                throw new CommandException($"--examples {k} is more than the {train.Count} training examples");
            var a = s.Architecture(train.Features, train.Classes);
            s.Training();
            WorkGuard.CheckTraining(a, s, train.Count);
            return s;
        }
        catch (Exception e) when (e is CommandException or ArgumentException)
        {
            throw new CommandException($"{where}: {e.Message}");
        }
    }
}
