using NotebookDL.Optimizers;
using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>
/// Step decay: lr = lr0 · factor^floor(epoch / every), e.g. halve the rate every 5 epochs (the cs231n notes'
/// typical "reduce by a half every 5 epochs, or by 0.1 every 20 epochs").
/// </summary>
public sealed class StepDecay : ILearningRateSchedule
{
    /// <param name="lr0">Initial rate (finite, &gt;= 0).</param>
    /// <param name="factor">Multiplier applied at each step, in (0, 1].</param>
    /// <param name="everyEpochs">Epochs between steps, &gt; 0.</param>
    public StepDecay(double lr0, double factor, double everyEpochs)
    {
        InitialRate = HyperparameterCheck.LearningRate(lr0, "lr0");
        Factor = ScheduleCheck.Factor(factor, "step decay factor");
        EveryEpochs = HyperparameterCheck.Positive(everyEpochs, "step decay period (epochs)");
    }

    public double InitialRate { get; }
    public double Factor { get; }
    public double EveryEpochs { get; }

    public double Rate(double epoch) =>
        InitialRate * Math.Pow(Factor, Math.Floor(ScheduleCheck.Epoch(epoch) / EveryEpochs));

    public override string ToString() => Invariant($"step decay: lr {InitialRate:G3} × {Factor:G3} every {EveryEpochs:G3} epochs");
}
