using NotebookDL.Optimizers;
using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>
/// Exponential decay per epoch: lr = lr0 · decay^floor(epoch), i.e. the rate is multiplied by
/// <see cref="Decay"/> at the end of every epoch, as cs231n's Solver applies its <c>lr_decay</c>. The floor
/// keeps the rate constant within an epoch.
/// </summary>
public sealed class ExponentialDecay : ILearningRateSchedule
{
    /// <param name="lr0">Initial rate (finite, &gt;= 0).</param>
    /// <param name="decay">Multiplier per epoch, in (0, 1] (e.g. 0.95).</param>
    public ExponentialDecay(double lr0, double decay)
    {
        InitialRate = HyperparameterCheck.LearningRate(lr0, "lr0");
        Decay = ScheduleCheck.Factor(decay, "exponential decay per epoch");
    }

    public double InitialRate { get; }
    public double Decay { get; }

    public double Rate(double epoch) => InitialRate * Math.Pow(Decay, Math.Floor(ScheduleCheck.Epoch(epoch)));

    public override string ToString() => Invariant($"exponential decay: lr {InitialRate:G3} × {Decay:G3}^epoch");
}
