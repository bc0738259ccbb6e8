using System.Collections;

namespace NotebookDL.Extension.Options;

/// <summary>
/// An option whose value is a <typeparamref name="T"/>: its default, how a typed text becomes a checked value, and how a
/// value is written back. Made by the factories of <see cref="Option"/>; a command that needs another default or a
/// fuller help for the same option uses <see cref="With"/>, which keeps the name, the values it takes and the echo.
/// </summary>
public sealed class Option<T> : CommandOption
{
    private readonly Func<string, T> _parse;
    private readonly Func<T, string> _format;
    private readonly Func<T, T>? _resolve;
    private readonly string? _defaultText;

    internal Option(string name, Func<string> help, T @default, Func<string, T> parse, Func<T, string> format,
        string? defaultText = null, Func<T, T>? resolve = null) : base(name, help)
    {
        Default = @default;
        _parse = parse;
        _format = format;
        _resolve = resolve;
        _defaultText = defaultText;
    }

    /// <summary>The value when the option is not typed.</summary>
    public T Default { get; }

    public override string? DefaultText => _defaultText ?? (IsFlag || Default is null ? null : _format(Default));

    public override object? DefaultValue => Default;

    public override object? Parse(string text) => _parse(text);

    public override string Format(object? value) => value is T t ? _format(t) : "";

    public override object? Resolve(object? value) => _resolve is null || value is not T t ? value : _resolve(t);

    /// <summary>
    /// The same option with a command's own default or help (e.g. <c>#!search</c> runs 5 epochs per trial where
    /// <c>#!train</c> runs 10): the name, the values it takes, the parsing and the echo stay this option's. A default of
    /// the command's own is not replaced by the data set's (<see cref="CommandOption.TakesDataDefault"/>).
    /// </summary>
    public Option<T> With(Optional<T> @default = default, string? help = null, string? defaultText = null, Echo? echo = null) =>
        Copy(help is null ? null : () => help, @default.HasValue ? @default.Value : Default,
            defaultText ?? (@default.HasValue ? null : _defaultText), echo ?? Echo, Searchable, Implicit, TakesDataDefault && !@default.HasValue);

    /// <summary>This option replaced by the current data set's default when not typed (<see cref="CommandOption.TakesDataDefault"/>).</summary>
    public Option<T> DataDefaulted() => Copy(null, Default, _defaultText, Echo, Searchable, Implicit, true);

    /// <summary>This option echoed in the line that reproduces a run (<see cref="Echo.Always"/> unless said), and whether <c>#!search</c> may give it a range.</summary>
    public Option<T> Echoed(Echo echo = Echo.Always, bool searchable = false) => Copy(null, Default, _defaultText, echo, searchable, Implicit, TakesDataDefault);

    /// <summary>This option taking the first bare value of the line (<c>#!softmax [5,2,-1,3]</c>).</summary>
    public Option<T> NameOptional() => Copy(null, Default, _defaultText, Echo, Searchable, true, TakesDataDefault);

    private Option<T> Copy(Func<string>? help, T @default, string? defaultText, Echo echo, bool searchable, bool @implicit, bool takesDataDefault)
    {
        var original = this;
        return new(Name, help ?? (() => original.Help), @default, _parse, _format, defaultText, _resolve)
        {
            IsFlag = IsFlag, Implicit = @implicit, Echo = echo, Searchable = searchable, TakesDataDefault = takesDataDefault,
        };
    }

    /// <summary>Whether two values are the same (lists element by element), for <see cref="Echo.UnlessDefault"/>.</summary>
    internal static bool Same(object? a, object? b) =>
        (a, b) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (string x, string y) => x == y,
            (IEnumerable x, IEnumerable y) => x.Cast<object?>().SequenceEqual(y.Cast<object?>()),
            _ => a.Equals(b),
        };
}

/// <summary>A value that may be left out, so that <c>null</c> can be given as a default on purpose.</summary>
public readonly struct Optional<T>
{
    public Optional(T value)
    {
        Value = value;
        HasValue = true;
    }

    public T Value { get; }
    public bool HasValue { get; }

    public static implicit operator Optional<T>(T value) => new(value);
}
