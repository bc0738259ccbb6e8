using System.Globalization;
using System.Text.Json;
using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// Reads a magic command's option values with the checks a notebook user needs: every parse error names
/// the option, says what was expected and repeats what was typed.
/// </summary>
public sealed class OptionReader
{
    private readonly Dictionary<string, JsonElement> _values;
    private readonly IReadOnlyDictionary<string, CommandOption> _specs;

    public OptionReader(IReadOnlyDictionary<string, JsonElement>? values, IEnumerable<CommandOption> specs)
    {
        _values = new Dictionary<string, JsonElement>(values ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        _specs = specs.ToDictionary(s => s.Name);
    }

    /// <summary>True when the command has this option at all (shared readers serve commands with fewer options).</summary>
    public bool Declares(string name) => _specs.ContainsKey(name);

    /// <summary>True when the option was typed (flags: when set).</summary>
    public bool Has(string name)
    {
        if (!_values.TryGetValue(Spec(name).Key, out var v)) return false;
        return v.ValueKind switch
        {
            JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => v.GetString() is { Length: > 0 },
            _ => true,
        };
    }

    /// <summary>A flag: present or not.</summary>
    public bool Flag(string name) => _values.TryGetValue(Spec(name).Key, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>The raw text of an option, or null when it was not typed.</summary>
    public string? Text(string name)
    {
        if (!_values.TryGetValue(Spec(name).Key, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s.Trim() : null,
            JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => null,
            JsonValueKind.True => throw new CommandException($"{name} needs a value"),
            _ => v.GetRawText(),
        };
    }

    /// <summary>The option's text, or an error saying it is required.</summary>
    public string Required(string name, string what) =>
        Text(name) ?? throw new CommandException($"{name} is required: {what}");

    /// <summary>An integer in [min, max].</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Text(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new CommandException($"{name} must be a whole number{Range(min, max)}, got '{text}'");
        if (value < min || value > max)
            throw new CommandException($"{name} must be a whole number{Range(min, max)}, got {value}");
        return value;
    }

    /// <summary>A finite number in [min, max].</summary>
    public double Double(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var text = Text(name);
        return text is null ? fallback : ParseDouble(name, text, min, max);
    }

    /// <summary>A finite number in [min, max], or null when not typed.</summary>
    public double? OptionalDouble(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var text = Text(name);
        return text is null ? null : ParseDouble(name, text, min, max);
    }

    /// <summary>A list of numbers, typed as a JSON array <c>[5,2,-1,3]</c> or comma-separated <c>5,2,-1,3</c>.</summary>
    public double[]? Doubles(string name)
    {
        var text = Text(name);
        if (text is null) return null;
        var items = SplitList(text);
        if (items.Length == 0) throw new CommandException($"{name} needs at least one number, got '{text}'");
        return items.Select(item => ParseDouble(name, item, double.NegativeInfinity, double.PositiveInfinity)).ToArray();
    }

    /// <summary>A list of whole numbers in [min, max] (<c>100,50</c>).</summary>
    public int[]? Ints(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Text(name);
        if (text is null) return null;
        var items = SplitList(text);
        if (items.Length == 0) throw new CommandException($"{name} needs at least one whole number, got '{text}'");
        return items.Select(item =>
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new CommandException($"{name} takes whole numbers{Range(min, max)}, got '{item}' in '{text}'");
            return v;
        }).ToArray();
    }

    /// <summary>A list of words (<c>cat,dog,chick</c>).</summary>
    public string[]? Words(string name)
    {
        var text = Text(name);
        if (text is null) return null;
        var items = SplitList(text);
        if (items.Length == 0) throw new CommandException($"{name} needs at least one value, got '{text}'");
        return items;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned in lower case.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var text = Text(name);
        if (text is null) return fallback;
        var value = text.ToLowerInvariant();
        if (!allowed.Contains(value))
            throw new CommandException($"{name} must be one of {string.Join(", ", allowed)}; got '{text}'");
        return value;
    }

    /// <summary>The variable name given with <c>--as</c>, or <paramref name="fallback"/>; must be a C# identifier.</summary>
    public string VariableName(string fallback)
    {
        var name = Text("--as") ?? fallback;
        if (!IsIdentifier(name))
            throw new CommandException($"--as must be a C# variable name (letters, digits, _; not starting with a digit), got '{name}'");
        return name;
    }

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && name.Length <= 100 && (char.IsLetter(name[0]) || name[0] == '_') &&
        name.All(c => char.IsLetterOrDigit(c) || c == '_') && !CSharpKeywords.Contains(name);

    private static readonly HashSet<string> CSharpKeywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    private CommandOption Spec(string name) =>
        _specs.TryGetValue(name, out var spec) ? spec : throw new InvalidOperationException($"option {name} is not declared");

    private static double ParseDouble(string name, string text, double min, double max)
    {
        var t = text.Trim();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new CommandException($"{name} must be a number{Range(min, max)}, got '{text}'");
        if (!double.IsFinite(value))
            throw new CommandException($"{name} must be a finite number, got '{text}'");
        if (value < min || value > max)
            throw new CommandException($"{name} must be a number{Range(min, max)}, got {text}");
        return value;
    }

    private static string[] SplitList(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']')) t = t[1..^1];
        return t.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim('"', '\''))
            .ToArray();
    }

    private static string Range(double min, double max) =>
        (double.IsNegativeInfinity(min) || min == int.MinValue, double.IsPositiveInfinity(max) || max == int.MaxValue) switch
        {
            (true, true) => "",
            (false, true) => $" ≥ {Format(min)}",
            (true, false) => $" ≤ {Format(max)}",
            _ => $" between {Format(min)} and {Format(max)}",
        };

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
