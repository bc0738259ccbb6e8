using System.Text.Json;
using Npgsql;
using NotebookDL.Search;

namespace NotebookDL.Cluster;

/// <summary>
/// A study as its watchers see it: every trial that any notebook filed under the study's name, finished ones as
/// <see cref="TrialResult"/>s (numbered in the order they finished, each with its worker and notebook), and how
/// many are still queued or running. The search space and each trial's values are filed with the trial for this.
/// </summary>
public static class StudyTrials
{
    /// <summary>"lr=log:0.001..1" per line: the space with its exact ranges.</summary>
    public static string SpaceText(SearchSpace space) => string.Join("\n", space.Dimensions.Select(d => $"{d.Name}={d.ExactRange}"));

    /// <summary>The values as text, by name (<see cref="Hyperparameter.Text"/>).</summary>
    public static string ParametersText(Configuration parameters) =>
        JsonSerializer.Serialize(parameters.ToDictionary(p => p.Key, p => Hyperparameter.Text(p.Value)));

    /// <summary>Reads the study <paramref name="study"/> as it is now.</summary>
    public static StudySnapshot Read(ClusterConnection cluster, string study)
    {
        using var connection = cluster.Open();
        using var select = new NpgsqlCommand(
            $"SELECT status, spec, coalesce(notebook, ''), space, parameters, result FROM {ClusterSchema.Name}.trials WHERE study = @s ORDER BY finished NULLS LAST, created", connection);
        select.Parameters.AddWithValue("s", study);
        using var reader = select.ExecuteReader();
        SearchSpace? space = null;
        var finished = new List<StudyTrial>();
        var notebooks = new SortedSet<string>(StringComparer.Ordinal);
        int queued = 0, running = 0;
        while (reader.Read())
        {
            var status = reader.GetString(0);
            var notebook = reader.GetString(2);
            notebooks.Add(notebook);
            if (status == "queued") queued++;
            else if (status == "running") running++;
            if (status != "done" || reader.IsDBNull(5)) continue;
            if (space is null && !reader.IsDBNull(3)) space = ParseSpace(reader.GetString(3));
            var spec = TrialSpec.FromJson(reader.GetString(1));
            var parameters = reader.IsDBNull(4) || space is null ? Configuration.Empty : ParseParameters(space, reader.GetString(4));
            var request = new TrialRequest(finished.Count, parameters, spec.Seed, spec.Epochs);
            var report = TrialReport.FromJson(reader.GetString(5));
            var result = (report.Refusal ?? report.Failure) is { } problem
                ? TrialResult.Failure(request, problem, report.Seconds) with { Worker = report.Worker }
                : TrialResult.From(request, report.Outcome(), report.Seconds);
            finished.Add(new StudyTrial(result, notebook));
        }
        return new StudySnapshot(study, space, finished, queued, running, [.. notebooks]);
    }

    private static SearchSpace ParseSpace(string text) =>
        new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('=', 2)).Select(p => Hyperparameter.Parse(p[0], p[1])));

    private static Configuration ParseParameters(SearchSpace space, string json)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return new Configuration(space.Dimensions.Where(d => values.ContainsKey(d.Name))
            .Select(d => new KeyValuePair<string, object>(d.Name, d.ParseValue(values[d.Name]))));
    }
}

/// <summary>A study at one moment: its finished trials (in the order they finished), how many wait or run, and who filed them.</summary>
public sealed record StudySnapshot(string Study, SearchSpace? Space, IReadOnlyList<StudyTrial> Trials, int Queued, int Running, IReadOnlyList<string> Notebooks)
{
    /// <summary>The best ranked trial so far, or null.</summary>
    public StudyTrial? Best => Trials.Where(t => t.Result.Ranked).MaxBy(t => t.Result.ValAccuracy);
}

/// <summary>A finished trial of a study and the notebook that filed it.</summary>
public sealed record StudyTrial(TrialResult Result, string Notebook);
