using System.Text.Json;
using NotebookDL.Search;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// Reads the <c>#!train</c> options of <c>#!search</c>, each either a fixed value (<c>--optimizer adam</c>) or a
/// range (<c>--lr log:1e-6..1e-3</c>), into the engine's <see cref="SearchSpace"/> (one dimension per range, named
/// by the option without its dashes) plus the fixed text of the others; and maps each sampled configuration back
/// onto <see cref="TrainSettings"/> through the same parser <c>#!train</c> uses, so every sampled value gets the
/// same checks and the best trial prints as a <c>#!train</c> line.
/// </summary>
public sealed class SearchSpaceReader
{
    /// <summary>The scales a range may name (the prefix before the colon).</summary>
    public static readonly string[] Scales = ["log", "one-minus-log", "int", "uniform", "choice"];

    /// <summary>Options that cannot be searched: the search's own seed and budget, and a flag.</summary>
    private static readonly HashSet<string> Unsearchable = ["--seed", "--max-seconds", "--batchnorm"];

    private readonly Dictionary<string, string> _fixed;
    private readonly bool _batchNorm;

    private SearchSpaceReader(SearchSpace space, Dictionary<string, string> fixedTexts, bool batchNorm)
    {
        Space = space;
        _fixed = fixedTexts;
        _batchNorm = batchNorm;
    }

    /// <summary>The ranges typed, in the order of the <c>#!train</c> options.</summary>
    public SearchSpace Space { get; }

    /// <summary>The fixed options as typed (option name → text), e.g. <c>--optimizer</c> → <c>adam</c>.</summary>
    public IReadOnlyDictionary<string, string> Fixed => _fixed;

    /// <summary>Whether <c>--batchnorm</c> was set.</summary>
    public bool BatchNorm => _batchNorm;

    /// <summary>
    /// Reads every <c>#!train</c> option of <paramref name="r"/>; <paramref name="overrides"/> replaces the typed text
    /// of some (e.g. <c>--epochs</c> handled by the search itself). A range with an unknown scale or bad bounds is a
    /// <see cref="CommandException"/> naming the option.
    /// </summary>
    public static SearchSpaceReader Read(OptionReader r, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var dimensions = new List<Hyperparameter>();
        var fixedTexts = new Dictionary<string, string>();
        foreach (var spec in TrainSettings.Specs())
        {
            if (spec.Flag) continue;
            string? text = overrides is not null && overrides.TryGetValue(spec.Name, out var o) ? o : r.Text(spec.Name);
            if (text is null) continue;
            if (IsRange(text))
            {
                if (Unsearchable.Contains(spec.Name))
                    throw new CommandException($"{spec.Name} cannot be searched: it is the search's own setting (give one value)");
                try
                {
                    dimensions.Add(Hyperparameter.Parse(spec.Name.TrimStart('-'), text));
                }
                catch (ArgumentException e)
                {
                    throw new CommandException($"--{e.Message}");
                }
            }
            else fixedTexts[spec.Name] = text;
        }
        return new SearchSpaceReader(new SearchSpace(dimensions), fixedTexts, r.Flag("--batchnorm"));
    }

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

    /// <summary>
    /// The <c>#!train</c> settings of one configuration: the fixed options with the configuration's values in
    /// place of the ranges, read by <see cref="TrainSettings.Read"/> (so a bad value is the usual clear error).
    /// </summary>
    public TrainSettings SettingsFor(Configuration c)
    {
        var values = new Dictionary<string, JsonElement>();
        foreach (var (name, text) in _fixed) values[OptionSpec.KeyOf(name)] = JsonSerializer.SerializeToElement(text);
        if (_batchNorm) values[OptionSpec.KeyOf("--batchnorm")] = JsonSerializer.SerializeToElement(true);
        foreach (var (name, value) in c) values[OptionSpec.KeyOf("--" + name)] = JsonSerializer.SerializeToElement(Hyperparameter.Text(value));
        return TrainSettings.Read(new OptionReader(values, TrainSettings.Specs()));
    }

    /// <summary>The options as typed, ranges included: <c>--lr log:1e-6..0.001 --optimizer adam</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        foreach (var spec in TrainSettings.Specs())
        {
            if (Space.Find(spec.Name.TrimStart('-')) is { } d) parts.Add($"{spec.Name} {d.Range}");
            else if (_fixed.TryGetValue(spec.Name, out var text)) parts.Add($"{spec.Name} {text}");
        }
        if (_batchNorm) parts.Add("--batchnorm");
        return string.Join(" ", parts);
    }
}
