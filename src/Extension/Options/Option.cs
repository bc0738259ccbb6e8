using System.Globalization;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Extension.Options;

/// <summary>
/// Makes options of the usual kinds, each with the checks a notebook user needs: every parse error names the
/// option, says what was expected and repeats what was typed.
/// </summary>
public static class Option
{
    /// <summary>A finite number in [min, max].</summary>
    public static Option<double> Number(string name, string help, double @default, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        Number(name, () => help, @default, min, max);

    /// <summary>A finite number in [min, max], with a help read when shown (e.g. from a table of defaults).</summary>
    public static Option<double> Number(string name, Func<string> help, double @default, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        new(name, help, @default, t => ParseNumber(name, t, min, max), NumberText.Exact);

    /// <summary>A finite number in [min, max], or null when not typed.</summary>
    public static Option<double?> OptionalNumber(string name, string help, double min = double.NegativeInfinity, double max = double.PositiveInfinity, string? defaultText = null) =>
        new(name, () => help, null, t => ParseNumber(name, t, min, max), v => v is double d ? NumberText.Exact(d) : "", defaultText);

    /// <summary>A whole number in [min, max].</summary>
    public static Option<int> Whole(string name, string help, int @default, int min = int.MinValue, int max = int.MaxValue) =>
        Whole(name, () => help, @default, min, max);

    /// <summary>A whole number in [min, max], with a help read when shown.</summary>
    public static Option<int> Whole(string name, Func<string> help, int @default, int min = int.MinValue, int max = int.MaxValue) =>
        new(name, help, @default, t => ParseWhole(name, t, min, max), v => v.ToString(CultureInfo.InvariantCulture));

    /// <summary>A whole number in [min, max], or null when not typed.</summary>
    public static Option<int?> OptionalWhole(string name, string help, int min = int.MinValue, int max = int.MaxValue, string? defaultText = null) =>
        new(name, () => help, null, t => ParseWhole(name, t, min, max), v => v?.ToString(CultureInfo.InvariantCulture) ?? "", defaultText);

    /// <summary>A list of whole numbers in [min, max], typed <c>100,50</c> or <c>[100,50]</c>.</summary>
    public static Option<int[]?> Wholes(string name, string help, int[]? @default = null, int min = int.MinValue, int max = int.MaxValue, string? defaultText = null) =>
        new(name, () => help, @default, t => ParseWholes(name, t, min, max), v => v is null ? "" : string.Join(",", v), defaultText);

    /// <summary>A list of numbers, typed as a JSON array <c>[5,2,-1,3]</c> or comma-separated <c>5,2,-1,3</c>.</summary>
    public static Option<double[]?> Numbers(string name, string help, string? defaultText = null) =>
        new(name, () => help, null, t =>
        {
            var items = SplitList(t);
            if (items.Length == 0) throw new CommandException($"{name} needs at least one number, got '{t}'");
            return items.Select(item => ParseNumber(name, item, double.NegativeInfinity, double.PositiveInfinity)).ToArray();
        }, v => v is null ? "" : string.Join(",", v.Select(NumberText.Exact)), defaultText);

    /// <summary>A list of words, typed <c>cat,dog,chick</c>.</summary>
    public static Option<string[]?> Words(string name, string help, string[]? @default = null, string? defaultText = null) =>
        new(name, () => help, @default, t =>
        {
            var items = SplitList(t);
            return items.Length == 0 ? throw new CommandException($"{name} needs at least one value, got '{t}'") : items;
        }, v => v is null ? "" : string.Join(",", v), defaultText);

    /// <summary>
    /// One of <paramref name="choices"/> (read when used, so a registry can grow), case-insensitive, kept in lower case.
    /// The help lists the choices after <paramref name="help"/>.
    /// </summary>
    public static Option<string> Choice(string name, string help, string @default, Func<IReadOnlyList<string>> choices) =>
        new(name, () => $"{help}: {Or(choices())}", @default, t =>
        {
            var value = t.ToLowerInvariant();
            var allowed = choices();
            return allowed.Contains(value) ? value : throw new CommandException($"{name} must be one of {string.Join(", ", allowed)}; got '{t}'");
        }, v => v);

    /// <summary>One of a fixed list of words.</summary>
    public static Option<string> Choice(string name, string help, string @default, params string[] choices) => Choice(name, help, @default, () => choices);

    /// <summary>Text, or null when not typed (checked by the command or the engine).</summary>
    public static Option<string?> Text(string name, string help, string? defaultText = null) =>
        new(name, () => help, null, t => t, v => v ?? "", defaultText);

    /// <summary>A file or folder path, or null when not typed; a leading ~ is the home folder, as in a shell.</summary>
    public static Option<string?> FilePath(string name, string help) =>
        new(name, () => help, null, t => NotebookDL.Data.DataPaths.Expand(t), v => v ?? "");

    /// <summary>Text with a default.</summary>
    public static Option<string> TextWithDefault(string name, string help, string @default) =>
        new(name, () => help, @default, t => t, v => v);

    /// <summary>Text checked by <paramref name="check"/> (e.g. an engine parser), whose <see cref="ArgumentException"/> becomes the option's error.</summary>
    public static Option<string> Checked(string name, string help, string @default, Action<string> check) => Checked(name, () => help, @default, check);

    /// <summary>Text checked by <paramref name="check"/>, with a help read when shown (e.g. from a registry).</summary>
    public static Option<string> Checked(string name, Func<string> help, string @default, Action<string> check) =>
        new(name, help, @default, t =>
        {
            try
            {
                check(t);
            }
            catch (ArgumentException e)
            {
                throw new CommandException($"{name}: {MagicCommand.UserMessage(e)}");
            }
            return t;
        }, v => v);

    /// <summary>A flag: present or not.</summary>
    public static Option<bool> Flag(string name, string help) =>
        new(name, () => help, false, _ => true, v => v ? name : "") { IsFlag = true };

    /// <summary>
    /// A time budget in seconds: the command stops there, keeping what it has. The classroom's cap
    /// (<c>NOTEBOOKDL_MAX_SECONDS</c>) applies to the typed value and to the default alike.
    /// </summary>
    public static Option<double> Seconds(string name, string help, double @default) =>
        new(name, () => help, @default, t => ParseNumber(name, t, 0.1, 86_400), NumberText.Exact,
            resolve: Session.ClassroomLimits.Budget);

    /// <summary>The C# variable a command stores its result in (<c>--as</c>).</summary>
    public static Option<string> VariableName(string help, string @default, string? defaultText = null) =>
        new("--as", () => help, @default, t => IsIdentifier(t) ? t
            : throw new CommandException($"--as must be a C# variable name (letters, digits, _; not starting with a digit), got '{t}'"), v => v, defaultText);

    /// <summary>
    /// The same option with no default (null when not typed), read and written as <paramref name="option"/> is, e.g.
    /// <c>#!sanity-check --lr</c>, which tries several learning rates unless one is given.
    /// </summary>
    public static Option<double?> WithoutDefault(Option<double> option, string help) =>
        new(option.Name, () => help, null, t => (double)option.Parse(t)!, v => v is double d ? option.Format(d) : "")
        {
            Echo = option.Echo, Searchable = option.Searchable,
        };

    /// <summary>Any other kind of value: a parser that throws <see cref="CommandException"/> and its inverse.</summary>
    public static Option<T> Custom<T>(string name, string help, T @default, Func<string, T> parse, Func<T, string> format, string? defaultText = null) =>
        new(name, () => help, @default, parse, format, defaultText);

    /// <summary>Any other kind of value, with a help read when shown (e.g. a list of choices from a registry that can grow).</summary>
    public static Option<T> Custom<T>(string name, Func<string> help, T @default, Func<string, T> parse, Func<T, string> format, string? defaultText = null) =>
        new(name, help, @default, parse, format, defaultText);

    /// <summary>A C# identifier that is not a keyword, up to 100 characters.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && name.Length <= 100 && (char.IsLetter(name[0]) || name[0] == '_') &&
        name.All(c => char.IsLetterOrDigit(c) || c == '_') && !CSharpKeywords.Contains(name);

    internal static double ParseNumber(string name, string text, double min, double max)
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

    internal static int ParseWhole(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new CommandException($"{name} must be a whole number{Range(min, max)}, got '{text}'");
        if (value < min || value > max)
            throw new CommandException($"{name} must be a whole number{Range(min, max)}, got {value}");
        return value;
    }

    internal static int[] ParseWholes(string name, string text, int min, int max)
    {
        var items = SplitList(text);
        if (items.Length == 0) throw new CommandException($"{name} needs at least one whole number, got '{text}'");
        return items.Select(item =>
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new CommandException($"{name} takes whole numbers{Range(min, max)}, got '{item}' in '{text}'");
            return v;
        }).ToArray();
    }

    /// <summary>The items of <c>a,b,c</c>, <c>[a,b,c]</c> or <c>a;b;c</c>, trimmed, quotes removed.</summary>
    internal static string[] SplitList(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']')) t = t[1..^1];
        return t.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim('"', '\''))
            .ToArray();
    }

    /// <summary>"a, b or c".</summary>
    internal static string Or(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];

    private static string Range(double min, double max) =>
        (double.IsNegativeInfinity(min) || min == int.MinValue, double.IsPositiveInfinity(max) || max == int.MaxValue) switch
        {
            (true, true) => "",
            (false, true) => $" ≥ {G6(min)}",
            (true, false) => $" ≤ {G6(max)}",
            _ => $" between {G6(min)} and {G6(max)}",
        };

    private static string G6(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

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
}

/// <summary>How numbers are written back into a command line.</summary>
public static class NumberText
{
    /// <summary>The shortest text that reads back as <paramref name="v"/>, in exponent form below 1e-3 and from 1e6 (1.405e-4).</summary>
    public static string Exact(double v)
    {
        double a = Math.Abs(v);
        if (a == 0 || (a >= 1e-3 && a < 1e6) || !double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture);
        for (int digits = 1; ; digits++)
        {
            var text = v.ToString("E" + (digits - 1), CultureInfo.InvariantCulture);
            if (digits >= 17 || double.Parse(text, CultureInfo.InvariantCulture) == v)
            {
                int e = text.IndexOf('E');
                return text[..e] + "e" + int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
