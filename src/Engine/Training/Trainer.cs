using System.Diagnostics;
using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Training;

/// <summary>
/// Mini-batch training, as cs231n's Solver does it: each epoch shuffles the examples (seeded), then for
/// every mini-batch computes the gradients in train mode and takes one optimiser step with the scheduled
/// learning rate. After each epoch it measures train and validation accuracy. A run that diverges, runs out
/// of time or is cancelled stops and returns its history so far; divergence is reported, never thrown.
/// </summary>
public sealed class Trainer
{
    /// <summary>After every iteration (on the training thread): for live loss curves.</summary>
    public event Action<IterationReport>? IterationCompleted;

    /// <summary>After every completed epoch (on the training thread): for live accuracy curves.</summary>
    public event Action<EpochSummary>? EpochCompleted;

    /// <summary>
    /// Trains <paramref name="net"/> in place on <paramref name="train"/>, measuring accuracy on
    /// <paramref name="val"/> when given. Same network, data, options and seed give a bit-identical history
    /// and parameters.
    /// </summary>
    public TrainingHistory Train(Network net, Dataset train, Dataset? val, TrainOptions o, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        CheckData(net, train, "training");
        if (val is not null) CheckData(net, val, "validation");
        if (o.KeepBest && val is null)
            throw new ArgumentException("KeepBest restores the epoch with the best validation accuracy: it needs a validation set");

        var clock = Stopwatch.StartNew();
        var rng = new Rng(o.Seed);
        var sampleRng = rng.Split();
        var optimizer = o.CreateOptimizer();
        optimizer.Reset(); // each run starts from fresh velocities and moments
        var schedule = o.EffectiveSchedule;
        var parameters = net.Parameters.Where(p => !p.Frozen).ToArray(); // frozen layers (transfer learning) keep their values
        if (parameters.Length == 0 && net.ParameterCount > 0) throw new ArgumentException("every parameter of the network is frozen: there is nothing to train");

        int n = train.Count;
        int batch = Math.Min(o.BatchSize, n);
        int perEpoch = (n + batch - 1) / batch;
        var history = new TrainingHistory { EpochsRequested = o.Epochs, IterationsPerEpoch = perEpoch };
        var restarts = o.SnapshotAtRestarts ? schedule.Restarts(o.Epochs) : [];
        int nextRestart = 0;
        var (trainAccX, trainAccY) = AccuracySample(train, o.TrainAccuracySamples, sampleRng);
        NetworkSnapshot? best = null;
        double bestVal = double.NegativeInfinity;

        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        using var batches = new BatchGatherer(train.X, batch);
        int iteration = 0;
        StopReason? stop = null;
        string message = "";

        for (int epoch = 1; epoch <= o.Epochs && stop is null; epoch++)
        {
            rng.Shuffle(order);
            batches.Reset();
            double epochCost = 0;
            double lr = 0;
            for (int b = 0; b < perEpoch; b++)
            {
                if (ct.IsCancellationRequested)
                {
                    (stop, message) = (StopReason.Cancelled, "cancelled");
                    break;
                }
                if (o.MaxDuration is TimeSpan budget && clock.Elapsed >= budget)
                {
                    (stop, message) = (StopReason.TimeBudget, Invariant($"time budget of {budget.TotalSeconds:G4} s reached"));
                    break;
                }

                int start = b * batch, count = Math.Min(batch, n - start); // the last batch may be partial
                var rows = new ArraySegment<int>(order, start, count);
                lr = schedule.Rate((double)iteration / perEpoch);
                double cost = net.ComputeGradients(batches.Batch(order, start, count), train.Y.Rows(rows), Mode.Train).Cost;
                history.Costs.Add(cost);
                iteration++;
                if (iteration == 1) history.InitialCost = cost;
                epochCost += cost;

                if (!double.IsFinite(cost))
                    (stop, message) = (StopReason.NotFinite,
                        $"cost is {(double.IsNaN(cost) ? "NaN" : "infinite")} at iteration {iteration}: the learning rate is probably too high");
                else if (FirstNotFinite(parameters) is Parameter bad)
                    (stop, message) = (StopReason.NotFinite,
                        $"the gradient of {bad} is not finite at iteration {iteration} (cost {cost.ToString("G4", CultureInfo.InvariantCulture)}): the learning rate is probably too high");
                else if (o.StopFactor is double f && history.InitialCost > 0 && cost > f * history.InitialCost)
                    (stop, message) = (StopReason.CostExploded, Invariant(
                        $"cost {cost:G3} exceeded {f:G3} x the initial cost {history.InitialCost:F2} at iteration {iteration}: the learning rate is probably too high"));
                else
                    optimizer.Step(parameters, lr); // a diverged step would only spoil the parameters

                IterationCompleted?.Invoke(new IterationReport(epoch, iteration, cost, lr));
                if (stop is not null) break;

                // The end of a learning-rate cycle (SGDR): lr is at its minimum, a good model to keep.
                double reached = (double)iteration / perEpoch;
                while (nextRestart < restarts.Count && restarts[nextRestart] <= reached)
                    TakeSnapshot(history, net, restarts[nextRestart++]);
            }
            if (stop is not null) break;

            var summary = new EpochSummary(epoch, epochCost / perEpoch,
                trainAccY is null ? null : net.Accuracy(trainAccX, trainAccY),
                val?.Y.Classes is int[] valY ? net.Accuracy(val.X, valY) : null,
                lr, clock.Elapsed.TotalSeconds);
            history.Epochs.Add(summary);
            if (o.SnapshotEveryEpochs is int k && epoch % k == 0) TakeSnapshot(history, net, epoch);
            if (o.KeepBest && summary.ValAccuracy is double v && v > bestVal)
            {
                bestVal = v;
                best = net.Snapshot();
            }
            EpochCompleted?.Invoke(summary);
        }

        if (best is not null)
        {
            net.Restore(best);
            history.RestoredBest = true;
        }
        history.StopReason = stop ?? StopReason.Completed;
        history.StopMessage = stop is null ? $"completed {o.Epochs} epochs" : message;
        history.Elapsed = clock.Elapsed;
        return history;
    }

