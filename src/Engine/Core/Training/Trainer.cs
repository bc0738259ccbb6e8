using System.Numerics;
using NotebookDL.Data;
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
    /// and parameters (and the same as stepping a TrainingSession through the run), in either precision.
    /// </summary>
    public TrainingHistory Train<T>(Network<T> net, Dataset train, Dataset? val, TrainOptions o, CancellationToken ct = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (net is Network<double> wide && o.Dtype == Dtype.Float32) return TrainInFloat(wide, train, val, o, ct);
        using var loop = new TrainingLoop<T>(net, train, val, o, reuseTargets: true);
        loop.Clock.Start();
        // The report is made only for a listener: a step allocates nothing otherwise.
        loop.IterationCompleted += (epoch, iteration, cost, lr) => IterationCompleted?.Invoke(new IterationReport(epoch, iteration, cost, lr));
        loop.EpochCompleted += summary => EpochCompleted?.Invoke(summary);
        while (!loop.Finished)
        {
            if (ct.IsCancellationRequested)
            {
                loop.Stop(StopReason.Cancelled, "cancelled");
                break;
            }
            if (o.MaxDuration is TimeSpan budget && loop.Clock.Elapsed >= budget)
            {
                loop.Stop(StopReason.TimeBudget, Invariant($"time budget of {budget.TotalSeconds:G4} s reached"));
                break;
            }
            var batch = loop.BeginBatch();
            // Buffers reused from step to step: the batch, its targets, every layer's output and gradient.
            loop.CompleteBatch(net.ComputeGradientsInPlace(batch.X, batch.Y, Mode.Train));
        }
        return loop.Finish();
    }

    /// <summary>
    /// <see cref="TrainOptions.Dtype"/> float32 on a double network: a float copy trains (with this trainer's events)
    /// and its parameters and buffers are written back into <paramref name="net"/>.
    /// </summary>
    private TrainingHistory TrainInFloat(Network<double> net, Dataset train, Dataset? val, TrainOptions o, CancellationToken ct)
    {
        var copy = Precision.Convert<double, float>(net);
        var history = Train(copy, train, val, o, ct);
        net.Restore(Precision.Convert<float, double>(copy.Snapshot()));
        return history;
    }
}
