using System.Text.Json;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Extension.Options;

/// <summary>
/// The options of one command line, each read and checked by its declaration: typed values, defaults for the rest.
/// Immutable; <see cref="With{T}"/> makes a copy with one value replaced (a search trial's sampled learning rate).
/// </summary>
public sealed class OptionValues
{
    private readonly IReadOnlyList<CommandOption> _options;
    private readonly Dictionary<string, object?> _typed; // option name -> parsed value, for the options given

    private OptionValues(IReadOnlyList<CommandOption> options, Dictionary<string, object?> typed)
    {
        _options = options;
        _typed = typed;
    }

    /// <summary>The options these values are of, in their declared order.</summary>
    public IReadOnlyList<CommandOption> Options => _options;

    /// <summary>Every option typed on the line, read by its declaration (a bad value is a <see cref="CommandException"/> naming it).</summary>
    public static OptionValues Read(IReadOnlyDictionary<string, JsonElement>? raw, IReadOnlyList<CommandOption> options)
    {
        var typed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (raw is null || !raw.TryGetValue(option.Key, out var element)) continue;
            if (option.IsFlag)
            {
                if (element.ValueKind == JsonValueKind.True) typed[option.Name] = true;
                continue;
            }
            if (RawText(option, element) is { } text) typed[option.Name] = option.Parse(text);
        }
        return new OptionValues(options, typed);
    }

    /// <summary>Values given as texts by option name (<c>--lr</c> → <c>3e-4</c>; a flag's text is ignored), each read by its declaration.</summary>
    public static OptionValues FromTexts(IReadOnlyList<CommandOption> options, IEnumerable<KeyValuePair<string, string>> texts)
    {
        var byName = options.ToDictionary(o => o.Name);
        var typed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, text) in texts)
        {
            var option = byName.TryGetValue(name, out var o) ? o : throw new ArgumentException($"option {name} is not one of these options");
            typed[name] = option.IsFlag ? true : option.Parse(text);
        }
        return new OptionValues(options, typed);
    }

    /// <summary>The value: as typed, else the default this command declares for it (the option's own when the command does not take it).</summary>
    public T Get<T>(Option<T> option)
    {
        var declared = Declared(option);
        var value = _typed.TryGetValue(option.Name, out var v) ? v : declared.DefaultValue;
        return (T)declared.Resolve(value)!;
    }

    /// <summary>The value as read, whatever its type (a <c>#!search</c> option may hold a range): as typed, else the default.</summary>
    public object? Value(CommandOption option)
    {
        var declared = Declared(option);
        return declared.Resolve(_typed.TryGetValue(option.Name, out var v) ? v : declared.DefaultValue);
    }

    /// <summary>Whether the option was typed (a flag: whether it was set).</summary>
    public bool Given(CommandOption option) => _typed.ContainsKey(Declared(option).Name);

    /// <summary>The options that were typed, in declared order.</summary>
    public IEnumerable<CommandOption> GivenOptions => _options.Where(o => _typed.ContainsKey(o.Name));

    /// <summary>A copy with <paramref name="option"/> set to <paramref name="value"/>, as if typed.</summary>
    public OptionValues With<T>(Option<T> option, T value) => new(_options, new Dictionary<string, object?>(_typed) { [Declared(option).Name] = value });

    /// <summary>A copy with <paramref name="option"/> read from <paramref name="text"/> by its declaration, as if typed.</summary>
    public OptionValues WithText(CommandOption option, string text)
    {
        var declared = Declared(option);
        return new(_options, new Dictionary<string, object?>(_typed) { [declared.Name] = declared.IsFlag ? true : declared.Parse(text) });
    }

    /// <summary>Values of <paramref name="options"/> already read (e.g. a search's fixed settings), by option.</summary>
    public static OptionValues Of(IReadOnlyList<CommandOption> options, IEnumerable<KeyValuePair<CommandOption, object?>> values) =>
        new(options, values.ToDictionary(p => p.Key.Name, p => p.Value, StringComparer.Ordinal));

    /// <summary>A copy with <paramref name="option"/> as if not typed (its default again).</summary>
    public OptionValues Without(CommandOption option)
    {
        var typed = new Dictionary<string, object?>(_typed);
        typed.Remove(Declared(option).Name);
        return new OptionValues(_options, typed);
    }

    /// <summary>
    /// The line that reproduces these values: <paramref name="command"/> and every option that says it is echoed (each
    /// <see cref="Echo.Always"/> option; each <see cref="Echo.UnlessDefault"/> one whose value is not its default), in
    /// declared order.
    /// </summary>
    public string Echo(string command) => Echo(command, _options);

    /// <summary>
    /// The line that gives <paramref name="options"/> these values, each echoed by its own rule (e.g. <c>#!train</c>'s
    /// options of an <c>#!lr-find</c> line, whose learning rate the test sweeps but a <c>#!train</c> line needs).
    /// </summary>
    public string Echo(string command, IEnumerable<CommandOption> options)
    {
        var parts = new List<string>();
        if (command.Length > 0) parts.Add(command);
        foreach (var option in options)
        {
            if (option.Echo == NotebookDL.Extension.Options.Echo.Never) continue;
            var declared = Declared(option);
            var value = declared.Resolve(_typed.TryGetValue(option.Name, out var v) ? v : declared.DefaultValue);
            if (option.Echo == NotebookDL.Extension.Options.Echo.UnlessDefault && Option<object>.Same(value, option.DefaultValue)) continue;
            if (option.IsFlag)
            {
                if (value is true) parts.Add(option.Name);
                continue;
            }
            var text = option.Format(value);
            if (text.Length > 0) parts.Add($"{option.Name} {Quote(text)}");
        }
        return string.Join(" ", parts);
    }

    private static string Quote(string text) => text.Contains(' ') ? $"\"{text}\"" : text;

    /// <summary>The command's own declaration of the option (its default may be the command's), else the option itself.</summary>
    private CommandOption Declared(CommandOption option) => _options.FirstOrDefault(o => o.Name == option.Name) ?? option;

    /// <summary>The text typed for an option, or null when it was left empty.</summary>
    private static string? RawText(CommandOption option, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() is { Length: > 0 } s && s.Trim().Length > 0 ? s.Trim() : null,
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => null,
        JsonValueKind.True => throw new CommandException($"{option.Name} needs a value"),
        _ => v.GetRawText(),
    };
}
