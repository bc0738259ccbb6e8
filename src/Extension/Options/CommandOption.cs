using NotebookDL.Extension.Commands;

namespace NotebookDL.Extension.Options;

/// <summary>
/// One option of a magic command, declared once: its name as typed (<c>--lr</c>), what it does, its default, the
/// values it takes, and how it is echoed in the line that reproduces a run. Parsing, <c>--help</c>, the directive's
/// description, the echo line, <c>#!search</c>'s ranges and the README's option tables all read it.
/// </summary>
public abstract class CommandOption
{
    private readonly Func<string> _help;

    protected CommandOption(string name, Func<string> help)
    {
        if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"an option name starts with --, got '{name}'", nameof(name));
        Name = name;
        _help = help;
    }

    /// <summary>The name as typed, e.g. <c>--lr</c>.</summary>
    public string Name { get; }

    /// <summary>What it does, in one line (read when shown: a list of choices may come from a registry).</summary>
    public string Help => _help();

    /// <summary>The default as <c>--help</c> and the README show it, or null when there is none.</summary>
    public abstract string? DefaultText { get; }

    /// <summary>A flag takes no value: present or not.</summary>
    public bool IsFlag { get; init; }

    /// <summary>The first bare value of the line binds to it, e.g. the scores of <c>#!softmax [5,2,-1,3]</c>.</summary>
    public bool Implicit { get; init; }

    /// <summary>When the option appears in the line that reproduces a run.</summary>
    public Echo Echo { get; init; } = Echo.Never;

    /// <summary>Whether <c>#!search</c> may give it a range (<c>--lr log:1e-6..1e-3</c>).</summary>
    public bool Searchable { get; init; }

    /// <summary>
    /// Whether the current data set's default replaces this option's when it is not typed
    /// (<see cref="Commands.TrainSettings.WithDataDefaults"/>): #!train's --lr and --epochs, until a command gives the
    /// option a default of its own.
    /// </summary>
    public bool TakesDataDefault { get; init; }

    /// <summary>The key the directive binds the value to: <c>--max-seconds</c> → <c>maxSeconds</c>.</summary>
    public string Key => KeyOf(Name);

    /// <summary>The value typed as <paramref name="text"/>, checked; a <see cref="CommandException"/> naming the option otherwise.</summary>
    public abstract object? Parse(string text);

    /// <summary>The value when the option is not typed (with any limit applied, e.g. the classroom's time cap).</summary>
    public abstract object? DefaultValue { get; }

    /// <summary>A value as typed back: <c>1e-3</c>, <c>100,50</c>, <c>off</c>.</summary>
    public abstract string Format(object? value);

    /// <summary>The value as used (a limit applied after parsing, e.g. the classroom's time cap); the value itself by default.</summary>
    public virtual object? Resolve(object? value) => value;

    public override string ToString() => Name;

    public static string KeyOf(string name)
    {
        var parts = name.TrimStart('-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "" : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}

/// <summary>When an option appears in the line that reproduces a run.</summary>
public enum Echo
{
    /// <summary>Never: it does not change the result (a time budget, a variable name).</summary>
    Never,

    /// <summary>Always, default or not, so the line says every setting that matters.</summary>
    Always,

    /// <summary>Only when its value differs from the default.</summary>
    UnlessDefault,
}
