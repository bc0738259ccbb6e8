namespace NotebookDL.Schedules;

/// <summary>The settings of <see cref="Schedule.Parse"/> a schedule takes; any other given is refused.</summary>
[Flags]
public enum ScheduleOption
{
    None = 0,
    Decay = 1,
    Every = 2,
    T0 = 4,
    TMult = 8,
    LrMin = 16,
}

/// <summary>The settings a schedule is made from; null means the schedule's default.</summary>
/// <param name="Decay">Step: the factor; exp: the factor per epoch; inv: k.</param>
/// <param name="Every">Step: epochs between drops.</param>
/// <param name="T0">Cosine restarts: the first cycle's length in epochs.</param>
/// <param name="TMult">Cosine restarts: the growth of the cycle length.</param>
/// <param name="LrMin">Cosine restarts: the rate at the end of a cycle.</param>
public sealed record ScheduleOptions(double? Decay = null, double? Every = null, double? T0 = null, double? TMult = null, double? LrMin = null);

/// <summary>
/// One learning-rate schedule known by name (<see cref="ScheduleRegistry"/>): the name <c>#!train --schedule</c>
/// uses, a line of help, and how to make it from lr0 and its settings.
/// </summary>
public sealed class ScheduleEntry : IRegistryEntry
{
    /// <param name="name">Lower case, no spaces, commas or colons, e.g. "step".</param>
    /// <param name="description">One short line for help.</param>
    /// <param name="create">The schedule starting at lr0 with these settings.</param>
    public ScheduleEntry(string name, string description, Func<double, ScheduleOptions, ILearningRateSchedule> create)
    {
        Name = name;
        Description = description;
        Create = create ?? throw new ArgumentNullException(nameof(create));
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Makes the schedule from lr0 and the settings.</summary>
    public Func<double, ScheduleOptions, ILearningRateSchedule> Create { get; }

    /// <summary>The settings the schedule takes (default none).</summary>
    public ScheduleOption Takes { get; init; }

    public override string ToString() => $"{Name}: {Description}";
}
