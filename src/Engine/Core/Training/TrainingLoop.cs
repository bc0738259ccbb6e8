using System.Numerics;
using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Optimizers;
using NotebookDL.Schedules;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Training;

/// <summary>
/// The bookkeeping of one training run, shared by <see cref="Trainer"/> (which runs it straight through) and
/// TrainingSession (which steps through it): the seeded shuffles, the mini-batches, the
/// scheduled learning rate, the divergence checks, the optimiser step, the epoch summaries, snapshots and
/// the best model. The owner computes each batch's gradients between <see cref="BeginBatch"/> and
/// <see cref="CompleteBatch"/>; both owners therefore draw the same random numbers in the same order and
/// apply the same operations, so they end in bit-identical parameters.
/// </summary>
internal sealed class TrainingLoop<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Rng _rng;
    private readonly ILearningRateSchedule _schedule;
    private readonly IReadOnlyList<double> _restarts;
    private readonly AccuracySet<T>? _trainAccuracy, _valAccuracy; // null: no class labels to measure
    private readonly int[] _order;
    private readonly BatchGatherer<T> _batches;
    private readonly bool _reuseTargets;
    private Targets? _batchTargets, _lastBatchTargets; // reused targets of a full and of a last, partial batch
    private int _nextRestart;
    private NetworkSnapshot<T>? _best;
    private double _bestVal = double.NegativeInfinity;
    private double _epochCost, _lr;
    private readonly UpdateRatioProbe<T> _updateRatios;
    private double[]? _epochUpdateRatios; // of the epoch's last step
    private StopReason? _stop;
    private string _message = "";

    /// <summary>
    /// A run of <paramref name="net"/> on <paramref name="train"/> with <paramref name="o"/>, measuring
    /// accuracy on <paramref name="val"/> when given. With <paramref name="reuseTargets"/> each batch's
    /// targets come in arrays reused by the next batch of the same size (the trainer reads them only during
    /// the step); without, a fresh copy (the stepper keeps them in its records).
    /// </summary>
    public TrainingLoop(Network<T> net, Dataset train, Dataset? val, TrainOptions o, bool reuseTargets = false)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        CheckData(net, train, "training");
        if (val is not null) CheckData(net, val, "validation");
        if (o.KeepBest && val is null)
            throw new ArgumentException("KeepBest restores the epoch with the best validation accuracy: it needs a validation set");

        (Net, Train, Val, Options) = (net, train, val, o);
        _rng = new Rng(o.Seed);
        var sampleRng = _rng.Split();
        var optimizer = o.CreateOptimizer();
        Optimizer = optimizer as IOptimizer<T>
                    ?? throw new NotSupportedException($"the optimiser {optimizer.Name} updates {Precision.Name<double>()} parameters only (a rule of your own): train in {Precision.Name<double>()}");
        Optimizer.Reset(); // each run starts from fresh velocities and moments
        _schedule = o.EffectiveSchedule;
        Parameters = net.Parameters.Where(p => !p.Frozen).ToArray(); // frozen layers (transfer learning) keep their values
        if (Parameters.Length == 0 && net.ParameterCount > 0) throw new ArgumentException("every parameter of the network is frozen: there is nothing to train");

        int n = train.Count;
        BatchSize = Math.Min(o.BatchSize, n);
        PerEpoch = (n + BatchSize - 1) / BatchSize;
        History = new TrainingHistory { EpochsRequested = o.Epochs, IterationsPerEpoch = PerEpoch, Classes = train.Y.Classes is null ? null : train.Classes };
        History.Costs.Capacity = (int)Math.Min((long)o.Epochs * PerEpoch, 1 << 16); // no regrowth during most runs
        _restarts = o.SnapshotAtRestarts ? _schedule.Restarts(o.Epochs) : [];
        _trainAccuracy = AccuracySample(train, o.TrainAccuracySamples, sampleRng);
        _valAccuracy = val?.Y.Classes is int[] valY ? new AccuracySet<T>(val, null, valY) : null;

        _order = new int[n];
        for (int i = 0; i < n; i++) _order[i] = i;
        _batches = new BatchGatherer<T>(train, BatchSize);
        _reuseTargets = reuseTargets;
        _updateRatios = new UpdateRatioProbe<T>(Parameters);
    }

    public Network<T> Net { get; }
    public Dataset Train { get; }
    public Dataset? Val { get; }
    public TrainOptions Options { get; }
    public IOptimizer<T> Optimizer { get; }

    /// <summary>The parameters the optimiser updates (the network's, less the frozen ones).</summary>
    public Parameter<T>[] Parameters { get; }

    public int BatchSize { get; }
    public int PerEpoch { get; }
    public TrainingHistory History { get; }

    /// <summary>Runs only while the owner computes (a session's pauses do not count).</summary>
    public Stopwatch Clock { get; } = new();

    /// <summary>1-based epoch of the next (or current) mini-batch.</summary>
    public int Epoch { get; private set; } = 1;

    /// <summary>0-based index of the next mini-batch within its epoch.</summary>
    public int BatchIndex { get; private set; }

    /// <summary>Mini-batches completed.</summary>
    public int Iteration { get; private set; }

    /// <summary>All epochs ran, or the run stopped (diverged, cancelled, out of time).</summary>
    public bool Finished => _stop is not null;

    /// <summary>After every iteration: (epoch, iteration, cost, learning rate), the fields of an <see cref="IterationReport"/>.</summary>
    public event Action<int, int, double, double>? IterationCompleted;
    public event Action<EpochSummary>? EpochCompleted;

    /// <summary>
    /// Starts the next mini-batch: the first of an epoch reshuffles the examples (seeded). Returns the batch
    /// X (count, D) (the gatherer's matrix: valid until the next batch), its targets (a fresh copy, or with
    /// reuseTargets valid until the next batch), the example rows and the scheduled learning rate.
    /// </summary>
    public MiniBatch<T> BeginBatch()
    {
        if (Finished) throw new InvalidOperationException("the run has finished");
        if (BatchIndex == 0)
        {
            _rng.Shuffle(_order);
            _batches.Reset();
            _epochCost = 0;
        }
        int start = BatchIndex * BatchSize, count = Math.Min(BatchSize, Train.Count - start); // the last batch may be partial
        var rows = new ArraySegment<int>(_order, start, count);
        _lr = _schedule.Rate((double)Iteration / PerEpoch);
        var y = _reuseTargets ? GatherTargets(start, count) : Train.Y.Rows(rows);
        return new MiniBatch<T>(_batches.Batch(_order, start, count), y, rows, _lr, Epoch, BatchIndex);
    }

    /// <summary>The targets of order[start .. start+count] in arrays kept for the next batch of that size.</summary>
    private Targets GatherTargets(int start, int count)
    {
        ref var cached = ref count == BatchSize ? ref _batchTargets : ref _lastBatchTargets;
        if (Train.Y.Classes is int[] classes)
        {
            if (cached?.Classes?.Length != count) cached = Targets.OfClasses(new int[count]);
            var y = cached.Classes!;
            for (int i = 0; i < count; i++) y[i] = classes[_order[start + i]];
        }
        else
        {
            var labels = Train.Y.Labels!;
            if (cached?.Labels?.RowCount != count) cached = Targets.OfLabels(Mat.Zeros(count, labels.ColumnCount));
            Mat.GatherRows(labels.Data(), labels.RowCount, labels.ColumnCount, _order, start, count, cached.Labels!.Data(), count);
        }
        return cached;
    }

    /// <summary>
    /// Ends the mini-batch whose gradients are in the parameters: records the cost, stops the run if it diverged
    /// (the parameters are then left as they were), else takes one optimiser step; ends the epoch after its
    /// last batch. Returns whether the parameters were updated and the epoch's summary when this batch ended one.
    /// </summary>
    public (bool Updated, EpochSummary? EpochEnded) CompleteBatch(double cost)
    {
        History.Costs.Add(cost);
        Iteration++;
        if (Iteration == 1) History.InitialCost = cost;
        _epochCost += cost;

        if (!double.IsFinite(cost))
            Stop(StopReason.NotFinite, $"cost is {(double.IsNaN(cost) ? "NaN" : "infinite")} at iteration {Iteration}: the learning rate is probably too high");
        else if (FirstNotFinite(Parameters) is Parameter<T> bad)
            Stop(StopReason.NotFinite,
                $"the gradient of {bad} is not finite at iteration {Iteration} (cost {cost.ToString("G4", CultureInfo.InvariantCulture)}): the learning rate is probably too high");
        else if (Options.StopFactor is double f && History.InitialCost > 0 && cost > f * History.InitialCost)
            Stop(StopReason.CostExploded, Invariant(
                $"cost {cost:G3} exceeded {f:G3} x the initial cost {History.InitialCost:F2} at iteration {Iteration}: the learning rate is probably too high"));
        else if (BatchIndex == PerEpoch - 1) // the epoch's last step: measure ‖ΔW‖/‖W‖ for its log line
        {
            _updateRatios.Before();
            Optimizer.Step(Parameters, _lr);
            _epochUpdateRatios = _updateRatios.After();
        }
        else
            Optimizer.Step(Parameters, _lr); // a diverged step would only spoil the parameters
        bool updated = !Finished;

        IterationCompleted?.Invoke(Epoch, Iteration, cost, _lr);
        if (Finished) return (updated, null);

        // The end of a learning-rate cycle (SGDR): lr is at its minimum, a good model to keep.
        double reached = (double)Iteration / PerEpoch;
        while (_nextRestart < _restarts.Count && _restarts[_nextRestart] <= reached)
            TakeSnapshot(_restarts[_nextRestart++]);

        if (++BatchIndex < PerEpoch) return (updated, null);
        return (updated, EndEpoch());
    }

    /// <summary>Ends the run early for a reason of the owner's (cancelled, out of time).</summary>
    public void Stop(StopReason reason, string message)
    {
        _stop ??= reason;
        if (_stop == reason) _message = message;
    }

    /// <summary>Restores the best model if asked, and closes the history with why the run ended.</summary>
    public TrainingHistory Finish()
    {
        if (_best is not null)
        {
            Net.Restore(_best);
            _best = null;
            History.RestoredBest = true;
        }
        History.StopReason = _stop ?? StopReason.Completed;
        History.StopMessage = _message;
        History.Elapsed = Clock.Elapsed;
        return History;
    }

    /// <summary>Leaves the gathered batch matrices for the next run.</summary>
    public void Dispose() => _batches.Dispose();

    private EpochSummary EndEpoch()
    {
        var summary = new EpochSummary(Epoch, _epochCost / PerEpoch,
            _trainAccuracy?.Measure(Net, _batches),
            _valAccuracy?.Measure(Net, _batches),
            _lr, Clock.Elapsed.TotalSeconds) { UpdateRatios = _epochUpdateRatios };
        History.Epochs.Add(summary);
        if (Options.SnapshotEveryEpochs is int k && Epoch % k == 0) TakeSnapshot(Epoch);
        if (Options.KeepBest && summary.ValAccuracy is double v && v > _bestVal)
        {
            _bestVal = v;
            _best = Net.Snapshot();
        }
        EpochCompleted?.Invoke(summary);
        if (Epoch == Options.Epochs) Stop(StopReason.Completed, $"completed {Options.Epochs} epochs");
        Epoch++;
        BatchIndex = 0;
        return summary;
    }

    /// <summary>The first parameter whose gradient holds NaN or infinity, or null.</summary>
    private static Parameter<T>? FirstNotFinite(Parameter<T>[] parameters)
    {
        foreach (var p in parameters)
            if (!p.Grad.AllFinite()) return p;
        return null;
    }

    private void TakeSnapshot(double epoch)
    {
        if (History.SnapshotEpochs.Count > 0 && History.SnapshotEpochs[^1] == epoch) return; // a restart and a period may coincide
        History.Snapshots.Add(new TrainingSnapshot(epoch, Precision.Convert<T, double>(Net.Snapshot()))); // kept in double, as the trained network
        History.SnapshotEpochs.Add(epoch);
    }

    /// <summary>The examples train accuracy is measured on: all, or a seeded subsample of the given size; null without class labels.</summary>
    private static AccuracySet<T>? AccuracySample(Dataset train, int? samples, Rng rng)
    {
        if (train.Y.Classes is not int[] labels) return null;
        if (samples is not int s || s >= train.Count) return new AccuracySet<T>(train, null, labels);
        var rows = rng.Permutation(train.Count).AsSpan(0, s).ToArray();
        Array.Sort(rows); // keep the data's order: the subsample is a set
        return new AccuracySet<T>(train, rows, [.. rows.Select(r => labels[r])]);
    }

    private static void CheckData(Network<T> net, Dataset data, string what)
    {
        if (data.Count == 0) throw new ArgumentException($"the {what} set '{data.Name}' is empty");
        if (data.Features != net.InputSize)
            throw new ArgumentException($"the {what} set '{data.Name}' has {data.Features} features but the network takes {net.InputSize}");
        // NaN in the data would surface as a NaN cost and be blamed on the learning rate: name it instead.
        data.RequireFinite($"the {what} set '{data.Name}'");
    }
}

/// <summary>One mini-batch as <see cref="TrainingLoop{T}.BeginBatch"/> hands it out.</summary>
/// <param name="X">(count, D): the gatherer's matrix, overwritten by a later batch.</param>
/// <param name="Y">The batch's targets (a fresh copy).</param>
/// <param name="Rows">The examples' indices in the training set (a view of the epoch's order).</param>
/// <param name="LearningRate">The scheduled rate of this iteration.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Index">0-based index of the batch in its epoch.</param>
internal readonly record struct MiniBatch<T>(Matrix<T> X, Targets Y, ArraySegment<int> Rows, double LearningRate, int Epoch, int Index) where T : unmanaged, IFloatingPointIeee754<T>;
