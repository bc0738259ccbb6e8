using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Cluster;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;
using NotebookDL.Search;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

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

    private static readonly Option<int> Trials = Option.Whole("--trials", "trials to run (a grid uses at most this many points)", 20, 1, 100_000);
    private static readonly Option<bool> Grid = Option.Flag("--grid", "a grid over the ranges instead of random samples (the lecture: random is better)");
    private static readonly Option<bool> Refine = Option.Flag("--refine", "zoom into the last search: each range narrowed around its best trials, sampled again");
    private static readonly Option<int> Top = Option.Whole("--top", "with --refine: how many of the last search's best trials to zoom around", 5, 1, 100_000);
    private static readonly Option<string?> Save = Option.FilePath("--save", "write every trial to this CSV file (SearchResult.LoadCsv(path) reads it back)");
    private static readonly Option<string> As = Option.VariableName("C# variable: the SearchRun (trials, best settings, best network)", "search");

    /// <summary>The cluster the trials go to; never echoed with its password.</summary>
    private static readonly Option<string?> Cluster = Option.Text("--cluster",
        $"run the trials on the cluster's workers: a PostgreSQL connection string, or env for {ClusterConnection.EnvironmentVariable}");

    private static readonly Option<string?> Study = Option.Text("--study",
        "with --cluster: file the trials under this study, which several notebooks (a class) may share");

    private static readonly Option<bool> Watch = Option.Flag("--watch",
        "with --cluster and --study: show the study's trials from every notebook and the best so far, live, for --max-seconds");

    /// <summary>Epochs per trial: the lecture's first stage runs 5.</summary>
    private static readonly Option<int> Epochs = TrainingOptionTable.Epochs.With(5, "epochs per trial (the lecture's first stage: 5)");

    /// <summary>The update rule of every trial: the lecture's search code trains with momentum (update='momentum').</summary>
    private static readonly Option<string> Optimizer = TrainingOptionTable.Optimizer.With("momentum");

    private static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of the search: the configurations drawn and every trial's own seed");

    private static readonly Option<double> MaxSeconds =
        TrainingOptionTable.MaxSeconds.With(help: "time budget of the whole search: it stops there, keeping the finished trials");

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        .. TrainingOptionTable.All.Select(o => new CommandOption[] { Epochs, Optimizer, Seed, MaxSeconds }.FirstOrDefault(own => own.Name == o.Name) ?? o)
            .Append(Trials).Append(Grid).Append(SharedOptions.Parallel).Append(Refine).Append(Top).Append(Save).Append(As)
            .Select(RangeOption.Of),
        Cluster, Study, Watch,
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!search",
        "#!search --trials 50 --epochs 5 --lr log:1e-3..1 --reg log:1e-5..1",
        "#!search --refine --trials 20 --epochs 10",
        "#!search --optimizer momentum --momentum one-minus-log:0.9..0.999 --lr log:1e-3..1 --hidden int:50..100",
        "#!search --lr log:1e-3..1 --reg log:1e-5..1 --trials 25 --grid",
        "#!search --activation choice:relu,tanh --hidden choice:50|100,50 --lr log:1e-3..1 --save search.csv",
    ];

    /// <summary>Sampled values keep 4 significant digits, so the best one prints as a short #!train setting that reproduces it.</summary>
    private const int Digits = 4;

    /// <summary>
    /// The ranges a search without any takes: the lecture's first stage, the learning rate and the regularisation on
    /// log scales — lr from 1/1000 of the data's default rate to 3 times it (CIFAR-10: 1e-6..3e-3, around the
    /// lecture's 1e-6..1e-3; the digits: 5e-4..1.5), λ from 1e-5 to 1. Each only where the line does not fix it.
    /// </summary>
    private static OptionValues WithFirstStageRanges(OptionValues values, CurrentData data)
    {
        double lr = TrainSettings.WithDataDefaults(TrainSettings.Defaults.Values, data).Get(TrainingOptionTable.LearningRate);
        if (!values.Given(TrainingOptionTable.LearningRate))
            values = values.WithText(TrainingOptionTable.LearningRate, $"log:{NumberText.Exact(lr / 1000)}..{NumberText.Exact(lr * 3)}");
        if (!values.Given(TrainingOptionTable.Reg)) values = values.WithText(TrainingOptionTable.Reg, "log:1e-5..1");
        return values;
    }

    /// <summary>#!train options that --refine takes: the ranges and fixed values come from the last search.</summary>
    private static readonly CommandOption[] RefineTakes = [Epochs, Seed, MaxSeconds];

    protected internal override async Task RunAsync(CommandContext c)
    {
        if (c.Get(Watch))
        {
            await WatchAsync(c);
            return;
        }
        if (c.Values.Given(Study) && !c.Values.Given(Cluster)) throw new CommandException("--study names a study on a cluster: give --cluster too");
        var name = c.Get(As);
        int workers = c.Get(SharedOptions.Parallel);
        double budget = c.Get(MaxSeconds);
        var save = c.Get(Save);
        bool grid = c.Get(Grid);
        int seed = c.Get(Seed);

        SearchSpaceReader reader;
        SearchSpace space;
        CurrentData data;
        SearchOptions options;
        string line;
        if (c.Get(Refine))
        {
            var last = c.Session.LastSearch ?? throw new CommandException("there is no earlier #!search to refine in this kernel: run #!search with ranges first");
            foreach (var option in TrainingOptionTable.All.Where(o => !RefineTakes.Any(t => t.Name == o.Name)))
                if (c.Values.Given(option))
                    throw new CommandException($"--refine zooms the last search's ranges and keeps its fixed settings; it does not take {option.Name} (run a new #!search to change them)");
            var previous = last.Run.Result;
            int top = c.Get(Top);
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
                Trials = c.Values.Given(Trials) ? c.Get(Trials) : previous.Options.Trials,
                Epochs = c.Values.Given(Epochs) ? FixedEpochs(c) : previous.Options.Epochs,
                Seed = c.Values.Given(Seed) ? seed : previous.Options.Seed,
                Stage = previous.Options.Stage + 1,
                Grid = grid, Workers = workers, MaxDuration = TimeSpan.FromSeconds(budget), Digits = Digits,
            };
            line = $"#!search --refine --top {top} --trials {options.Trials}" + (options.Epochs is int ep ? $" --epochs {ep}" : "") +
                   (grid ? " --grid" : "") + $" --parallel {workers} --seed {options.Seed} --max-seconds {budget.ToString(CultureInfo.InvariantCulture)}" +
                   $"  (stage {options.Stage}: {space})";
        }
        else
        {
            if (c.Values.Given(Top)) throw new CommandException("--top chooses the trials --refine zooms around; use it with --refine");
            bool epochsRange = c.Values.Value(Epochs) is Hyperparameter;
            data = c.Session.Data;
            var values = Options.Any(o => c.Values.Value(o) is Hyperparameter) ? c.Values : WithFirstStageRanges(c.Values, data);
            reader = epochsRange ? SearchSpaceReader.Read(values, data, Seed, MaxSeconds) : SearchSpaceReader.Read(values, data, Seed, MaxSeconds, Epochs);
            space = reader.Space;
            if (space.Dimensions.Count == 0)
                throw new CommandException($"give at least one option as a range to search, e.g. --lr log:1e-6..1e-3 (scales: {RangeOption.RangeHelp})");
            options = new SearchOptions
            {
                Trials = c.Get(Trials),
                Epochs = epochsRange ? null : c.Get(Epochs),
                Seed = seed,
                Grid = grid, Workers = workers, MaxDuration = TimeSpan.FromSeconds(budget), Digits = Digits,
            };
            line = $"#!search {reader.Describe()}" + (options.Epochs is int ep ? $" --epochs {ep}" : "") + $" --trials {options.Trials}" +
                   (grid ? " --grid" : "") + $" --parallel {workers} --seed {options.Seed} --max-seconds {budget.ToString(CultureInfo.InvariantCulture)}";
        }

        var train = data.Train;
        var val = data.Splits.Val ?? throw new CommandException($"a search compares trials on validation data, and {data.Name} has none: choose data with a validation part, e.g. #!dataset {data.Name} --val 300");
        var configurations = HyperparameterSearch.Configurations(space, options);
        Check(reader, space, configurations, options, train, budget);

        var clusterText = c.Get(Cluster);
        using var cluster = clusterText is null ? null : Connect(c, clusterText, c.Get(Study));
        if (cluster is not null)
        {
            options = options with { Workers = Math.Min(configurations.Count, MaxTrialsInFlight) }; // the kernel only waits for them
            line += ClusterEcho(clusterText!, cluster.Cluster) + (c.Values.Given(Study) ? $" --study {cluster.Study}" : "");
        }
        TrialFunction trial = (request, ct) =>
        {
            var s = Settings(reader, request.Parameters, request.Seed, request.Epochs, budget);
            var part = s.Get(TrainingOptionTable.Examples) is int k ? train.Take(k, $"{train.Name} (first {k})") : train;
            var (architecture, training) = (s.Network(part.Features, part.Classes, c.Session.Learner), s.Training(c.Session.Learner));
            return cluster is null
                ? MlpTrial.Train(architecture, training, part, val, ct)
                : cluster.Run(request, architecture, training, part, val, space, ct);
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
        c.Session.LastSearch = new LastSearch(run, reader, data);
        var stored = await c.StoreAsync(name, run);
        string? saved = null, notSaved = null;
        if (save is not null)
        {
            try
            {
                result.SaveCsv(save);
                saved = $"saved every trial to {Path.GetFullPath(save)}";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // The search is done and kept: a file that cannot be written must not hide it.
                notSaved = $"--save {save}: {UserMessage(e)} — the file was not written; the search is kept in its C# variable (below), " +
                           "whose .Result.SaveCsv(path) writes it elsewhere";
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
                notSaved is null ? null : Html.Note(notSaved, "warn"),
                Html.Detail($"{line} · data: {run.Data} · {stored}")),
            run.ToString());
    }

    /// <summary>Trials a cluster search keeps queued or running at once (each waits on its own thread of the kernel).</summary>
    private const int MaxTrialsInFlight = 64;

    /// <summary>" --cluster env", or the connection string without its password.</summary>
    private static string ClusterEcho(string typed, ClusterConnection cluster) =>
        $" --cluster {(typed.Trim().Equals("env", StringComparison.OrdinalIgnoreCase) ? "env" : $"\"{cluster.Shown}\"")}";

    /// <summary><c>--watch</c>: the study's trials from every notebook, live (<see cref="StudyWatchView"/>).</summary>
    private static Task WatchAsync(CommandContext c)
    {
        var study = c.Get(Study) ?? throw new CommandException("--watch shows a study: give --study NAME (and --cluster)");
        var typed = c.Get(Cluster) ?? throw new CommandException("--watch reads the study from a cluster: give --cluster (a connection string, or env)");
        var connection = Parse(typed);
        double seconds = c.Get(MaxSeconds);
        var line = $"#!search --study {study} --watch{ClusterEcho(typed, connection)} --max-seconds {seconds.ToString(CultureInfo.InvariantCulture)}";
        return StudyWatchView.RunAsync(c, connection, study, seconds, c.Get(As), line);
    }

    private static ClusterConnection Parse(string text)
    {
        try
        {
            return ClusterConnection.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CommandException($"--cluster: {e.Message}");
        }
    }

    /// <summary>The cluster of <c>--cluster</c>, checked: reachable, with a worker running, and no plugged-in code to send.</summary>
    private static ClusterSearch Connect(CommandContext c, string text, string? study)
    {
        if (c.Session.Learner.InUse.Count > 0)
            throw new CommandException($"--cluster sends the trials to other machines, which cannot run the code plugged in with #!use ({string.Join(", ", c.Session.Learner.InUse.Select(r => r.Target))}): #!use --off first");
        var connection = Parse(text);
        try
        {
            return new ClusterSearch(connection, study ?? $"notebook-{c.Session.Name}", c.Session.Name);
        }
        catch (InvalidOperationException e)
        {
            throw new CommandException(e.Message);
        }
        catch (Exception e) when (ClusterConnection.IsUnreachable(e))
        {
            throw new CommandException($"--cluster: cannot reach {connection.Shown}: {connection.Redact(e.Message)}");
        }
    }

    /// <summary>The epochs typed for a refined search: one value (a range is the first search's business).</summary>
    private static int FixedEpochs(CommandContext c) =>
        c.Values.Value(Epochs) is int epochs ? epochs : throw new CommandException("--refine keeps the last search's ranges; give --epochs one value");

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
        return s.With(TrainingOptionTable.Seed, seed).With(TrainingOptionTable.Epochs, epochs ?? s.Get(TrainingOptionTable.Epochs))
            .With(TrainingOptionTable.MaxSeconds, maxSeconds);
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
            var a = s.Network(train.Features, train.Classes, null);
            long weights = 0;
            int width = a.InputSize;
            foreach (var h in a.Hidden.Append(a.Classes)) { weights += (long)width * h; width = h; }
            seconds += 6.0 * weights * Math.Min(s.Get(TrainingOptionTable.Examples) ?? train.Count, train.Count) * s.Get(TrainingOptionTable.Epochs) / WorkGuard.FlopsPerSecond;
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
            var s = read.With(TrainingOptionTable.Epochs, options.Epochs ?? read.Get(TrainingOptionTable.Epochs));
            if (s.Get(TrainingOptionTable.Examples) is int k && k > train.Count)
                throw new CommandException($"--examples {k} is more than the {train.Count} training examples");
            WorkGuard.CheckTraining(s.Network(train.Features, train.Classes, null), s.Training(null), train.Count);
            return s;
        }
        catch (Exception e) when (e is CommandException or ArgumentException)
        {
            throw new CommandException($"{where}: {UserMessage(e)}");
        }
    }
}
