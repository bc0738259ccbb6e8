namespace NotebookDL.Extension.Options;

/// <summary>Options that several commands take besides <c>#!train</c>'s, each declared once.</summary>
public static class SharedOptions
{
    /// <summary>How many runs go at once, each on one core; results never depend on it.</summary>
    public static readonly Option<int> Parallel = Option.Whole("--parallel", "runs at once, each on one core (results do not depend on it)",
        Environment.ProcessorCount, 1, 64).With(defaultText: "all cores");

    /// <summary>The C# variable holding a paused training session (<c>#!step</c>, <c>#!continue</c>, <c>#!reset</c>).</summary>
    public static readonly Option<string?> Session = Option.Text("--session", "the C# variable holding the session", defaultText: "the last #!train --paused");

    /// <summary>How many examples go to the test part (<c>#!dataset</c>; <c>#!mismatch</c>'s demonstration).</summary>
    public static readonly Option<int?> Test = Option.OptionalWhole("--test", "examples in the test part", 0);

    /// <summary>The C# variables holding <c>#!train</c> results a command reads (<c>#!errors</c>, <c>#!boundary</c>); the name is optional.</summary>
    public static readonly Option<string[]?> Run = Option.Words("--run", "the C# variables holding #!train results, comma-separated", ["run"]).NameOptional();

    /// <summary>The learner's code a command checks or plugs in: a C# variable or a layer class of the notebook (<c>#!check</c>, <c>#!use</c>).</summary>
    public static readonly Option<string?> Impl = Option.Text("--impl", "the C# variable or layer class holding your code");

    /// <summary>
    /// How long the learner's code may run in a check before the check gives up on it (<c>#!check</c>, <c>#!use</c>): an
    /// endless loop ends the check, not the notebook. It does not change a result that comes in time, so it is not echoed.
    /// </summary>
    public static readonly Option<double> Timeout = Option.Number("--timeout",
        "seconds your code may run before the check gives up on it (an endless loop shows as a timed-out case)", Exercise.DefaultTimeoutSeconds, 0.1, 3600);
}
