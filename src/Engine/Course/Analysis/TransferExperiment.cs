using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// Transfer learning against training from scratch: a network is trained on task A (lots of data); its last
/// layer(s) are replaced and retrained on task B (little data) with the reused layers frozen; the same
/// architecture is trained on task B from scratch with the same settings. Their task-B curves side by side show
/// what the features learned on A are worth.
/// </summary>
public sealed class TransferExperiment : Experiment
{
    /// <summary>
    /// Three stages: pretrain on <paramref name="taskA"/>, transfer to <paramref name="taskB"/>, task B from scratch.
    /// </summary>
    /// <param name="taskA">Task A's train and val parts.</param>
    /// <param name="taskB">Task B's (small) train part and its val part.</param>
    /// <param name="options">The network and its training; <see cref="TransferOptions.EpochsB"/> for task B.</param>
    /// <param name="ct">Cancels within a mini-batch; later stages are skipped.</param>
    /// <exception cref="ArgumentException">Task data without a val part, of different widths, or multi-label.</exception>
    public TransferResult Run(DatasetSplits taskA, DatasetSplits taskB, TransferOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taskA);
        ArgumentNullException.ThrowIfNull(taskB);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var valA = taskA.Val ?? throw new ArgumentException("task A needs a val part");
        var valB = taskB.Val ?? throw new ArgumentException("task B needs a val part");
        if (taskA.Train.Features != taskB.Train.Features)
            throw new ArgumentException($"task A has {taskA.Train.Features} features, task B {taskB.Train.Features}: a network reused for B must take the same inputs");
        taskA.Train.Y.RequireClasses("task A");
        taskB.Train.Y.RequireClasses("task B");

        var o = options.Network;
        Begin(o.MaxDuration);
        int classesB = Math.Max(taskB.Train.Classes, valB.Classes);
        var pretrained = o.CreateNetwork(taskA.Train.Features, Math.Max(taskA.Train.Classes, valA.Classes));
        var historyA = TrainStage("pretrain on task A", 1, 3, pretrained, taskA.Train, valA, o.StageTraining(), ct);

        var transferred = TransferLearning.Reuse(pretrained, classesB, options.Replace, options.Freeze, o.Init, o.Seed);
        var trainingB = o.StageTraining(options.EpochsB);
        var historyTransfer = TrainStage("transfer to task B", 2, 3, transferred, taskB.Train, valB, trainingB, ct);

        var scratch = o.CreateNetwork(taskB.Train.Features, classesB);
        var historyScratch = TrainStage("task B from scratch", 3, 3, scratch, taskB.Train, valB, trainingB, ct);

        double Accuracy(Network net, Dataset d) => net.Accuracy(d.X, d.Labels);
        return new TransferResult(
            new TransferRun("pretrained on A", pretrained, historyA, Accuracy(pretrained, valA), TransferLearning.TrainableParameters(pretrained)),
            new TransferRun("transfer to B", transferred, historyTransfer, Accuracy(transferred, valB), TransferLearning.TrainableParameters(transferred)),
            new TransferRun("B from scratch", scratch, historyScratch, Accuracy(scratch, valB), TransferLearning.TrainableParameters(scratch)),
            taskA.Train.Count, taskB.Train.Count, valB.Count, options, StopMessage);
    }
}

/// <summary>
/// Settings of a <see cref="TransferExperiment"/>.
/// </summary>
public sealed record TransferOptions
{
    /// <summary>The network and its training on task A (defaults: one hidden layer of 50, Adam, 20 epochs).</summary>
    public ExperimentOptions Network { get; init; } = new();

    /// <summary>Epochs on task B (default 100: a small training set takes few iterations per epoch).</summary>
    public int EpochsB { get; init; } = 100;

    /// <summary>Dense layers replaced, counted from the output (default 1: the output layer).</summary>
    public int Replace { get; init; } = 1;

    /// <summary>Freeze the reused layers (default true); false fine-tunes every layer on task B.</summary>
    public bool Freeze { get; init; } = true;

    /// <summary>Throws a clear exception naming the first bad setting; returns this.</summary>
    public TransferOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Network);
        Network.Validate();
        if (EpochsB <= 0) throw new ArgumentOutOfRangeException(nameof(EpochsB), EpochsB, $"epochs on task B must be > 0, got {EpochsB}");
        if (Replace < 1 || Replace > Network.Hidden.Count + 1)
            throw new ArgumentOutOfRangeException(nameof(Replace), Replace,
                $"replace counts Dense layers from the output: 1..{Network.Hidden.Count + 1} for {Network.Hidden.Count} hidden layer(s), got {Replace}");
        return this;
    }
}

/// <summary>One network of the experiment, its history, its val accuracy on its own task and how many of its parameters trained.</summary>
public sealed record TransferRun(string Name, Network Network, TrainingHistory History, double ValAccuracy, int TrainableParameters);

/// <summary>
/// What <see cref="TransferExperiment"/> measured.
/// </summary>
public sealed record TransferResult(TransferRun Pretrained, TransferRun Transferred, TransferRun Scratch,
                                    int TaskAExamples, int TaskBExamples, int TaskBValExamples, TransferOptions Options, string? StopMessage)
{
    /// <summary>Transfer's val accuracy on B minus scratch's.</summary>
    public double Gain => Transferred.ValAccuracy - Scratch.ValAccuracy;

    /// <summary>The comparison in a sentence.</summary>
    public string Verdict
    {
        get
        {
            if (StopMessage is not null) return $"incomplete ({StopMessage}): the runs that did not train say nothing";
            var numbers = string.Create(CultureInfo.InvariantCulture,
                $"on task B ({TaskBExamples} training examples) transfer reached val accuracy {Transferred.ValAccuracy:F3} training {Transferred.TrainableParameters:N0} parameters, from scratch {Scratch.ValAccuracy:F3} training {Scratch.TrainableParameters:N0}");
            return Gain > 0.005 ? numbers + ": the features learned on task A carry over"
                : Gain < -0.005 ? numbers + ": here the features of task A do not help task B (too different, or B has enough data)"
                : numbers + ": about the same";
        }
    }

    public override string ToString() => string.Join(Environment.NewLine,
        string.Create(CultureInfo.InvariantCulture, $"task A: {TaskAExamples:N0} examples, val accuracy {Pretrained.ValAccuracy:F3}"),
        Verdict);
}