    /// <summary>The first parameter whose gradient holds NaN or infinity, or null.</summary>
    private static Parameter? FirstNotFinite(Parameter[] parameters)
    {
        foreach (var p in parameters)
            if (!p.Grad.AllFinite()) return p;
        return null;
    }

    private static void TakeSnapshot(TrainingHistory history, Network net, double epoch)
    {
        if (history.SnapshotEpochs.Count > 0 && history.SnapshotEpochs[^1] == epoch) return; // a restart and a period may coincide
        history.Snapshots.Add(new TrainingSnapshot(epoch, net.Snapshot()));
        history.SnapshotEpochs.Add(epoch);
    }

    /// <summary>The examples train accuracy is measured on: all, or a seeded subsample of the given size.</summary>
    private static (MathNet.Numerics.LinearAlgebra.Matrix<double> X, int[]? Y) AccuracySample(Dataset train, int? samples, Rng rng)
    {
        if (train.Y.Classes is not int[] labels) return (train.X, null);
        if (samples is not int s || s >= train.Count) return (train.X, labels);
        var rows = rng.Permutation(train.Count).AsSpan(0, s).ToArray();
        Array.Sort(rows); // keep the data's order: the subsample is a set
        return (train.X.SelectRows(rows), rows.Select(r => labels[r]).ToArray());
    }

    private static void CheckData(Network net, Dataset data, string what)
    {
        if (data.Count == 0) throw new ArgumentException($"the {what} set '{data.Name}' is empty");
        if (data.Features != net.InputSize)
            throw new ArgumentException($"the {what} set '{data.Name}' has {data.Features} features but the network takes {net.InputSize}");
        // NaN in the data would surface as a NaN cost and be blamed on the learning rate: name it instead.
        data.X.RequireFinite($"the {what} set '{data.Name}'");
    }
}
