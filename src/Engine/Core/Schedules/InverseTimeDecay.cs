using NotebookDL.Optimizers;
using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>
/// 1/t decay: lr = lr0 / (1 + k·t), with t the (fractional) epoch, so the rate falls smoothly and never
/// reaches zero (the cs231n notes' third annealing form).
/// </summary>
public sealed class InverseTimeDecay : ILearningRateSchedule
{
    /// <param name="lr0">Initial rate (finite, &gt;= 0).</param>
    /// <param name="k">Decay rate per epoch (finite, &gt;= 0; 0 = constant).</param>
    public InverseTimeDecay(double lr0, double k)
    {
        InitialRate = HyperparameterCheck.LearningRate(lr0, "lr0");
        K = HyperparameterCheck.NonNegative(k, "1/t decay k");
    }

    public double InitialRate { get; }
    public double K { get; }

    public double Rate(double epoch) => InitialRate / (1 + K * ScheduleCheck.Epoch(epoch));

    public override string ToString() => Invariant($"1/t decay: lr {InitialRate:G3} / (1 + {K:G3}·epoch)");
}
