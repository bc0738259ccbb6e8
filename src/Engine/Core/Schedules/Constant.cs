using NotebookDL.Optimizers;
using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>lr = lr0 at every epoch.</summary>
public sealed class Constant : ILearningRateSchedule
{
    public Constant(double lr0) => InitialRate = HyperparameterCheck.LearningRate(lr0, "lr0");

    public double InitialRate { get; }

    public double Rate(double epoch)
    {
        ScheduleCheck.Epoch(epoch);
        return InitialRate;
    }

    public override string ToString() => Invariant($"constant lr {InitialRate:G3}");
}
