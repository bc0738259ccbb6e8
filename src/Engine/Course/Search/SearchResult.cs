using System.Globalization;
using System.Text;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// Everything one stage of a search found: every trial in index order (whatever order the workers ran them
/// in), the best one, the best accuracy so far after each trial, the edge warnings, which parameter mattered,
/// and the networks of the best trials. <see cref="SaveCsv"/> and <see cref="LoadCsv"/> keep it in a file.
/// </summary>
public sealed class SearchResult
{
    public SearchResult(SearchSpace space, SearchOptions options, IEnumerable<TrialResult> trials, StopReason stopReason,
        TimeSpan elapsed, IReadOnlyDictionary<int, Network>? networks = null, int? planned = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trials);
        Space = space;
        Options = options;
        Trials = trials.OrderBy(t => t.Index).ToList();
        StopReason = stopReason;
        Elapsed = elapsed;
        Networks = networks ?? new Dictionary<int, Network>();
        Planned = planned ?? Math.Max(options.Trials, Trials.Count);
        Ranking = Trials.Where(t => t.Ranked)
            .OrderBy(t => t.Status == TrialStatus.Completed ? 0 : 1) // a diverged model is never the advice
            .ThenByDescending(t => t.ValAccuracy).ThenBy(t => t.Index).ToList();
        Best = Ranking.FirstOrDefault();
        EdgeWarnings = Best is null ? [] : EdgeWarning.Check(space, Best.Parameters);
        Importance = ParameterImportance.Of(space, Trials);
    }

    /// <summary>The ranges searched.</summary>
    public SearchSpace Space { get; }

    /// <summary>The settings of the stage (trials, epochs, seed, stage, workers...).</summary>
    public SearchOptions Options { get; }

    /// <summary>Every trial that ran, by index.</summary>
    public IReadOnlyList<TrialResult> Trials { get; }

    /// <summary>The trials planned (a grid may plan fewer than <see cref="SearchOptions.Trials"/>).</summary>
    public int Planned { get; }

    /// <summary>Completed (all planned trials ran), Cancelled or TimeBudget.</summary>
    public StopReason StopReason { get; }

    /// <summary>Wall-clock time of the stage.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The networks of the best trials, by trial index (<see cref="SearchOptions.KeepNetworks"/> of them).</summary>
    public IReadOnlyDictionary<int, Network> Networks { get; }

    /// <summary>Ranked trials, best first: completed ones by validation accuracy (ties: lower index first), then diverged ones.</summary>
    public IReadOnlyList<TrialResult> Ranking { get; }

    /// <summary>The best completed trial (or, when every trial diverged, the best diverged one); null when none ranked.</summary>
    public TrialResult? Best { get; }

    /// <summary>The best network kept, or null.</summary>
    public Network? BestNetwork => Best is not null && Networks.TryGetValue(Best.Index, out var net) ? net : null;

    /// <summary>The parameters whose best value lies at the edge of their range.</summary>
    public IReadOnlyList<EdgeWarning> EdgeWarnings { get; }

    /// <summary>Each parameter's share of the variance of validation accuracy, most important first (see <see cref="ParameterImportance"/>).</summary>
    public IReadOnlyList<ParameterImportance> Importance { get; }

    /// <summary>The <paramref name="k"/> best trials.</summary>
    public IReadOnlyList<TrialResult> Top(int k) => Ranking.Take(Math.Max(0, k)).ToList();

    /// <summary>
    /// After each trial (by index), the best validation accuracy of the ranked trials so far (NaN until one ranks):
    /// the curve that shows how quickly more trials stop helping.
    /// </summary>
    public double[] BestSoFar()
    {
        var curve = new double[Trials.Count];
        double best = double.NaN;
        for (int i = 0; i < Trials.Count; i++)
        {
            var t = Trials[i];
            if (t.Ranked && (double.IsNaN(best) || t.ValAccuracy > best)) best = t.ValAccuracy;
            curve[i] = best;
        }
        return curve;
    }

    /// <summary>How many trials ended each way.</summary>
    public int Count(TrialStatus status) => Trials.Count(t => t.Status == status);

    /// <summary>
    /// The space for the next, finer stage: zoomed around the <paramref name="top"/> best trials (coarse to fine).
    /// </summary>
    public SearchSpace Refined(int top = 5, double margin = 0.1)
    {
        var best = Top(top);
        if (best.Count == 0) throw new InvalidOperationException("no trial ranked (all failed or were stopped): there is nothing to zoom around");
        return Space.Zoom(best.Select(t => t.Parameters).ToList(), margin);
    }

    /// <summary>Writes every trial as a CSV file (see <see cref="SearchCsv"/>).</summary>
    public void SaveCsv(string path) => SearchCsv.Save(this, path);

    /// <summary>Reads a search written by <see cref="SaveCsv"/> (networks are not saved).</summary>
    public static SearchResult LoadCsv(string path) => SearchCsv.Load(path);

    /// <summary>"30 trials (28 completed, 2 diverged) in 4.1 s; best val acc 0.9567: lr=..., reg=...".</summary>
    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string> { $"{Count(TrialStatus.Completed)} completed" };
        if (Count(TrialStatus.Diverged) > 0) parts.Add($"{Count(TrialStatus.Diverged)} diverged");
        if (Count(TrialStatus.Stopped) > 0) parts.Add($"{Count(TrialStatus.Stopped)} stopped");
        if (Count(TrialStatus.Failed) > 0) parts.Add($"{Count(TrialStatus.Failed)} failed");
        var head = $"{Trials.Count} of {Planned} trials ({string.Join(", ", parts)}) in {Elapsed.TotalSeconds.ToString("F1", c)} s";
        if (StopReason == StopReason.Cancelled) head += ", cancelled";
        if (StopReason == StopReason.TimeBudget) head += ", time budget reached";
        return Best is null ? head + "; no trial ranked"
            : $"{head}; best val acc {Best.ValAccuracy.ToString("F4", c)} (trial {Best.Index + 1}): {Best.Parameters}";
    }

    /// <summary>The lecture's lines, one per trial, then the summary and the warnings.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var t in Trials) sb.AppendLine(t.Line(Space, Planned));
        sb.Append(Summary());
        foreach (var w in EdgeWarnings) sb.AppendLine().Append("warning: ").Append(w.Message);
        return sb.ToString();
    }
}
