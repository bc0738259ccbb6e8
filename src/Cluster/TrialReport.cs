using System.Text.Json;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Cluster;

/// <summary>
/// What a worker writes back for a trial: who ran it and its outcome (history, validation accuracy, network),
/// or why it did not run it (another engine version, a trial that failed). JSON writes doubles so that they read
/// back to the same bits.
/// </summary>
public sealed record TrialReport(string Worker, string? HistoryJson, double ValAccuracy, string? NetworkJson, string? Refusal, string? Failure)
{
    /// <summary>Seconds the trial took on its worker.</summary>
    public double Seconds { get; init; }

    public static TrialReport Of(string worker, TrialOutcome outcome, double seconds) =>
        new(worker, outcome.History.ToJson(), outcome.ValAccuracy, outcome.Network is null ? null : NetworkFile.ToJson(outcome.Network), null, null) { Seconds = seconds };

    /// <summary>The outcome as the trial function returns it, with the worker's name.</summary>
    public TrialOutcome Outcome() =>
        new(TrainingHistory.FromJson(HistoryJson ?? throw new InvalidOperationException("a report without an outcome")), ValAccuracy,
            NetworkJson is null ? null : NetworkFile.FromJson(NetworkJson, $"the network {Worker} trained").Network) { Worker = Worker };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrialReport FromJson(string json) => JsonSerializer.Deserialize<TrialReport>(json, Json) ?? throw new InvalidDataException("an empty trial report");

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
