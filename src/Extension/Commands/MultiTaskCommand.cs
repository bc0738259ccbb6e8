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
    /// <summary>Most tasks (each trains a separate network too).</summary>
    public const int MaxTasks = 20;

    private static readonly Option<TaskRule[]?> Tasks = Option.Custom<TaskRule[]?>("--tasks",
        "the yes/no tasks as name=classes;name=classes (quoted), e.g. \"even=0,2,4,6,8;prime=2,3,5,7\"; digits: even, at least 5, loop, prime; other data: one task per class",
        null, ReadTasks, t => t is null ? "" : string.Join(";", t.Select(r => $"{r.Name}={string.Join(",", r.Classes)}")));

    private static readonly Option<double[]> Missing = Option.Custom("--missing",
        "share of training labels unknown (\"?\"), one for all tasks or one per task, e.g. 0.3 or 0.3,0.3,0.3,0.9", new[] { 0.3 },
        ReadMissing, m => string.Join(",", m.Select(NumberText.Exact))).Echoed();

    private static readonly Option<int?> FirstExamples = TrainingOptionTable.Examples.With(help: "train on the first N training examples only");
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the MultiTaskResult", "multitask");

    private static readonly IReadOnlyList<CommandOption> Settings = ExperimentSettings.Rows(learningRate: 1e-2);

    public override string Name => "multitask";
    public override string Summary => "one network with a sigmoid output per task (loss over the present labels only) against one network per task";

    public override IReadOnlyList<CommandOption> Options { get; } = [Tasks, Missing, FirstExamples, .. Settings, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!multitask",
        "#!multitask --missing 0.3,0.3,0.3,0.95",
        "#!multitask --tasks \"even=0,2,4,6,8;small=0,1,2\" --missing 0",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var data = c.Session.Data;
        var val = data.Splits.Val ?? throw new CommandException($"the current data ({data.Name}) has no val part to measure on: #!dataset {data.Name} --val N");
        if (data.Train.Y.Classes is null) throw new CommandException("the tasks are made from one class per example; the current data has multi-label targets already");
        var tasks = TasksFor(c.Get(Tasks), data.Train.ClassNames);
        var missing = c.Get(Missing);
        if (missing.Length != 1 && missing.Length != tasks.Count)
            throw new CommandException($"{Missing.Name} gives {missing.Length} shares for {tasks.Count} tasks ({string.Join(", ", tasks.Select(t => t.Name))}): give one, or one per task");
        var train = TrainSettings.For(c).TrainingExamples(data);
        var settings = ExperimentSettings.Read(c.Values);
        var name = c.Get(As);
        settings.CheckWork(train.Features, tasks.Count, train.Count * (1 + tasks.Count));
        int seed = settings.Get(ExperimentSettings.Seed);

        var labelled = MultiTaskLabels.FromClasses(train, tasks, $"{data.Name} (train, {tasks.Count} tasks)");
        var hidden = missing.Length == 1
            ? MultiTaskLabels.Hide(labelled, missing[0], seed)
            : MultiTaskLabels.Hide(labelled, missing, seed);
        var splits = new DatasetSplits(hidden, MultiTaskLabels.FromClasses(val, tasks, $"{data.Name} (val, {tasks.Count} tasks)"));
        var experiment = new MultiTaskExperiment();
        var result = ExperimentMonitor.Follow(c, experiment, $"multi-task learning on {data.Name}: {1 + tasks.Count} networks",
            ct => experiment.Run(splits, settings.Options(), ct));
        var stored = await c.StoreAsync(name, result);

        var tasksText = string.Join(";", tasks.Select(t => $"{t.Name}={string.Join(",", t.Positive)}"));
        var line = $"#!multitask {Tasks.Name} \"{tasksText}\" " + c.Values.Echo("", [Missing, FirstExamples, .. ExperimentSettings.All]);
        c.Show(Chart.From(MultiTaskResultFormatter.Figure(result)));
        c.Show(Html.Block(
                Html.Detail("tasks: " + string.Join("; ", tasks.Select(t => $"{t.Name} = class {string.Join(", ", t.Positive.Select(k => data.Train.ClassNames[k]))}"))),
                MultiTaskResultFormatter.Html(result),
                Html.Detail($"{line} · {stored}")),
            MultiTaskResultFormatter.Text(result));
    }

    /// <summary>A task of <c>--tasks</c> as typed: its name and the classes it answers yes for, each named or numbered.</summary>
    internal sealed record TaskRule(string Name, string[] Classes);

    /// <summary>The tasks of <c>--tasks</c> ("name=1,2;other=3"), before their classes are found in the data.</summary>
    internal static TaskRule[] ReadTasks(string text)
    {
        var tasks = new List<TaskRule>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new CommandException($"--tasks: '{part}' needs the form name=classes, e.g. even=0,2,4,6,8");
            var taskName = part[..eq].Trim();
            var classes = part[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (classes.Length == 0) throw new CommandException($"--tasks: task '{taskName}' names no class");
            tasks.Add(new TaskRule(taskName, classes));
        }
        if (tasks.Count == 0) throw new CommandException("--tasks needs at least one task, e.g. even=0,2,4,6,8");
        if (tasks.Count > MaxTasks) throw new CommandException($"--tasks lists {tasks.Count} tasks; at most {MaxTasks}");
        if (tasks.Select(t => t.Name).Distinct().Count() != tasks.Count) throw new CommandException("--tasks names a task twice");
        return [.. tasks];
    }

    /// <summary>The tasks of <paramref name="rules"/> with their classes found among <paramref name="classes"/> (by name or number), or the default for the data's classes.</summary>
    internal static IReadOnlyList<(string Name, int[] Positive)> TasksFor(TaskRule[]? rules, IReadOnlyList<string> classes)
    {
        if (rules is null)
        {
            if (classes.SequenceEqual(Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))))
                return MultiTaskLabels.DigitTasks;
            if (classes.Count > MaxTasks) throw new CommandException($"the data has {classes.Count} classes: name at most {MaxTasks} tasks with --tasks");
            return [.. classes.Select((n, k) => (n, new[] { k }))];
        }
        return [.. rules.Select(rule => (rule.Name, rule.Classes.Select(v =>
        {
            for (int k = 0; k < classes.Count; k++)
                if (string.Equals(classes[k], v, StringComparison.OrdinalIgnoreCase)) return k;
            return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < classes.Count
                ? i
                : throw new CommandException($"--tasks: '{v}' in task '{rule.Name}' is not a class; the classes are {string.Join(", ", classes)}");
        }).Distinct().ToArray()))];
    }

    /// <summary>The shares of <c>--missing</c>, each in [0, 1).</summary>
    private static double[] ReadMissing(string text)
    {
        var missing = Option.SplitList(text).Select(item => Option.ParseNumber(Missing.Name, item, double.NegativeInfinity, double.PositiveInfinity)).ToArray();
        if (missing.Length == 0) throw new CommandException($"{Missing.Name} needs at least one number, got '{text}'");
        foreach (var m in missing)
            if (!(m >= 0 && m < 1)) throw new CommandException($"{Missing.Name} takes shares in [0, 1) (0.3 for 30%), got {m.ToString(CultureInfo.InvariantCulture)}");
        return missing;
    }
}
