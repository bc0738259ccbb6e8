namespace NotebookDL.Schedules;

/// <summary>
/// The learning-rate schedules the engine knows by name, one line each: what <see cref="Schedule.Parse"/> and
/// the magic commands' <c>--schedule</c> read. Add one with <see cref="Register"/>.
/// </summary>
public static class ScheduleRegistry
{
    private static readonly Registry<ScheduleEntry> s_entries = new("schedule",
    [
        new("constant", "lr0 throughout", (lr0, _) => new Constant(lr0)) { Aliases = ["const"] },
        new("step", "lr0 · decay every `every` epochs (0.5 every 5)", (lr0, o) => new StepDecay(lr0, o.Decay ?? 0.5, o.Every ?? 5)) { Takes = ScheduleOption.Decay | ScheduleOption.Every },
        new("exp", "lr0 · decay^floor(epoch) (0.95)", (lr0, o) => new ExponentialDecay(lr0, o.Decay ?? 0.95)) { Aliases = ["exponential"], Takes = ScheduleOption.Decay },
        new("inv", "lr0 / (1 + decay·epoch) (0.5)", (lr0, o) => new InverseTimeDecay(lr0, o.Decay ?? 0.5)) { Aliases = ["1/t", "inverse-time"], Takes = ScheduleOption.Decay },
        new("cosine-restarts", "cosine from lr0 to lr-min, restarting after t0 epochs, cycles ×tmult (1, 2, 0)", (lr0, o) => new CosineRestarts(lr0, o.T0 ?? 1, o.TMult ?? 2, o.LrMin ?? 0)) { Aliases = ["sgdr", "cosine"], Takes = ScheduleOption.T0 | ScheduleOption.TMult | ScheduleOption.LrMin },
    ]);

    /// <summary>Every schedule, built-in ones first.</summary>
    public static IReadOnlyList<ScheduleEntry> Entries => s_entries.Entries;

    /// <summary>Their names, in order.</summary>
    public static IReadOnlyList<string> Names => s_entries.Names;

    /// <summary>The names as help lists them: "constant, step, ... or cosine-restarts".</summary>
    public static string NameList => s_entries.NameList;

    /// <summary>The schedule named or aliased <paramref name="name"/> (any case), or null.</summary>
    public static ScheduleEntry? Find(string? name) => s_entries.Find(name);

    /// <summary>The schedule named <paramref name="name"/>, or an <see cref="ArgumentException"/> listing the names.</summary>
    public static ScheduleEntry Get(string name) => s_entries.Get(name);

    /// <summary>Adds <paramref name="entry"/>, or replaces one registered earlier under its name; built-in schedules cannot be replaced.</summary>
    public static void Register(ScheduleEntry entry) => s_entries.Register(entry);
}
