using NotebookDL.Extension.Commands;
using NotebookDL.Search;

namespace NotebookDL.Extension.Options;

/// <summary>
/// An option of <c>#!search</c>: a <c>#!train</c> option (or one of the search's own) whose typed text may also be a
/// range on a scale (<c>--lr log:1e-6..1e-3</c>) when the option is <see cref="CommandOption.Searchable"/>. A range reads
/// as a <see cref="Hyperparameter"/>; anything else is read by the option it wraps, with the same checks as <c>#!train</c>.
/// </summary>
public sealed class RangeOption : CommandOption
{
    /// <summary>The scales a range may name (the prefix before the colon), as the help lists them.</summary>
    public const string RangeHelp = "log:a..b, one-minus-log:a..b, int:a..b, uniform:a..b, choice:x,y";

    /// <summary>The scales a range may name.</summary>
    public static readonly string[] Scales = ["log", "one-minus-log", "int", "uniform", "choice"];

    private RangeOption(CommandOption inner, Func<string> help) : base(inner.Name, help)
    {
        Inner = inner;
        IsFlag = inner.IsFlag;
        Echo = inner.Echo;
        Searchable = inner.Searchable;
        TakesDataDefault = inner.TakesDataDefault; // a trial takes the data's default (SearchSpaceReader.SettingsFor)
    }

    /// <summary>The option read when the text is not a range.</summary>
    public CommandOption Inner { get; }

    /// <summary><paramref name="inner"/> as <c>#!search</c> takes it: its help says a range is welcome when it is searchable.</summary>
    public static RangeOption Of(CommandOption inner) =>
        new(inner, inner.Searchable ? () => $"{inner.Help}; or a range: {RangeHelp}" : () => inner.Help);

    public override string? DefaultText => Inner.DefaultText;

    public override object? DefaultValue => Inner.DefaultValue;

    public override object? Parse(string text)
    {
        if (!IsRange(text)) return Inner.Parse(text);
        if (!Searchable) throw new CommandException($"{Name} cannot be searched: it is the search's own setting (give one value)");
        try
        {
            return Hyperparameter.Parse(Name.TrimStart('-'), text);
        }
        catch (ArgumentException e)
        {
            throw new CommandException($"--{MagicCommand.UserMessage(e)}");
        }
    }

    public override string Format(object? value) => value is Hyperparameter h ? h.Range : Inner.Format(value);

    public override object? Resolve(object? value) => value is Hyperparameter ? value : Inner.Resolve(value);

    /// <summary>
    /// Whether the text is meant as a range: it starts with a scale and a colon, or looks like one with an unknown
    /// scale (<c>exp:1..2</c>, which <see cref="Hyperparameter.Parse"/> then rejects by name). <c>--init gaussian:0.05</c>
    /// is a fixed value.
    /// </summary>
    public static bool IsRange(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) return false;
        var prefix = text[..colon].Trim().ToLowerInvariant();
        if (Scales.Contains(prefix)) return true;
        return prefix.All(c => char.IsLetter(c) || c == '-') && text.Contains("..", StringComparison.Ordinal);
    }
}
