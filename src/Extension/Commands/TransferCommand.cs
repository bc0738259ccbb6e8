using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLTransfer : MagicDirective;

/// <summary>
/// <c>#!transfer --task-b 0,6,8,9 --b-examples 30</c>: transfer learning on the current data. Task A is the data's
/// own classification (lots of labels); task B a yes/no question about the class ("is it 0, 6, 8 or 9?") with
/// only a few labelled examples, kept out of A. A network trained on A has its output layer replaced and
/// retrained on B with the other layers frozen; the same network is trained on B from scratch; their task-B
/// curves are drawn side by side.
/// </summary>
public sealed class TransferCommand : MagicCommand<NotebookDLTransfer>
{
    private static readonly ExperimentSettings Defaults = new() { Hidden = [100], Epochs = 20, LearningRate = 1e-2, MaxSeconds = 60 };

    public override string Name => "transfer";
    public override string Summary => "transfer learning: train on task A, replace the last layer and retrain it on a small task B, against B from scratch";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--task-b", "task B's question: the classes answered yes (task A: all the classes), e.g. 0,6,8,9; default 0,6,8,9 for 10 classes"),
        new OptionSpec("--b-examples", "labelled training examples of task B (taken out of task A's)", "30"),
        new OptionSpec("--epochs-b", "epochs on task B", "100"),
        new OptionSpec("--replace", "Dense layers replaced, counted from the output", "1"),
        new OptionSpec("--fine-tune", "let training on B change every layer (no freezing)", Flag: true),
        .. Defaults.Specs("epochs on task A"),
        new OptionSpec("--as", "name of the C# variable that keeps the TransferResult", "transfer"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!transfer",
        "#!transfer --b-examples 100      (more data for B: the gain shrinks)",
        "#!transfer --task-b 2,3,5,7 --fine-tune",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var o = c.Options;
        var data = c.Session.Data;
        if (data.Splits.Val is null) throw new CommandException($"the current data ({data.Name}) has no val part to measure the tasks on: #!dataset {data.Name} --val N");
        if (data.Train.Y.Classes is null) throw new CommandException("transfer learning here needs one class per example; the current data has multi-label targets");
        int classes = data.Train.Classes;
        var positive = o.Ints("--task-b", 0, classes - 1)
                       ?? (classes == 10 ? [0, 6, 8, 9] : throw new CommandException($"name task B's 'yes' classes with --task-b (the data has {classes} classes: 0..{classes - 1})"));
        int examples = o.Int("--b-examples", 30, 2, 100_000);
        int epochsB = o.Int("--epochs-b", 100, 1, 10_000);
        var settings = Defaults.Read(o);
        int replace = o.Int("--replace", 1, 1, settings.Hidden.Length + 1);
        bool freeze = !o.Flag("--fine-tune");
        var name = o.VariableName("transfer");
        if (examples >= data.Train.Count)
            throw new CommandException($"--b-examples {examples} leaves none of the {data.Train.Count:N0} training examples for task A");
        settings.CheckWork(data.Train.Features, classes, data.Train.Count);

        var (a, b) = TransferLearning.YesNoTasks(data.Splits, positive, examples, settings.Seed);
        var options = new TransferOptions { Network = settings.Options(), EpochsB = epochsB, Replace = replace, Freeze = freeze };
        var experiment = new TransferExperiment();
        var result = ExperimentMonitor.Follow(c, experiment, $"transfer learning on {data.Name}",
            ct => experiment.Run(a, b, options, ct));
        var stored = await c.StoreAsync(name, result);

        var line = string.Create(CultureInfo.InvariantCulture,
            $"#!transfer --task-b {string.Join(",", positive)} --b-examples {examples} --epochs-b {epochsB} --replace {replace}{(freeze ? "" : " --fine-tune")} {settings.CommandLine()}");
        c.Show(Chart.From(TransferResultFormatter.Figure(result)));
        c.Show(Html.Block(
                Html.Detail($"task A: {a.Train.Count:N0} examples of {classes} classes ({data.Name}); task B: is it {string.Join(", ", positive.Select(k => data.Train.ClassNames[k]))}? {b.Train.Count} labelled examples kept out of task A, {b.Val!.Count} val"),
                TransferResultFormatter.Html(result),
                Html.Detail($"{line} · {stored}")),
            TransferResultFormatter.Text(result));
    }
}
