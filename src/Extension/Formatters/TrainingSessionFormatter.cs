using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A training session: where it stands (epoch, iteration, the next step), the network at a glance, the last
/// mini-batch's cost and the epoch log so far.
/// </summary>
public static class TrainingSessionFormatter
{
    public static string Html(TrainingSession s) => Reports.Html.Block(
        Reports.Html.Heading("training session: " + State(s)),
        s.Current is { } r ? Reports.Html.Detail(StepRecordFormatter.Heading(r) + (double.IsNaN(r.DataLoss) ? "" : $", cost {Reports.Html.Fixed(r.Cost, 4)}")) : null,
        GlanceFormatter.Html(s),
        s.History.Epochs.Count > 0 ? TrainingHistoryFormatter.Table(s.History) : null,
        s.Finished ? TrainingHistoryFormatter.StopNote(s.History) : null);

    public static string Text(TrainingSession s) => s + "\n" + GlanceFormatter.Text(s);

    /// <summary>"epoch 1 / 10, iteration 3 / 80; next: forward, layer 1 of 2 (batch 4)" or "finished: completed 10 epochs".</summary>
    public static string State(TrainingSession s)
    {
        var where = $"epoch {s.Epoch} / {s.Options.Epochs}, iteration {s.Iteration} / {s.Options.Epochs * s.IterationsPerEpoch}";
        if (s.Finished) return $"{where}; finished: {s.History.StopMessage}";
        int batch = s.InBatch ? s.Current!.Batch : s.Iteration % s.IterationsPerEpoch + 1;
        return $"{where}; next: {s.Next} of batch {batch}";
    }

    /// <summary>What to type next.</summary>
    public static string NextCommands(string? session = null)
    {
        var on = session is null ? "" : $" --session {session}";
        return Reports.Html.Detail($"next: #!step --layer{on} (one layer: forward 1..L, the loss, backward L..1, the update) · " +
                                      $"#!step{on} (one mini-batch) · #!step --epoch{on} · #!continue --until \"val acc >= 0.9\"{on} · #!reset{on}");
    }
}
