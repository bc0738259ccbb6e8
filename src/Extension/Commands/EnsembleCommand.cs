using System.Globalization;
using NotebookDL.Ensembles;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLEnsemble : MagicDirective;

/// <summary>
/// <c>#!ensemble</c>: several models voting as one on the current data. <c>--kind independent</c> (default, the
/// lecture's first kind): the same network trained <c>--members</c> times from different seeds, in parallel;
/// <c>--kind snapshot</c>: one run with cosine annealing and warm restarts, a model kept at the end of each cycle
/// (a bare line's 2-epoch cycles leave its first snapshots short of training). Averages their predicted
/// distributions and shows the gain over the average and the best single model.
/// </summary>
public sealed class EnsembleCommand : MagicCommand<NotebookDLEnsemble>
{
    public override string Name => "ensemble";
    public override string Summary => "an ensemble (snapshots of one run with warm restarts, or independent models): each model vs their average";

    private static readonly Option<string> Kind = Option.Choice("--kind", "independent (one run per model) or snapshot (one run, cosine restarts)", "independent", "independent", "snapshot").Echoed();
    private static readonly Option<int> Members = Option.Whole("--members", "models in the ensemble (snapshot: cycles)", 5, 1, 50).Echoed();
    private static readonly Option<int> CycleEpochs = Option.Whole("--cycle-epochs", "snapshot: epochs per cosine cycle", 2, 1, 10_000).Echoed();
    private static readonly Option<int> Parallel = SharedOptions.Parallel.With(help: "independent: models trained at once (results do not depend on it)").Echoed();
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the EnsembleRun (models, report, histories)", "ensemble");

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        .. TrainingOptionTable.All.Select(o => o == TrainingOptionTable.Epochs
            ? TrainingOptionTable.Epochs.With(help: "independent: epochs of each model (snapshot: --members x --cycle-epochs)" + TrainingOptionTable.EpochsOfData)
            : o),
        Kind, Members, CycleEpochs, Parallel, As,
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!ensemble",
        "#!ensemble --kind snapshot --members 5 --cycle-epochs 4 --optimizer momentum --lr 0.05",
        "#!ensemble --kind independent --members 5 --epochs 10 --optimizer adam --lr 1e-3",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var v = c.Values;
        var kind = c.Get(Kind);
        int members = c.Get(Members), workers = c.Get(Parallel), cycleEpochs = c.Get(CycleEpochs);
        var name = c.Get(As);
        if (kind == "snapshot")
        {
            if (v.Given(TrainingOptionTable.Epochs)) throw new CommandException("a snapshot ensemble trains --members x --cycle-epochs epochs: give --cycle-epochs instead of --epochs");
            if (v.Given(TrainingOptionTable.Schedule) || v.Given(TrainingOptionTable.Decay)) throw new CommandException("a snapshot ensemble sets its own schedule (cosine annealing with warm restarts): leave out --schedule and --decay");
            if (v.Given(Parallel)) throw new CommandException("--parallel applies to --kind independent (a snapshot ensemble is one run)");
        }
        else if (v.Given(CycleEpochs)) throw new CommandException("--cycle-epochs applies to --kind snapshot");

        var data = c.Session.Data;
        var settings = TrainSettings.For(c);
        if (kind == "snapshot") settings = settings.With(TrainingOptionTable.Epochs, members * cycleEpochs);
        var val = data.Splits.Val ?? throw new CommandException($"an ensemble is judged on validation data, and {data.Name} has none: e.g. #!dataset {data.Name} --val 300");
        var train = settings.TrainingExamples(data);
        var architecture = settings.Network(train.Features, train.Classes, c.Session.Learner);
        var training = settings.Training(c.Session.Learner);
        WorkGuard.CheckTraining(architecture, training, train.Count);

        var what = kind == "snapshot"
            ? $"snapshot ensemble: one run of {members} cosine cycles x {cycleEpochs} epochs"
            : $"{members} independent models of {training.Epochs} epochs on {Math.Min(workers, members)} worker{(Math.Min(workers, members) == 1 ? "" : "s")}";
        var live = c.Live(Html.Detail(what + "…"), what + "…");
        var run = kind == "snapshot"
            ? SnapshotEnsemble.Train(architecture, training, members, cycleEpochs, train, val, c.CancellationToken)
            : IndependentEnsemble.Train(architecture, training, members, train, val, workers, c.CancellationToken);
        live.Replace(new HtmlOutput(Html.Detail($"{what}: done"), $"{what}: done"));
        var stored = await c.StoreAsync(name, run);

        // The ensemble's own options, then #!train's (a snapshot ensemble's epochs follow from its cycles).
        var line = v.Echo("#!ensemble", [Kind, Members, kind == "snapshot" ? CycleEpochs : Parallel]) + " " +
                   settings.Values.Echo("", TrainingOptionTable.All.Where(o => kind != "snapshot" || o != TrainingOptionTable.Epochs));
        c.Show(Chart.From(EnsembleFormatter.AccuracyFigure(run.Report)));
        c.Show(Chart.From(EnsembleFormatter.TrainingFigure(run)));
        c.Show(Html.Block(
                EnsembleFormatter.Table(run.Report),
                EnsembleFormatter.GainNote(run.Report),
                run.Histories.Any(h => h.StopReason != NotebookDL.Training.StopReason.Completed)
                    ? Html.Note("a run stopped early: " + string.Join("; ", run.Histories.Where(h => h.StopReason != NotebookDL.Training.StopReason.Completed).Select(h => h.StopMessage).Distinct()), "warn")
                    : null,
                Html.Detail($"{line} · data: {data.Name}, {train.Count:N0} train / {val.Count:N0} val · {stored}")),
            run.ToString() + "\n" + run.Report);
    }
}
