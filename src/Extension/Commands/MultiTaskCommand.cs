using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLMultiTask : MagicDirective;

/// <summary>
/// <c>#!multitask --missing 0.3</c>: multi-task learning on the current data. Each example gets several yes/no
/// labels (for digits: even? at least 5? drawn with a loop? prime?), a share of them unknown ("?"); one network
/// with a sigmoid output per task, its loss summed over the present labels only, is compared with one network
/// per task trained on the examples that have its label.
/// </summary>
public sealed class MultiTaskCommand : MagicCommand<NotebookDLMultiTask>
{
    private static readonly ExperimentSettings Defaults = new() { Hidden = [50], Epochs = 20, LearningRate = 1e-2, MaxSeconds = 60 };

    /// <summary>Most tasks (each trains a separate network too).</summary>
    public const int MaxTasks = 20;

    public override string Name => "multitask";
    public override string Summary => "one network with a sigmoid output per task (loss over the present labels only) against one network per task";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--tasks", "the yes/no tasks as name=classes;name=classes (quoted), e.g. \"even=0,2,4,6,8;prime=2,3,5,7\"; digits: even, at least 5, loop, prime; other data: one task per class"),
        new OptionSpec("--missing", "share of training labels unknown (\"?\"), one for all tasks or one per task, e.g. 0.3 or 0.3,0.3,0.3,0.9", "0.3"),
        new OptionSpec("--examples", "train on the first N training examples only"),
        .. Defaults.Specs(),
        new OptionSpec("--as", "name of the C# variable that keeps the MultiTaskResult", "multitask"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!multitask",
        "#!multitask --missing 0.3,0.3,0.3,0.95   (a task with few labels borrows the others' features)",
        "#!multitask --tasks \"even=0,2,4,6,8;small=0,1,2\" --missing 0",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var o = c.Options;
        var data = c.Session.Data;
        var val = data.Splits.Val ?? throw new CommandException($"the current data ({data.Name}) has no val part to measure on: #!dataset {data.Name} --val N");
        if (data.Train.Y.Classes is null) throw new CommandException("the tasks are made from one class per example; the current data has multi-label targets already");
        var tasks = ReadTasks(o.Text("--tasks"), data.Train.ClassNames);
        var missing = o.Doubles("--missing") ?? [0.3];
        foreach (var m in missing)
            if (!(m >= 0 && m < 1)) throw new CommandException($"--missing takes shares in [0, 1) (0.3 for 30%), got {m.ToString(CultureInfo.InvariantCulture)}");
        if (missing.Length != 1 && missing.Length != tasks.Count)
            throw new CommandException($"--missing gives {missing.Length} shares for {tasks.Count} tasks ({string.Join(", ", tasks.Select(t => t.Name))}): give one, or one per task");
        var train = data.Train;
        if (o.Has("--examples"))
        {
            int n = o.Int("--examples", 0, 1, int.MaxValue);
            if (n > train.Count) throw new CommandException($"--examples {n} is more than the {train.Count} training examples of {data.Name}");
            train = train.Take(n, $"{train.Name} (first {n})");
        }
        var settings = Defaults.Read(o);
        var name = o.VariableName("multitask");
        settings.CheckWork(train.Features, tasks.Count, train.Count * (1 + tasks.Count));

        var labelled = MultiTaskLabels.FromClasses(train, tasks, $"{data.Name} (train, {tasks.Count} tasks)");
        var hidden = missing.Length == 1
            ? MultiTaskLabels.Hide(labelled, missing[0], settings.Seed)
            : MultiTaskLabels.Hide(labelled, missing, settings.Seed);
        var splits = new DatasetSplits(hidden, MultiTaskLabels.FromClasses(val, tasks, $"{data.Name} (val, {tasks.Count} tasks)"));
        var experiment = new MultiTaskExperiment();
        var result = ExperimentMonitor.Follow(c, experiment, $"multi-task learning on {data.Name}: {1 + tasks.Count} networks",
            ct => experiment.Run(splits, settings.Options(), ct));
        var stored = await c.StoreAsync(name, result);

        var tasksText = string.Join(";", tasks.Select(t => $"{t.Name}={string.Join(",", t.Positive)}"));
        var line = $"#!multitask --tasks \"{tasksText}\" --missing {string.Join(",", missing.Select(m => m.ToString("G3", CultureInfo.InvariantCulture)))}" +
                   (train.Count < data.Train.Count ? $" --examples {train.Count}" : "") + " " + settings.CommandLine();
        c.Show(Chart.From(MultiTaskResultFormatter.Figure(result)));
        c.Show(Html.Block(
                Html.Detail("tasks: " + string.Join("; ", tasks.Select(t => $"{t.Name} = class {string.Join(", ", t.Positive.Select(k => data.Train.ClassNames[k]))}"))),
                MultiTaskResultFormatter.Html(result),
                Html.Detail($"{line} · {stored}")),
            MultiTaskResultFormatter.Text(result));
    }

    /// <summary>The tasks of <c>--tasks</c> ("name=1,2;other=3"), or the default for the data's classes.</summary>
    internal static IReadOnlyList<(string Name, int[] Positive)> ReadTasks(string? text, IReadOnlyList<string> classes)
    {
        if (text is null)
        {
            if (classes.SequenceEqual(Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))))
                return MultiTaskLabels.DigitTasks;
            if (classes.Count > MaxTasks) throw new CommandException($"the data has {classes.Count} classes: name at most {MaxTasks} tasks with --tasks");
            return [.. classes.Select((n, k) => (n, new[] { k }))];
        }
        var tasks = new List<(string, int[])>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new CommandException($"--tasks: '{part}' needs the form name=classes, e.g. even=0,2,4,6,8");
            var taskName = part[..eq].Trim();
            var positive = part[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v =>
            {
                for (int k = 0; k < classes.Count; k++)
                    if (string.Equals(classes[k], v, StringComparison.OrdinalIgnoreCase)) return k;
                return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < classes.Count
                    ? i
                    : throw new CommandException($"--tasks: '{v}' in task '{taskName}' is not a class; the classes are {string.Join(", ", classes)}");
            }).Distinct().ToArray();
            if (positive.Length == 0) throw new CommandException($"--tasks: task '{taskName}' names no class");
            tasks.Add((taskName, positive));
        }
        if (tasks.Count == 0) throw new CommandException("--tasks needs at least one task, e.g. even=0,2,4,6,8");
        if (tasks.Count > MaxTasks) throw new CommandException($"--tasks lists {tasks.Count} tasks; at most {MaxTasks}");
        if (tasks.Select(t => t.Item1).Distinct().Count() != tasks.Count) throw new CommandException("--tasks names a task twice");
        return tasks;
    }
}
