using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// Multi-task learning against separate networks (lecture: one network with C sigmoid outputs, its loss summed
/// over the labels that are present, "?" skipped): one network with a shared hidden layer and one output per
/// task, then one network per task trained on the examples that have its label, all with the same settings.
/// Accuracy per task is measured on the present val labels after every epoch.
/// </summary>
public sealed class MultiTaskExperiment : Experiment
{
    /// <summary>1 + T stages: the multi-task network, then a separate network per task.</summary>
    /// <param name="data">Train and val parts with (N, T) yes/no labels, NaN = missing (<see cref="MultiTaskLabels"/>).</param>
    /// <param name="options">Architecture and training, the same for every network.</param>
    /// <param name="ct">Cancels within a mini-batch; later stages are skipped.</param>
    /// <exception cref="ArgumentException">No val part, class targets instead of labels, or a task with no present training label.</exception>
    public MultiTaskResult Run(DatasetSplits data, ExperimentOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var val = data.Val ?? throw new ArgumentException("multi-task learning is measured on a val part: the splits have none");
        var labels = data.Train.Y.Labels ?? throw new ArgumentException($"'{data.Train.Name}' has class targets: give each example yes/no labels per task (MultiTaskLabels.FromClasses)");
        int tasks = labels.ColumnCount;
        var names = data.Train.ClassNames;
        var present = MultiTaskLabels.Present(data.Train);
        for (int t = 0; t < tasks; t++)
            if (present[t] == 0) throw new ArgumentException($"task '{names[t]}' has no present label in the training data");

        Begin(options.MaxDuration);
        var training = options.StageTraining();
        int stages = 1 + tasks;

        var joint = options.CreateNetwork(data.Train.Features, tasks, "sigmoid");
        var jointCurve = new List<double[]>();
        var jointHistory = TrainStage($"one network, {tasks} sigmoid outputs", 1, stages, joint, data.Train, val, training, ct,
            trainer => trainer.EpochCompleted += _ => jointCurve.Add(MultiTaskLabels.Accuracy(joint, val)));
        var jointRun = new MultiTaskRun("one network", joint, jointHistory, MultiTaskLabels.Accuracy(joint, val), jointCurve, joint.ParameterCount);

        var separate = new List<MultiTaskRun>();
        for (int t = 0; t < tasks; t++)
        {
            var single = MultiTaskLabels.Single(data.Train, t);
            var singleVal = MultiTaskLabels.Single(val, t);
            var net = options.CreateNetwork(data.Train.Features, 1, "sigmoid");
            var curve = new List<double[]>();
            var history = TrainStage($"separate network for '{names[t]}'", 2 + t, stages, net, single, singleVal, training, ct,
                trainer => trainer.EpochCompleted += _ => curve.Add(MultiTaskLabels.Accuracy(net, singleVal)));
            separate.Add(new MultiTaskRun(names[t], net, history, MultiTaskLabels.Accuracy(net, singleVal), curve, net.ParameterCount));
        }
        return new MultiTaskResult(names, jointRun, separate, data.Train.Count, val.Count, present, options, StopMessage);
    }
}

/// <summary>
/// One network of the experiment.
/// </summary>
/// <param name="Name">"one network" or the task's name.</param>
/// <param name="Network">The trained network.</param>
/// <param name="History">Its training history (cost per iteration).</param>
/// <param name="ValAccuracy">Accuracy per task it answers, on present val labels.</param>
/// <param name="Curve">The same after each epoch.</param>
/// <param name="Parameters">Its learned scalars.</param>
public sealed record MultiTaskRun(string Name, Network Network, TrainingHistory History, double[] ValAccuracy, IReadOnlyList<double[]> Curve, int Parameters);

/// <summary>
/// What <see cref="MultiTaskExperiment"/> measured: the multi-task network and one network per task.
/// </summary>
public sealed record MultiTaskResult(IReadOnlyList<string> Tasks, MultiTaskRun Joint, IReadOnlyList<MultiTaskRun> Separate,
                                     int TrainCount, int ValCount, double[] PresentShare, ExperimentOptions Options, string? StopMessage)
{
    /// <summary>The multi-task network's mean accuracy over the tasks.</summary>
    public double JointMeanAccuracy => Joint.ValAccuracy.Average();

    /// <summary>The separate networks' mean accuracy over the tasks.</summary>
    public double SeparateMeanAccuracy => Separate.Average(s => s.ValAccuracy[0]);

    /// <summary>Learned scalars of all the separate networks together.</summary>
    public int SeparateParameters => Separate.Sum(s => s.Parameters);

    /// <summary>The comparison in a sentence.</summary>
    public string Verdict
    {
        get
        {
            if (StopMessage is not null) return $"incomplete ({StopMessage}): the networks that did not train say nothing";
            double gain = JointMeanAccuracy - SeparateMeanAccuracy;
            var numbers = string.Create(CultureInfo.InvariantCulture,
                $"one network with {Tasks.Count} outputs: mean val accuracy {JointMeanAccuracy:F3} with {Joint.Parameters:N0} parameters; {Tasks.Count} separate networks: {SeparateMeanAccuracy:F3} with {SeparateParameters:N0}");
            return gain > 0.005 ? numbers + ": sharing the hidden layer helps every task learn from the others' labels"
                : gain < -0.005 ? numbers + ": here the separate networks do better (the shared layer is too small for all the tasks)"
                : numbers + ": as good, with one network instead of " + Tasks.Count.ToString(CultureInfo.InvariantCulture);
        }
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = Tasks.Select((t, k) => string.Create(c,
            $"{t}: {100 * PresentShare[k]:F0}% of train labels present; val accuracy {Joint.ValAccuracy[k]:F3} (one network) vs {Separate[k].ValAccuracy[0]:F3} (separate)")).ToList();
        lines.Add(Verdict);
        return string.Join(Environment.NewLine, lines);
    }
}
