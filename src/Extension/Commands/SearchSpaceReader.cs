using NotebookDL.Extension.Options;
using NotebookDL.Search;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The <c>#!train</c> options of a <c>#!search</c> line, each either a fixed value (<c>--optimizer adam</c>) or a range
/// (<c>--lr log:1e-6..1e-3</c>), as the engine's <see cref="SearchSpace"/> (one dimension per range, named by the option
/// without its dashes) plus the fixed values; and each sampled configuration back as <see cref="TrainSettings"/>, read
/// by the same declarations <c>#!train</c> uses, so every sampled value gets the same checks and the best trial prints
/// as a <c>#!train</c> line.
/// </summary>
public sealed class SearchSpaceReader
{
    private readonly Dictionary<CommandOption, object?> _fixed;
    private readonly Session.CurrentData _data;

    private SearchSpaceReader(SearchSpace space, Dictionary<CommandOption, object?> fixedValues, Session.CurrentData data)
    {
        Space = space;
        _fixed = fixedValues;
        _data = data;
    }

    /// <summary>The ranges typed, in the order of the <c>#!train</c> options.</summary>
    public SearchSpace Space { get; }

    /// <summary>
    /// The <c>#!train</c> options of <paramref name="values"/> (a <c>#!search</c> line read through <see cref="RangeOption"/>)
    /// but those in <paramref name="searchOwn"/>, which the search sets itself (its seed and budget): those typed, and
    /// those the search declares with a default of its own (its optimizer, momentum) at that default. A trial takes
    /// <paramref name="data"/>'s defaults where neither is given (<see cref="TrainSettings.WithDataDefaults"/>: a fixed
    /// learning rate on the digits is their 0.5).
    /// </summary>
    public static SearchSpaceReader Read(OptionValues values, Session.CurrentData data, params CommandOption[] searchOwn)
    {
        var dimensions = new List<Hyperparameter>();
        var fixedValues = new Dictionary<CommandOption, object?>();
        foreach (var option in TrainingOptionTable.All)
        {
            if (searchOwn.Any(o => o.Name == option.Name)) continue;
            if (!values.Given(option) && Equals(values.Value(option), option.Resolve(option.DefaultValue))) continue;
            if (values.Value(option) is Hyperparameter range) dimensions.Add(range);
            else fixedValues[option] = values.Value(option);
        }
        return new SearchSpaceReader(new SearchSpace(dimensions), fixedValues, data);
    }

    /// <summary>
    /// The <c>#!train</c> settings of one configuration: the fixed values with the configuration's in place of the
    /// ranges, each read by its declaration (so a bad value is the usual clear error).
    /// </summary>
    public TrainSettings SettingsFor(Configuration c)
    {
        var values = TrainSettings.WithDataDefaults(OptionValues.Of(TrainingOptionTable.All, _fixed), _data);
        foreach (var (name, value) in c)
            values = values.WithText(TrainingOptionTable.All.First(o => o.Name == "--" + name), Hyperparameter.Text(value));
        return new TrainSettings(values);
    }

    /// <summary>The options as typed, ranges included: <c>--lr log:1e-6..0.001 --optimizer adam</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        foreach (var option in TrainingOptionTable.All)
        {
            if (Space.Find(option.Name.TrimStart('-')) is { } d) parts.Add($"{option.Name} {d.Range}");
            else if (_fixed.TryGetValue(option, out var value)) parts.Add(option.IsFlag ? option.Name : $"{option.Name} {option.Format(value)}");
        }
        return string.Join(" ", parts);
    }
}
