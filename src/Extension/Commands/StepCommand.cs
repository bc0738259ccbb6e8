using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLStep : MagicDirective;

/// <summary>
/// <c>#!step</c>: moves the paused training session (<c>#!train --paused</c>) on by one mini-batch, by one layer
/// (<c>--layer</c>: the forward pass layer by layer, the loss, the backward pass layer by layer, the update) or to
/// the end of the epoch (<c>--epoch</c>), and shows what the lecture draws for it: the intermediates of the
/// layer (Z, μ, σ², Z_norm, Z̃, A; dA, dZ̃, dZ, dW, db, dγ, dβ) as statistics and small heatmaps, the loss
/// with dZ[L] = (Ŷ − Y)/m, the update W := W − α·dW with its ratio, and the network at a glance.
/// </summary>
public sealed class StepCommand : MagicCommand<NotebookDLStep>
{
    public override string Name => "step";
    public override string Summary => "steps the paused training session by one mini-batch, one layer (--layer) or one epoch (--epoch) and shows its intermediates";

    private static readonly Option<bool> Layer = Option.Flag("--layer", "one layer only: forward 1..L, then the loss, then backward L..1, then the update");
    private static readonly Option<bool> Epoch = Option.Flag("--epoch", "to the end of the current epoch, with a live display");
    private static readonly Option<double> MaxSeconds = TrainingOptionTable.MaxSeconds.With(help: "time budget of --epoch: it pauses after this long");
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the mini-batch's record (its layers, tensors and updates)", "step");

    public override IReadOnlyList<CommandOption> Options { get; } = [Layer, Epoch, SharedOptions.Session, MaxSeconds, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!train --hidden 100 --batchnorm --paused",
        "#!step --layer",
        "#!step",
        "#!step --epoch",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        bool byLayer = c.Get(Layer), byEpoch = c.Get(Epoch);
        if (byLayer && byEpoch) throw new CommandException($"{Layer.Name} and {Epoch.Name} are different step sizes: give one of them (or neither for one mini-batch)");
        double maxSeconds = c.Get(MaxSeconds);
        var name = c.Get(As);
        var (session, variable, description) = PausedSession.Find(c, c.Get(SharedOptions.Session));
        ContinueCommand.RequireRunning(session);

        if (byEpoch)
        {
            await ContinueCommand.RunOnAsync(c, session, variable, description, "#!step --epoch", $"epoch {session.Epoch} of {session.Options.Epochs}",
                (budget, ct) => session.StepEpoch(budget, ct), maxSeconds);
            return;
        }

        bool midBatch = session.InBatch;
        var from = session.Next;
        var record = byLayer ? session.StepLayer() : session.Step();
        var stored = await c.StoreAsync(name, record);
        var detail = Html.Detail($"#!step{(byLayer ? " --layer" : "")} · {TrainingSessionFormatter.State(session)} · {stored} · the session: C# variable {variable} ({description})");
        if (byLayer) ShowLayerStep(c, session, record, detail);
        else ShowBatch(c, session, record, detail, midBatch ? $"the rest of the batch, from {from}" : null);
    }

    /// <summary>One mini-batch: the cost, the updates, the glance, every intermediate folded, histograms.</summary>
    private static void ShowBatch(CommandContext c, TrainingSession s, StepRecord r, string detail, string? finished)
    {
        c.Show(Html.Block(
                Html.Heading(StepRecordFormatter.Heading(r) + (finished is null ? "" : $" ({finished})")),
                StepRecordFormatter.CostLine(r),
                StepRecordFormatter.UpdatesTable(r, s.Optimizer),
                Endings(s, r),
                GlanceFormatter.Html(s),
                StepRecordFormatter.Intermediates(r, open: false),
                detail),
            r.ToString() + "\n" + GlanceFormatter.Text(s));
        c.Show(Chart.From(StepRecordFormatter.HistogramFigure(r)));
    }

    /// <summary>One layer step: that layer's (or the loss's, or the update's) table, the glance, and heatmaps.</summary>
    private static void ShowLayerStep(CommandContext c, TrainingSession s, StepRecord r, string detail)
    {
        var step = r.Last;
        string heading, body;
        NotebookDL.Charts.Spec.FigureSpec figure;
        switch (step.Phase)
        {
            case StepPhase.Forward or StepPhase.Backward:
                var layer = r.Layer(step.Layer);
                var tensors = step.Phase == StepPhase.Forward ? layer.Forward : layer.Backward;
                heading = $"{step}: {layer.Name}";
                body = LayerRecordFormatter.Table(layer, tensors, $"{(step.Phase == StepPhase.Forward ? "forward" : "backward")} through layer {layer.Index} on the batch of {r.BatchSize}");
                figure = LayerRecordFormatter.Figure(layer, tensors, $"{step}: {LayerRecordFormatter.CornerShown(tensors)}");
                break;
            case StepPhase.Loss:
                heading = $"loss of the batch: J = {Html.Fixed(r.Cost, 4)}";
                body = StepRecordFormatter.CostLine(r) + StepRecordFormatter.LossTables(r);
                figure = StepRecordFormatter.LossFigure(r);
                break;
            default:
                heading = "update: every parameter takes its step";
                body = StepRecordFormatter.UpdatesTable(r, s.Optimizer) + Endings(s, r);
                figure = StepRecordFormatter.UpdateFigure(r);
                break;
        }
        c.Show(Html.Block(
                Html.Heading($"iteration {r.Iteration} (epoch {r.Epoch}, batch {r.Batch} of {r.BatchesPerEpoch}), {heading}"),
                body,
                GlanceFormatter.Html(s),
                detail),
            $"iteration {r.Iteration}, {heading}\n{r}");
        c.Show(Chart.From(figure));
    }

    /// <summary>The epoch this batch ended, and why the run stopped if it did.</summary>
    private static string Endings(TrainingSession s, StepRecord r) =>
        (r.EpochEnded is { } e ? Html.Note(e.Format(s.Options.Epochs)) : "") +
        (s.Finished ? TrainingHistoryFormatter.StopNote(s.History) + TrainingHistoryFormatter.VerdictNote(s.History) : "");
}
