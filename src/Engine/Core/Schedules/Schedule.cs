using static System.FormattableString;

namespace NotebookDL.Schedules;

/// <summary>Creates learning-rate schedules by name, as a magic command or a search space names them.</summary>
public static class Schedule
{
    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["constant", "step", "exp", "inv", "cosine-restarts"];

    /// <summary>
    /// A schedule starting at <paramref name="lr0"/>:
    /// "constant";
    /// "step" (<paramref name="decay"/> = factor, default 0.5, every <paramref name="every"/> epochs, default 5);
    /// "exp" (lr0 · decay^floor(epoch), decay default 0.95);
    /// "inv" (lr0 / (1 + k·epoch), k = <paramref name="decay"/>, default 0.5);
    /// "cosine-restarts" (<paramref name="t0"/> default 1 epoch, <paramref name="tMult"/> default 2,
    /// <paramref name="lrMin"/> default 0).
    /// An option the schedule does not take is rejected, as is an unknown name.
    /// </summary>
    public static ILearningRateSchedule Parse(string name, double lr0, double? decay = null, double? every = null,
        double? t0 = null, double? tMult = null, double? lrMin = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        switch (key)
        {
            case "constant" or "const":
                Reject(name, (decay, "decay"), (every, "every"), (t0, "t0"), (tMult, "tmult"), (lrMin, "lr-min"));
                return new Constant(lr0);
            case "step":
                Reject(name, (t0, "t0"), (tMult, "tmult"), (lrMin, "lr-min"));
                return new StepDecay(lr0, decay ?? 0.5, every ?? 5);
            case "exp" or "exponential":
                Reject(name, (every, "every"), (t0, "t0"), (tMult, "tmult"), (lrMin, "lr-min"));
                return new ExponentialDecay(lr0, decay ?? 0.95);
            case "inv" or "1/t" or "inverse-time":
                Reject(name, (every, "every"), (t0, "t0"), (tMult, "tmult"), (lrMin, "lr-min"));
                return new InverseTimeDecay(lr0, decay ?? 0.5);
            case "cosine-restarts" or "sgdr" or "cosine":
                Reject(name, (decay, "decay"), (every, "every"));
                return new CosineRestarts(lr0, t0 ?? 1, tMult ?? 2, lrMin ?? 0);
            default:
                throw new ArgumentException($"unknown schedule '{name}': use one of {string.Join(", ", Names)}", nameof(name));
        }
    }

    private static void Reject(string schedule, params (double? Value, string Name)[] options)
    {
        var given = options.Where(o => o.Value is not null).Select(o => Invariant($"{o.Name} = {o.Value}")).ToArray();
        if (given.Length > 0)
            throw new ArgumentException($"the {schedule} schedule does not take {string.Join(", ", given)}");
    }
}
