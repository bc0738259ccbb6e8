using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>Argument checks shared by the schedules.</summary>
internal static class ScheduleCheck
{
    public static double Epoch(double epoch)
    {
        if (!(epoch >= 0) || double.IsInfinity(epoch))
            throw new ArgumentOutOfRangeException(nameof(epoch), Invariant($"epoch must be a finite number >= 0, got {epoch}"));
        return epoch;
    }

    /// <summary>A multiplicative decay in (0, 1] (1 = no decay).</summary>
    public static double Factor(double value, string name)
    {
        if (!(value > 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, Invariant($"{name} must be in (0, 1], got {value}"));
        return value;
    }
}
