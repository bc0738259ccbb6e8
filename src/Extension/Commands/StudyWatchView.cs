using NotebookDL.Cluster;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// <c>#!search --study NAME --watch --cluster ...</c>: the whole class's trials of one study, with the best so far,
/// updating in place as workers finish them (each finish wakes the view through PostgreSQL's NOTIFY), for
/// --max-seconds or until cancelled; then the search's charts and table over every finished trial.
/// </summary>
internal static class StudyWatchView
{
    /// <summary>The last lines of finished trials the live view shows.</summary>
    private const int RecentLines = 8;

    public static async Task RunAsync(CommandContext c, ClusterConnection cluster, string study, double seconds, string name, string line)
    {
        var live = c.Live(Html.Detail($"study {study}: reading…"), $"study {study}: reading…");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        StudySnapshot? snapshot = null;
        using (var watch = new StudyWatch(cluster))
        {
            while (true)
            {
                snapshot = Read(cluster, study) ?? snapshot;
                if (snapshot is not null) live.Replace(new HtmlOutput(Summary(snapshot, "watching"), Text(snapshot, "watching")));
                var left = TimeSpan.FromSeconds(seconds) - clock.Elapsed;
                if (left <= TimeSpan.Zero || c.CancellationToken.IsCancellationRequested) break;
                try
                {
                    watch.WaitForChange(left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), c.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        snapshot ??= Read(cluster, study) ?? throw new CommandException($"the cluster {cluster.Shown} cannot be read");
        var ended = c.CancellationToken.IsCancellationRequested ? "stopped watching" : $"watched for {seconds:G} s";
        live.Replace(new HtmlOutput(Summary(snapshot, ended), Text(snapshot, ended)));
        var stored = await c.StoreAsync(name, snapshot);
        if (snapshot.Space is { } space && snapshot.Trials.Count > 0)
        {
            var result = new SearchResult(space, new SearchOptions { Trials = snapshot.Trials.Count }, snapshot.Trials.Select(t => t.Result),
                StopReason.Completed, clock.Elapsed, new Dictionary<int, Network>(), snapshot.Trials.Count);
            foreach (var figure in SearchResultFormatter.Figures(result)) c.Show(Chart.From(figure));
            c.Show(Html.Block(SearchResultFormatter.Table(result), Html.Detail($"{line} · {stored}")), result.ToString());
        }
        else c.Show(Html.Block(Html.Note($"no trial of study {study} has finished yet", "warn"), Html.Detail($"{line} · {stored}")), $"no trial of study {study} has finished yet");
    }

    private static StudySnapshot? Read(ClusterConnection cluster, string study)
    {
        try
        {
            return StudyTrials.Read(cluster, study);
        }
        catch (Exception e) when (ClusterConnection.IsUnreachable(e))
        {
            return null; // the store is restarting: the view keeps its last state
        }
    }

    private static string Counts(StudySnapshot s) =>
        $"study {s.Study}: {s.Trials.Count} finished, {s.Running} running, {s.Queued} queued, from {s.Notebooks.Count} notebook{(s.Notebooks.Count == 1 ? "" : "s")}";

    private static string BestText(StudySnapshot s) =>
        s.Best is { } best
            ? $"best so far: val acc {best.Result.ValAccuracy:F4} ({Values(best.Result)}) from {best.Notebook}, run on {best.Result.Worker}"
            : "no ranked trial yet";

    private static string Values(TrialResult t) => string.Join(", ", t.Parameters.Select(p => $"{p.Key}={Hyperparameter.Text(p.Value)}"));

    private static IEnumerable<string> Recent(StudySnapshot s) =>
        s.Trials.TakeLast(RecentLines).Select(t => s.Space is { } space ? t.Result.Line(space, s.Trials.Count) + $" from {t.Notebook}" : $"trial {t.Result.Index + 1} from {t.Notebook}");

    private static string Summary(StudySnapshot s, string state) =>
        Html.Block(Html.Heading($"{Counts(s)} ({state})"), Html.Note(BestText(s)),
            $"<pre style=\"margin:2px 0;font-size:12px\">{Html.Encode(string.Join("\n", Recent(s)))}</pre>");

    private static string Text(StudySnapshot s, string state) => $"{Counts(s)} ({state})\n{BestText(s)}\n{string.Join("\n", Recent(s))}";
}
