using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>Creates learning-rate schedules by name (<see cref="ScheduleRegistry"/>), as a magic command or a search space names them.</summary>
public static class Schedule
{
    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names => ScheduleRegistry.Names;

    /// <summary>
    /// A schedule starting at <paramref name="lr0"/>:
    /// "constant";
    /// "step" (<paramref name="decay"/> = factor, default 0.5, every <paramref name="every"/> epochs, default 5);
    /// "exp" (lr0 · decay^floor(epoch), decay default 0.95);
    /// "inv" (lr0 / (1 + k·epoch), k = <paramref name="decay"/>, default 0.5);
    /// "cosine-restarts" (<paramref name="t0"/> default 1 epoch, <paramref name="tMult"/> default 2,
    /// <paramref name="lrMin"/> default 0); or a registered schedule.
    /// An option the schedule does not take is rejected, as is an unknown name.
    /// </summary>
    public static ILearningRateSchedule Parse(string name, double lr0, double? decay = null, double? every = null,
        double? t0 = null, double? tMult = null, double? lrMin = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var entry = ScheduleRegistry.Get(name);
        (double? Value, ScheduleOption Option, string Name)[] given =
            [(decay, ScheduleOption.Decay, "decay"), (every, ScheduleOption.Every, "every"), (t0, ScheduleOption.T0, "t0"), (tMult, ScheduleOption.TMult, "tmult"), (lrMin, ScheduleOption.LrMin, "lr-min")];
        var refused = given.Where(g => g.Value is not null && !entry.Takes.HasFlag(g.Option)).Select(g => Invariant($"{g.Name} = {g.Value}")).ToArray();
        if (refused.Length > 0)
            throw new ArgumentException($"the {name} schedule does not take {string.Join(", ", refused)}");
        return entry.Create(lr0, new ScheduleOptions(decay, every, t0, tMult, lrMin));
    }
}
