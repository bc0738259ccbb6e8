using System.Collections;
using System.Globalization;

namespace NotebookDL.Search;

/// <summary>
/// One point of a search space: a value per hyperparameter name, in the space's order. Values are
/// <see cref="double"/>, <see cref="int"/> or <see cref="string"/> (see <see cref="Hyperparameter"/>). A trial
/// function reads them by name and applies them on top of its fixed settings.
/// </summary>
public sealed class Configuration : IReadOnlyDictionary<string, object>
{
    private readonly KeyValuePair<string, object>[] _items;
    private readonly Dictionary<string, object> _byName;

    public Configuration(IEnumerable<KeyValuePair<string, object>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
        _byName = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _items)
        {
            ArgumentNullException.ThrowIfNull(value, name);
            if (value is not (double or int or string))
                throw new ArgumentException($"{name}: a value must be a double, an int or a string, got {value.GetType().Name}");
            if (!_byName.TryAdd(name, value)) throw new ArgumentException($"the configuration names {name} twice");
        }
    }

    /// <summary>A configuration with no values (a search with fixed settings only).</summary>
    public static Configuration Empty { get; } = new([]);

    public object this[string key] => _byName.TryGetValue(key, out var v) ? v
        : throw new KeyNotFoundException($"the configuration has no '{key}'; it has {string.Join(", ", Keys)}");

    /// <summary>A numeric value (an int widened to double).</summary>
    public double Number(string name) => Hyperparameter.ToDouble(this[name]);

    /// <summary>A whole-number value (a double rounded to the nearest whole number).</summary>
    public int Integer(string name) => this[name] switch
    {
        int i => i,
        double d => (int)Math.Round(d),
        var v => int.Parse(Convert.ToString(v, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
    };

    /// <summary>The value as text (round-trip for doubles).</summary>
    public string Text(string name) => Hyperparameter.Text(this[name]);

    public IEnumerable<string> Keys => _items.Select(i => i.Key);
    public IEnumerable<object> Values => _items.Select(i => i.Value);
    public int Count => _items.Length;
    public bool ContainsKey(string key) => _byName.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) => _byName.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same names and values in the same order (bit-identical doubles).</summary>
    public bool SameAs(Configuration other) =>
        other.Count == Count && _items.Zip(other._items).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value));

    /// <summary><c>lr=1.405e-4, reg=0.4794</c>: doubles to 4 significant digits, for reading (<see cref="Text"/> is exact).</summary>
    public override string ToString() => string.Join(", ", _items.Select(i => $"{i.Key}={Display(i.Value)}"));

    private static string Display(object value) => value is double d && double.IsFinite(d)
        ? Hyperparameter.Compact(double.Parse(d.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        : Hyperparameter.Text(value);
}
