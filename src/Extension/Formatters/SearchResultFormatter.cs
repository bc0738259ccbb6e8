using System.Globalization;
using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Session;
using NotebookDL.Search;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A hyperparameter search as the lecture shows it: the trials on log axes (its "visualise the cross-validation
/// results" plot) coloured by the verdict on each run, the best accuracy so far against the number of trials, parallel
/// coordinates of every parameter, a sortable table, which parameter mattered, and the edge warnings.
/// </summary>
public static class SearchResultFormatter
{
    /// <summary>Rows of the table at most (the best ones).</summary>
    public const int MaxTableRows = 200;

    public static string Html(SearchResult r) => Reports.Html.Block(
        Reports.Html.Heading(r.Summary()),
        string.Concat(Figures(r).Select(f => Chart.From(f).ToHtml())),
        Table(r), Importance(r), Warnings(r));

    public static string Html(SearchRun run) => Reports.Html.Block(
        Html(run.Result), BestLine(run), Reports.Html.Detail($"{run.CommandLine} · data: {run.Data}"));

    public static string Text(SearchResult r) => r.ToString();

    /// <summary>The three pictures: trials on the two main axes, best so far, parallel coordinates.</summary>
    public static IReadOnlyList<FigureSpec> Figures(SearchResult r) => [Scatter(r), BestSoFar(r), Parallel(r)];

    /// <summary>The colour of each verdict tag in the scatter, in legend order ("" is a trial read back without a verdict).</summary>
    private static readonly (string Tag, string Legend, string Color)[] TagColors =
    [
        ("ok", "ok", "#2ca02c"), ("overfitting", "overfitting", "#ff7f0e"), ("too low", "lr too low", "#1f77b4"),
        ("too high", "lr too high / diverged", "#d62728"), ("", "trials", "#7f7f7f"),
    ];

    /// <summary>
    /// The trials on the two main numeric parameters (lr and reg when searched, else the most important ones), on log
    /// axes for log scales (1 − beta for one-minus-log), coloured by the verdict on each trial's run (ok, overfitting,
    /// lr too low, lr too high / diverged: the same verdict as #!train's), the best one ringed; the hover line gives
    /// the val acc (the parallel coordinates colour by it). With one numeric parameter, val acc is the y axis.
    /// </summary>
    public static FigureSpec Scatter(SearchResult r)
    {
        var numeric = r.Space.Dimensions.Where(d => d.IsNumeric)
            .OrderBy(d => d.Name == "lr" ? 0 : d.Name == "reg" ? 1 : 2)
            .ThenBy(d => r.Importance.ToList().FindIndex(i => i.Parameter == d.Name))
            .ToList();
        var ranked = r.Trials.Where(t => t.Status is TrialStatus.Completed or TrialStatus.Diverged).ToList();
        var best = r.Best is null ? [] : new List<TrialResult> { r.Best };
        Func<IReadOnlyList<TrialResult>, double[]> xs, ys;
        string xTitle, yTitle;
        bool logX = false, logY = false;
        if (numeric.Count >= 1)
        {
            (xs, xTitle, logX) = Axis(numeric[0]);
            if (numeric.Count >= 2) (ys, yTitle, logY) = Axis(numeric[1]);
            else (ys, yTitle) = (ts => ts.Select(t => t.ValAccuracy).ToArray(), "val acc");
        }
        else
        {
            (xs, xTitle) = (ts => ts.Select(t => (double)t.Index + 1).ToArray(), "trial");
            (ys, yTitle) = (ts => ts.Select(t => t.ValAccuracy).ToArray(), "val acc");
        }
        var traces = new List<TraceSpec>();
        foreach (var (tag, legend, color) in TagColors)
        {
            var tagged = ranked.Where(t => t.Tag == tag).ToList();
            if (tagged.Count > 0)
                traces.Add(TraceSpec.Points($"{legend} ({tagged.Count})", xs(tagged), ys(tagged)) with
                {
                    MarkerSize = 9, Color = color, Text = tagged.Select(t => HoverLine(r, t)).ToArray(),
                });
        }
        if (best.Count > 0)
            traces.Add(new TraceSpec
            {
                Kind = TraceKinds.Scatter, Name = "best", X = xs(best), Y = ys(best), MarkerSize = 16, Color = "rgba(220,20,60,0.45)",
                Text = [HoverLine(r, best[0])],
            });
        if (traces.Count == 0) traces.Add(TraceSpec.Points("no trial ranked", [], []));
        return new FigureSpec
        {
            Title = (numeric.Count >= 2 ? $"trials: {xTitle} vs {yTitle}" : "trials: validation accuracy") + ", coloured by the verdict on each run (ringed: best)",
            Height = 440,
            ShowLegend = true,
            Panels = [new PanelSpec { XTitle = xTitle, YTitle = yTitle, LogX = logX, LogY = logY, Traces = [.. traces] }],
        };
    }

    /// <summary>A trial's lecture line with its verdict tag, as the scatter shows it on hover.</summary>
    private static string HoverLine(SearchResult r, TrialResult t) => t.Line(r.Space, r.Planned) + (t.Tag.Length > 0 ? $" · verdict: {t.Tag}" : "");

    /// <summary>The best validation accuracy after each trial (by index), over every trial's own accuracy.</summary>
    public static FigureSpec BestSoFar(SearchResult r)
    {
        var x = r.Trials.Select(t => (double)t.Index + 1).ToArray();
        return new FigureSpec
        {
            Title = "best validation accuracy so far",
            Height = 340,
            Panels =
            [
                new PanelSpec
                {
                    XTitle = "trial", YTitle = "val acc",
                    Traces =
                    [
                        TraceSpec.Points("each trial", x, r.Trials.Select(t => t.Ranked ? t.ValAccuracy : double.NaN).ToArray()) with { Color = "#aaaaaa", MarkerSize = 5 },
                        TraceSpec.Line("best so far", x, r.BestSoFar()) with { LineWidth = 2.5 },
                    ],
                },
            ],
        };
    }

    /// <summary>One axis per parameter (log10 for log scales, 1 − beta for one-minus-log, indices for choices) and one for val acc.</summary>
    public static FigureSpec Parallel(SearchResult r)
    {
        var trials = r.Trials.Where(t => t.Ranked).ToList();
        var dims = r.Space.Dimensions.Select(d =>
        {
            var (values, label, log) = Axis(d);
            return new ParallelDimensionSpec { Label = label, Values = values(trials), Log = log };
        }).Append(ParallelDimensionSpec.Of("val acc", trials.Select(t => t.ValAccuracy).ToArray())).ToArray();
        return FigureSpec.ParallelCoordinates("every trial across its parameters", dims, trials.Select(t => t.ValAccuracy).ToArray(), "val acc") with { Height = 420 };
    }

    /// <summary>The trials best first (ranked, then the rest by index), sortable by any column.</summary>
    public static string Table(SearchResult r)
    {
        var headers = new List<string> { "trial" };
        headers.AddRange(r.Space.Dimensions.Select(d => d.Name));
        headers.AddRange(["val acc", "best epoch val acc", "train acc", "final cost", "epochs", "time (s)", "status", "verdict"]);
        bool remote = r.Trials.Any(t => t.Worker is not null); // a cluster search: which worker ran each trial
        if (remote) headers.Add("worker");
        var ordered = r.Ranking.Concat(r.Trials.Where(t => !t.Ranked)).Take(MaxTableRows).ToList();
        var rows = ordered.Select(t =>
        {
            var cells = new List<SortableTable.Cell> { SortableTable.Cell.Number(t.Index + 1, (t.Index + 1).ToString(CultureInfo.InvariantCulture)) };
            cells.AddRange(r.Space.Dimensions.Select(d => t.Parameters.TryGetValue(d.Name, out var v)
                ? d.IsNumeric ? SortableTable.Cell.Number(Hyperparameter.ToDouble(v), Reports.Html.Encode(d.Format(v))) : SortableTable.Cell.Text(d.Format(v))
                : SortableTable.Cell.Text("")));
            cells.Add(SortableTable.Cell.Number(t.ValAccuracy, Reports.Html.Fixed(t.ValAccuracy, 4)));
            cells.Add(Optional(t.BestValAccuracy, 4));
            cells.Add(Optional(t.TrainAccuracy, 4));
            cells.Add(SortableTable.Cell.Number(t.FinalCost, Reports.Html.Num(t.FinalCost)));
            cells.Add(SortableTable.Cell.Number(t.Epochs, t.Epochs.ToString(CultureInfo.InvariantCulture)));
            cells.Add(SortableTable.Cell.Number(t.Seconds, Reports.Html.Fixed(t.Seconds, 2)));
            cells.Add(new SortableTable.Cell(Status(t), t.Status.ToString()));
            cells.Add(SortableTable.Cell.Text(t.Tag));
            if (remote) cells.Add(SortableTable.Cell.Text(t.Worker ?? ""));
            return (IReadOnlyList<SortableTable.Cell>)cells;
        });
        var caption = r.Trials.Count > MaxTableRows
            ? $"the best {MaxTableRows} of {r.Trials.Count} trials (click a column to sort)"
            : $"{r.Trials.Count} trials, best first (click a column to sort)";
        return SortableTable.Html(headers, rows, Reports.Html.Encode(caption));
    }

    /// <summary>Each parameter's share of the variance of validation accuracy, with a bar.</summary>
    public static string Importance(SearchResult r)
    {
        if (r.Importance.Count == 0) return "";
        var rows = r.Importance.Select(i => new[]
        {
            Reports.Html.Encode(i.Parameter), Reports.Html.Percent(i.Share, 0),
            $"<div style=\"background:#4c78a8;height:10px;width:{(int)Math.Round(200 * i.Share)}px\"></div>",
        });
        return Reports.Html.Table(["parameter", "share of the variance of val acc", ""], rows,
            Reports.Html.Encode("which parameter mattered (epsilon squared: the variance between bins of the parameter, less what noise alone explains)"));
    }

    /// <summary>The edge warnings as notes.</summary>
    public static string Warnings(SearchResult r) => string.Concat(r.EdgeWarnings.Select(w => Reports.Html.Note(w.Message, "warn")));

    /// <summary>The best configuration as a <c>#!train</c> line to copy.</summary>
    public static string BestLine(SearchRun run) => run.BestTrainLine is null
        ? Reports.Html.Note("no trial completed: nothing to recommend (see the statuses above)", "bad")
        : "<div style=\"margin:6px 0\">the best configuration, as a line to copy (it trains the same model again):</div>" +
          $"<pre style=\"margin:2px 0;padding:4px 8px;background:#f6f8fa;white-space:pre-wrap\">{Reports.Html.Encode(run.BestTrainLine)}</pre>";

    private static SortableTable.Cell Optional(double? v, int decimals) =>
        v is double d ? SortableTable.Cell.Number(d, Reports.Html.Fixed(d, decimals)) : SortableTable.Cell.Number(double.NaN, "");

    private static string Status(TrialResult t) => t.Status switch
    {
        TrialStatus.Completed => "completed",
        TrialStatus.Diverged => $"<span style=\"color:#c62828\" title=\"{Reports.Html.Encode(t.Message)}\">diverged</span>",
        TrialStatus.Stopped => $"<span style=\"color:#b26a00\">stopped</span>",
        _ => $"<span style=\"color:#c62828\">failed: {Reports.Html.Encode(t.Message)}</span>",
    };

    /// <summary>How a dimension is drawn: the values, the axis title, whether the axis is logarithmic.</summary>
    private static (Func<IReadOnlyList<TrialResult>, double[]> Values, string Title, bool Log) Axis(Hyperparameter d) => d.Scale switch
    {
        SearchScale.Log => (ts => ts.Select(t => t.Parameters.Number(d.Name)).ToArray(), d.Name, true),
        SearchScale.OneMinusLog => (ts => ts.Select(t => 1 - t.Parameters.Number(d.Name)).ToArray(), $"1 − {d.Name}", true),
        SearchScale.Choice => (ts => ts.Select(t => (double)d.Choices.ToList().FindIndex(c => c == (string)t.Parameters[d.Name])).ToArray(),
            $"{d.Name} ({string.Join(", ", d.Choices.Select((c, i) => $"{i} = {c}"))})", false),
        _ => (ts => ts.Select(t => t.Parameters.Number(d.Name)).ToArray(), d.Name, false),
    };
}
