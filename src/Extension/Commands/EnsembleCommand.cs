using System.Globalization;
using NotebookDL.Ensembles;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLEnsemble : MagicDirective;

/// <summary>
/// <c>#!ensemble</c>: several models voting as one on the current data. <c>--kind snapshot</c> (default): one run with
/// cosine annealing and warm restarts, a model kept at the end of each cycle; <c>--kind independent</c>: the same
/// network trained <c>--members</c> times from different seeds, in parallel. Averages their predicted distributions
/// and shows the gain over the best single model.
/// </summary>
public sealed class EnsembleCommand : MagicCommand<NotebookDLEnsemble>
{
    public override string Name => "ensemble";
    public override string Summary => "an ensemble (snapshots of one run with warm restarts, or independent models): each model vs their average";

    public override IReadOnlyList<OptionSpec> Options =>
    [
        .. TrainSettings.Specs().Select(o => o.Name == "--epochs" ? o with { Description = "independent: epochs of each model (snapshot: --members x --cycle-epochs)" } : o),
        new OptionSpec("--kind", "snapshot (one run, cosine restarts) or independent (one run per model)", "snapshot"),
        new OptionSpec("--members", "models in the ensemble (snapshot: cycles)", "5"),
        new OptionSpec("--cycle-epochs", "snapshot: epochs per cosine cycle", "2"),
        new OptionSpec("--parallel", "independent: models trained at once (results do not depend on it)", "all cores"),
        new OptionSpec("--as", "name of the C# variable that keeps the EnsembleRun (models, report, histories)", "ensemble"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!ensemble --kind snapshot --members 5 --cycle-epochs 4 --optimizer momentum --lr 0.05",
        "#!ensemble --kind independent --members 5 --epochs 10 --optimizer adam --lr 1e-3",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var r = c.Options;
        var kind = r.Choice("--kind", "snapshot", "snapshot", "independent");
        int members = r.Int("--members", 5, 1, 50);
        int workers = r.Int("--parallel", Environment.ProcessorCount, 1, 64);
        var name = r.VariableName("ensemble");
        int cycleEpochs = r.Int("--cycle-epochs", 2, 1, 10_000);
        if (kind == "snapshot")
        {
            if (r.Has("--epochs")) throw new CommandException("a snapshot ensemble trains --members x --cycle-epochs epochs: give --cycle-epochs instead of --epochs");
            if (r.Has("--schedule") || r.Has("--decay")) throw new CommandException("a snapshot ensemble sets its own schedule (cosine annealing with warm restarts): leave out --schedule and --decay");
            if (r.Has("--parallel")) throw new CommandException("--parallel applies to --kind independent (a snapshot ensemble is one run)");
        }
        else if (r.Has("--cycle-epochs")) throw new CommandException("--cycle-epochs applies to --kind snapshot");

        var settings = TrainSettings.Read(r);
        if (kind == "snapshot") settings = settings with { Epochs = members * cycleEpochs };
        var data = NotebookState.Data;
        var val = data.Splits.Val ?? throw new CommandException($"an ensemble is judged on validation data, and {data.Name} has none: e.g. #!dataset {data.Name} --val 300");
        var train = settings.Examples is int k
            ? k <= data.Train.Count ? data.Train.Take(k) : throw new CommandException($"--examples {k} is more than the {data.Train.Count} training examples of {data.Name}")
            : data.Train;
        var architecture = settings.Architecture(train.Features, train.Classes);
        WorkGuard.CheckTraining(architecture, settings, train.Count);
        var training = settings.Training();

        var what = kind == "snapshot"
            ? $"snapshot ensemble: one run of {members} cosine cycles x {cycleEpochs} epochs"
            : $"{members} independent models of {settings.Epochs} epochs on {Math.Min(workers, members)} worker{(Math.Min(workers, members) == 1 ? "" : "s")}";
        var live = c.Live(Html.Detail(what + "…"), what + "…");
        var run = kind == "snapshot"
            ? SnapshotEnsemble.Train(architecture, training, members, cycleEpochs, train, val, c.CancellationToken)
            : IndependentEnsemble.Train(architecture, training, members, train, val, workers, c.CancellationToken);
        live.Replace(new HtmlOutput(Html.Detail($"{what}: done"), $"{what}: done"));
        var stored = await c.StoreAsync(name, run);

        var line = $"#!ensemble --kind {kind} --members {members}" + (kind == "snapshot" ? $" --cycle-epochs {cycleEpochs}" : $" --parallel {workers}") +
                   " " + (kind == "snapshot" ? CommandLines.Without(settings.CommandLine(""), "--epochs") : settings.CommandLine("").Trim());
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
