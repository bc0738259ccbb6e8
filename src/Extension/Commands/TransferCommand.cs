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
    /// <summary>Task B's "yes" classes when the data has 10 classes and none are named.</summary>
    private static readonly int[] DefaultTaskB = [0, 6, 8, 9];

    private static readonly Option<int[]?> TaskB = Option.Wholes("--task-b",
        $"task B's question: the classes answered yes (task A: all the classes), e.g. 0,6,8,9; default {string.Join(",", DefaultTaskB)} for 10 classes", min: 0).Echoed();

    private static readonly Option<int> BExamples = Option.Whole("--b-examples", "labelled training examples of task B (taken out of task A's)", 30, 2, 100_000).Echoed();
    private static readonly Option<int> EpochsB = Option.Whole("--epochs-b", "epochs on task B", 100, 1, 10_000).Echoed();
    private static readonly Option<int> Replace = Option.Whole("--replace", "Dense layers replaced, counted from the output (at most the hidden layers + 1)", 1, 1, ExperimentSettings.MaxLayers + 1).Echoed();
    private static readonly Option<bool> FineTune = Option.Flag("--fine-tune", "let training on B change every layer (no freezing)").Echoed(Echo.UnlessDefault);
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the TransferResult", "transfer");

    public override string Name => "transfer";
    public override string Summary => "transfer learning: train on task A, replace the last layer and retrain it on a small task B, against B from scratch";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        TaskB, BExamples, EpochsB, Replace, FineTune,
        .. ExperimentSettings.Rows(hidden: [100], learningRate: 1e-2, epochsHelp: "epochs on task A"),
        As,
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!transfer",
        "#!transfer --b-examples 100",
        "#!transfer --task-b 2,3,5,7 --fine-tune",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var data = c.Session.Data;
        if (data.Splits.Val is null) throw new CommandException($"the current data ({data.Name}) has no val part to measure the tasks on: #!dataset {data.Name} --val N");
        if (data.Train.Y.Classes is null) throw new CommandException("transfer learning here needs one class per example; the current data has multi-label targets");
        int classes = data.Train.Classes;
        var positive = c.Get(TaskB)
                       ?? (classes == 10 ? DefaultTaskB : throw new CommandException($"name task B's 'yes' classes with {TaskB.Name} (the data has {classes} classes: 0..{classes - 1})"));
        foreach (var unknown in positive.Where(k => k >= classes).Take(1))
            throw new CommandException($"{TaskB.Name} takes whole numbers between 0 and {classes - 1} (the classes of {data.Name}), got '{unknown}'");
        int examples = c.Get(BExamples), epochsB = c.Get(EpochsB);
        var settings = ExperimentSettings.Read(c.Values);
        int replace = c.Get(Replace), layers = settings.Get(ExperimentSettings.Hidden).Length;
        if (replace > layers + 1)
            throw new CommandException($"{Replace.Name} must be a whole number between 1 and {layers + 1} (the network has {layers} hidden layer{(layers == 1 ? "" : "s")}), got {replace}");
        bool freeze = !c.Get(FineTune);
        var name = c.Get(As);
        if (examples >= data.Train.Count)
            throw new CommandException($"{BExamples.Name} {examples} leaves none of the {data.Train.Count:N0} training examples for task A");
        settings.CheckWork(data.Train.Features, classes, data.Train.Count);

        var (a, b) = TransferLearning.YesNoTasks(data.Splits, positive, examples, settings.Get(ExperimentSettings.Seed));
        var options = new TransferOptions { Network = settings.Options(), EpochsB = epochsB, Replace = replace, Freeze = freeze };
        var experiment = new TransferExperiment();
        var result = ExperimentMonitor.Follow(c, experiment, $"transfer learning on {data.Name}",
            ct => experiment.Run(a, b, options, ct));
        var stored = await c.StoreAsync(name, result);

        var line = c.Values.With(TaskB, positive).Echo("#!transfer", [TaskB, BExamples, EpochsB, Replace, FineTune, .. ExperimentSettings.All]);
        c.Show(Chart.From(TransferResultFormatter.Figure(result)));
        c.Show(Html.Block(
                Html.Detail($"task A: {a.Train.Count:N0} examples of {classes} classes ({data.Name}); task B: is it {string.Join(", ", positive.Select(k => data.Train.ClassNames[k]))}? {b.Train.Count} labelled examples kept out of task A, {b.Val!.Count} val"),
                TransferResultFormatter.Html(result),
                Html.Detail($"{line} · {stored}")),
            TransferResultFormatter.Text(result));
    }
}
