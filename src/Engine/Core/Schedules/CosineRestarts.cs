using NotebookDL.Optimizers;
using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>
/// Cosine annealing with warm restarts (SGDR, Loshchilov and Hutter 2017). Cycle i lasts
/// T_i = T0 · Tmult^i epochs; within it, with T_cur the epochs since the cycle began,
/// lr = lrMin + ½ (lr0 - lrMin)(1 + cos(π T_cur / T_i)): lr0 at each restart, falling to lrMin at the end of
/// the cycle. Each cycle's end is a good model to keep: a snapshot ensemble (Huang et al. 2017) averages them.
/// </summary>
public sealed class CosineRestarts : ILearningRateSchedule
{
    /// <param name="lr0">Rate at each restart (finite, &gt;= 0).</param>
    /// <param name="t0">Length of the first cycle in epochs, &gt; 0.</param>
    /// <param name="tMult">Growth of the cycle length, &gt;= 1 (2 doubles it: cycles of 1, 2, 4, ... epochs).</param>
    /// <param name="lrMin">Rate at the end of each cycle, in [0, lr0].</param>
    public CosineRestarts(double lr0, double t0 = 1, double tMult = 2, double lrMin = 0)
    {
        InitialRate = HyperparameterCheck.LearningRate(lr0, "lr0");
        T0 = HyperparameterCheck.Positive(t0, "cosine restarts T0 (epochs)");
        if (!(tMult >= 1) || double.IsInfinity(tMult))
            throw new ArgumentOutOfRangeException(nameof(tMult), Invariant($"cosine restarts Tmult must be a finite number >= 1, got {tMult}"));
        TMult = tMult;
        if (!(lrMin >= 0 && lrMin <= lr0))
            throw new ArgumentOutOfRangeException(nameof(lrMin), Invariant($"cosine restarts lrMin must be in [0, lr0 = {lr0}], got {lrMin}"));
        MinRate = lrMin;
    }

    public double InitialRate { get; }

    /// <summary>T0, the first cycle's length in epochs.</summary>
    public double T0 { get; }

    /// <summary>Tmult, the factor by which each cycle is longer than the one before.</summary>
    public double TMult { get; }

    /// <summary>lrMin, the rate at the end of a cycle.</summary>
    public double MinRate { get; }

    public double Rate(double epoch)
    {
        var (start, length) = Cycle(ScheduleCheck.Epoch(epoch));
        double tCur = epoch - start;
        return MinRate + 0.5 * (InitialRate - MinRate) * (1 + Math.Cos(Math.PI * tCur / length));
    }

    /// <summary>The restart epochs T0, T0 + T0·Tmult, ... up to <paramref name="untilEpoch"/>.</summary>
    public IReadOnlyList<double> Restarts(double untilEpoch)
    {
        var restarts = new List<double>();
        double end = T0, length = T0;
        while (end <= untilEpoch)
        {
            restarts.Add(end);
            length *= TMult;
            end += length;
        }
        return restarts;
    }

    /// <summary>The start and length T_i of the cycle containing <paramref name="epoch"/>.</summary>
    public (double Start, double Length) Cycle(double epoch)
    {
        if (TMult == 1)
        {
            double index = Math.Floor(epoch / T0);
            return (index * T0, T0);
        }
        double start = 0, length = T0;
        // Cycles grow geometrically, so this runs about log_Tmult(epoch / T0) times.
        while (epoch >= start + length)
        {
            start += length;
            length *= TMult;
        }
        return (start, length);
    }

    public override string ToString() =>
        Invariant($"cosine restarts (SGDR): lr {InitialRate:G3} → {MinRate:G3}, T0 {T0:G3} epochs, Tmult {TMult:G3}");
}
