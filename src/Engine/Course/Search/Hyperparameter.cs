using System.Globalization;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Search;

/// <summary>
/// One searched dimension: a name (as a trial function knows it, e.g. <c>lr</c>), a <see cref="SearchScale"/> and
/// its range, which can be sampled, gridded and zoomed. Values are <see cref="double"/> (uniform, log,
/// one-minus-log), <see cref="int"/> (integer) or <see cref="string"/> (choice). Reversed bounds mean the same
/// range (numpy's <c>uniform(-3, -6)</c> does, and the lecture writes <c>10**uniform(-3, -6)</c>): the range is
/// kept as <see cref="Low"/> ≤ <see cref="High"/>.
/// </summary>
public sealed class Hyperparameter
{
    private static readonly string[] ScaleNames = ["uniform", "int", "log", "one-minus-log", "choice"];
    private readonly string[] _choices;

    private Hyperparameter(string name, SearchScale scale, double low, double high, string[] choices)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a hyperparameter needs a name");
        Name = name.Trim();
        Scale = scale;
        Low = low;
        High = high;
        _choices = choices;
    }

    /// <summary>The name a trial function reads (<c>lr</c>, <c>reg</c>, <c>momentum</c>, <c>hidden</c>...).</summary>
    public string Name { get; }

    public SearchScale Scale { get; }

    /// <summary>The lower bound in value units (NaN for a choice).</summary>
    public double Low { get; }

    /// <summary>The upper bound in value units (NaN for a choice).</summary>
    public double High { get; }

    /// <summary>The values of a choice, in the order given (empty for numeric scales).</summary>
    public IReadOnlyList<string> Choices => _choices;

    /// <summary>Whether values are numbers (every scale but <see cref="SearchScale.Choice"/>).</summary>
    public bool IsNumeric => Scale != SearchScale.Choice;

    /// <summary>Uniform in [a, b] (either order).</summary>
    public static Hyperparameter Uniform(string name, double a, double b) => Numeric(name, SearchScale.Uniform, a, b);

    /// <summary>A whole number uniform in [a, b] (either order), both ends included.</summary>
    public static Hyperparameter Integer(string name, int a, int b) => Numeric(name, SearchScale.Integer, a, b);

    /// <summary>10^r, r uniform in [log10 a, log10 b]; a and b must be positive.</summary>
    public static Hyperparameter Log(string name, double a, double b) => Numeric(name, SearchScale.Log, a, b);

    /// <summary>1 - 10^r, r uniform in [log10(1 - b), log10(1 - a)]; a and b must be in [0, 1).</summary>
    public static Hyperparameter OneMinusLog(string name, double a, double b) => Numeric(name, SearchScale.OneMinusLog, a, b);

    /// <summary>One of <paramref name="choices"/> (at least one, no repeats).</summary>
    public static Hyperparameter Choice(string name, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = choices.Select(c => c?.Trim() ?? "").ToArray();
        if (list.Length == 0) throw new ArgumentException($"{name}: a choice needs at least one value");
        if (list.Any(c => c.Length == 0)) throw new ArgumentException($"{name}: a choice has an empty value in '{string.Join(",", choices)}'");
        var repeated = list.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"{name}: the choice lists '{repeated.Key}' twice");
        return new Hyperparameter(name, SearchScale.Choice, double.NaN, double.NaN, list);
    }

    /// <summary>
    /// Reads a range as the search command writes it: <c>log:1e-6..1e-3</c>, <c>one-minus-log:0.9..0.999</c>,
    /// <c>int:50..100</c>, <c>uniform:0..0.5</c>, <c>choice:relu,tanh</c> (values separated by <c>|</c> instead
    /// when a value holds commas: <c>choice:50|100,50</c>). A bad scale, number or range is an
    /// <see cref="ArgumentException"/> that repeats what was typed.
    /// </summary>
    public static Hyperparameter Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        int colon = t.IndexOf(':');
        if (colon <= 0)
            throw new ArgumentException($"{name}: '{text}' is not a range: write scale:low..high with a scale of {string.Join(", ", ScaleNames)} (e.g. log:1e-6..1e-3), or choice:a,b");
        var scale = t[..colon].Trim().ToLowerInvariant();
        var body = t[(colon + 1)..].Trim();
        if (scale == "choice")
        {
            var values = body.Contains('|') ? body.Split('|') : body.Split(',');
            var trimmed = values.Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            if (trimmed.Length < 2)
                throw new ArgumentException($"{name}: '{text}' offers fewer than two values; a single value is a fixed setting, not a range");
            return Choice(name, trimmed);
        }
        var kind = scale switch
        {
            "uniform" or "linear" => SearchScale.Uniform,
            "int" or "integer" => SearchScale.Integer,
            "log" or "log-uniform" => SearchScale.Log,
            "one-minus-log" or "1-log" => SearchScale.OneMinusLog,
            _ => throw new ArgumentException($"{name}: unknown scale '{t[..colon]}' in '{text}': use {string.Join(", ", ScaleNames)}"),
        };
        int dots = body.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0) throw new ArgumentException($"{name}: '{text}' needs two bounds, {scale}:low..high");
        double a = Number(name, text, body[..dots]), b = Number(name, text, body[(dots + 2)..]);
        if (kind == SearchScale.Integer && (a != Math.Floor(a) || b != Math.Floor(b) || Math.Abs(a) > int.MaxValue || Math.Abs(b) > int.MaxValue))
            throw new ArgumentException($"{name}: '{text}' needs whole-number bounds for the int scale");
        return Numeric(name, kind, a, b, text);
    }

    /// <summary>The sampling coordinate r of a value (see <see cref="SearchScale"/>).</summary>
    public double ToScale(double value) => Scale switch
    {
        SearchScale.Log => Math.Log10(value),
        SearchScale.OneMinusLog => Math.Log10(1 - value),
        _ => value,
    };

    /// <summary>The value at sampling coordinate r.</summary>
    public double FromScale(double r) => Scale switch
    {
        SearchScale.Log => Math.Pow(10, r),
        SearchScale.OneMinusLog => 1 - Math.Pow(10, r),
        _ => r,
    };

    /// <summary>The range of r, lower end first (one-minus-log: [log10(1 - High), log10(1 - Low)]).</summary>
    public (double Lo, double Hi) ScaleRange
    {
        get
        {
            RequireNumeric();
            double a = ToScale(Low), b = ToScale(High);
            return a <= b ? (a, b) : (b, a);
        }
    }

    /// <summary>A random value: r uniform on the range, mapped back (a choice: each value equally likely).</summary>
    public object Sample(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        switch (Scale)
        {
            case SearchScale.Choice:
                return _choices[rng.NextInt(_choices.Length)];
            case SearchScale.Integer:
                return rng.NextInt((int)Low, (int)High + 1);
            default:
                var (lo, hi) = ScaleRange;
                return Clamp(FromScale(lo + (hi - lo) * rng.NextDouble()));
        }
    }

    /// <summary>
    /// <paramref name="points"/> values evenly spaced on the scale, both ends included (one point: the middle);
    /// integers rounded and distinct (so possibly fewer); a choice gives all its values.
    /// </summary>
    public IReadOnlyList<object> Grid(int points)
    {
        if (points < 1) throw new ArgumentOutOfRangeException(nameof(points), $"a grid needs at least one point per axis, got {points}");
        if (Scale == SearchScale.Choice) return [.. _choices];
        var (lo, hi) = ScaleRange;
        var rs = points == 1 ? [(lo + hi) / 2] : Enumerable.Range(0, points).Select(i => lo + (hi - lo) * i / (points - 1));
        if (Scale == SearchScale.Integer)
            return rs.Select(r => (int)Math.Round(r, MidpointRounding.AwayFromZero)).Distinct().Select(v => (object)v).ToList();
        return rs.Select(r => (object)Clamp(FromScale(r))).ToList();
    }

    /// <summary>
    /// Where <paramref name="value"/> lies along the range, 0 at <see cref="Low"/> and 1 at <see cref="High"/>,
    /// measured on the scale (the middle of log:1e-6..1e-2 is 1e-4). A choice: its index / (count - 1).
    /// </summary>
    public double Position(object value)
    {
        if (Scale == SearchScale.Choice)
        {
            int i = Array.FindIndex(_choices, c => string.Equals(c, Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase));
            return _choices.Length == 1 ? 0.5 : (double)i / (_choices.Length - 1);
        }
        double rLow = ToScale(Low), rHigh = ToScale(High), r = ToScale(ToDouble(value));
        return rHigh == rLow ? 0.5 : (r - rLow) / (rHigh - rLow);
    }

    /// <summary>
    /// Coarse to fine: the range narrowed around <paramref name="values"/> (the best trials' values) on the same
    /// scale: from their lowest to their highest r, padded by <paramref name="margin"/> of the current width of r
    /// on each side, and kept inside the current range. A choice keeps the values that occur.
    /// </summary>
    public Hyperparameter Zoom(IEnumerable<object> values, double margin = 0.1)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(margin >= 0 && margin <= 1)) throw new ArgumentOutOfRangeException(nameof(margin), Invariant($"margin must be in [0, 1], got {margin}"));
        var list = values.ToList();
        if (list.Count == 0) throw new ArgumentException($"{Name}: zooming needs at least one value to zoom around");
        if (Scale == SearchScale.Choice)
        {
            var kept = _choices.Where(c => list.Any(v => string.Equals(c, Convert.ToString(v, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))).ToArray();
            return kept.Length == 0 ? this : Choice(Name, kept);
        }
        var (lo, hi) = ScaleRange;
        var rs = list.Select(v => ToScale(ToDouble(v))).ToList();
        double pad = margin * (hi - lo);
        double newLo = Math.Max(lo, rs.Min() - pad), newHi = Math.Min(hi, rs.Max() + pad);
        if (Scale == SearchScale.Integer)
        {
            int a = (int)Math.Floor(newLo), b = (int)Math.Ceiling(newHi);
            if (a == b) (a, b) = b < High ? (a, b + 1) : (a - 1, b); // keep a range of at least two values
            return Integer(Name, a, b);
        }
        if (newHi <= newLo) return this;
        return new Hyperparameter(Name, Scale, Clamp(FromScale(Scale == SearchScale.OneMinusLog ? newHi : newLo)),
            Clamp(FromScale(Scale == SearchScale.OneMinusLog ? newLo : newHi)), []);
    }

    /// <summary>
    /// <paramref name="value"/> rounded to <paramref name="digits"/> significant digits of the quantity the scale
    /// spreads (the value itself; 1 - beta for one-minus-log, so 0.99951234 keeps 0.9995123 rather than 1.000) and
    /// kept inside the range: short values that print, and can be typed back, exactly. Integers and choices are
    /// returned as they are.
    /// </summary>
    public object Round(object value, int digits)
    {
        if (digits < 1 || digits > 15) throw new ArgumentOutOfRangeException(nameof(digits), $"significant digits must be between 1 and 15, got {digits}");
        if (Scale is SearchScale.Choice or SearchScale.Integer) return value;
        double v = ToDouble(value);
        double q = Scale == SearchScale.OneMinusLog ? 1 - v : v;
        if (q == 0 || !double.IsFinite(q)) return v;
        int decimals = digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(q)));
        double rounded = decimals is >= 0 and <= 15
            ? Math.Round(v, decimals, MidpointRounding.AwayFromZero)
            : Scale == SearchScale.OneMinusLog ? v : double.Parse(v.ToString("E" + (digits - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Clamp(rounded);
    }

    /// <summary>A value as the lecture prints it: %e for log scales (1.405206e-04), %f for the others, integers and choices as they are.</summary>
    public string Format(object value) => value switch
    {
        string s => s,
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Scale == SearchScale.Log
            ? ToDouble(value).ToString("0.000000e+00", CultureInfo.InvariantCulture)
            : ToDouble(value).ToString("F6", CultureInfo.InvariantCulture),
    };

    /// <summary>A value as text that reads back exactly (round-trip doubles), for command lines and CSV.</summary>
    public static string Text(object value) => value switch
    {
        double d => Exact(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The shortest text that reads back as <paramref name="v"/>, with a lower-case exponent (2.37e-5, not 2.37E-05).</summary>
    private static string Exact(double v)
    {
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        return e < 0 ? s : s[..e] + "e" + int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a value written by <see cref="Text"/> back into this dimension's type.</summary>
    public object ParseValue(string text)
    {
        var t = text.Trim();
        switch (Scale)
        {
            case SearchScale.Choice:
                return _choices.FirstOrDefault(c => string.Equals(c, t, StringComparison.OrdinalIgnoreCase)) ?? t;
            case SearchScale.Integer:
                return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                    ? i : throw new ArgumentException($"{Name}: '{text}' is not a whole number");
            default:
                return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d : throw new ArgumentException($"{Name}: '{text}' is not a number");
        }
    }

    /// <summary>The range as <see cref="Parse"/> reads it: <c>log:1e-06..0.001</c>.</summary>
    public string Range => Scale switch
    {
        SearchScale.Choice => "choice:" + string.Join(_choices.Any(c => c.Contains(',')) ? "|" : ",", _choices),
        SearchScale.Integer => Invariant($"int:{(int)Low}..{(int)High}"),
        SearchScale.Log => $"log:{Compact(Low)}..{Compact(High)}",
        SearchScale.OneMinusLog => $"one-minus-log:{Compact(Low)}..{Compact(High)}",
        _ => $"uniform:{Compact(Low)}..{Compact(High)}",
    };

    /// <summary>A number in at most 6 significant digits, written as a user types it: 1e-6, 0.001, 1e5.</summary>
    public static string Compact(double v)
    {
        var s = v.ToString("G6", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e < 0) return s;
        var exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
        return s[..e] + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The range written exactly (round-trip bounds), for files.</summary>
    public string ExactRange => Scale switch
    {
        SearchScale.Choice or SearchScale.Integer => Range,
        SearchScale.Log => $"log:{Text(Low)}..{Text(High)}",
        SearchScale.OneMinusLog => $"one-minus-log:{Text(Low)}..{Text(High)}",
        _ => $"uniform:{Text(Low)}..{Text(High)}",
    };

    public override string ToString() => $"{Name} {Range}";

    /// <summary>A numeric value as a double (ints widened).</summary>
    public static double ToDouble(object value) => value switch
    {
        double d => d,
        int i => i,
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"'{value}' is not a number"),
    };

    private static Hyperparameter Numeric(string name, SearchScale scale, double a, double b, string? typed = null)
    {
        var shown = typed ?? Invariant($"{a}..{b}");
        if (!double.IsFinite(a) || !double.IsFinite(b))
            throw new ArgumentException($"{name}: the bounds of '{shown}' must be finite numbers");
        if (a > b) (a, b) = (b, a); // reversed bounds: the same range
        if (a == b)
            throw new ArgumentException($"{name}: the range '{shown}' is empty (both bounds {Compact(a)}): give two different bounds, or a fixed value");
        if (scale == SearchScale.Log && a <= 0)
            throw new ArgumentException($"{name}: the log scale needs positive bounds (log10 of {Compact(a)} is undefined) in '{shown}': e.g. log:1e-6..1");
        if (scale == SearchScale.OneMinusLog && (a < 0 || b >= 1))
            throw new ArgumentException($"{name}: the one-minus-log scale needs bounds in [0, 1) (beta = 1 - 10^r, so 1 itself is never reached) in '{shown}': e.g. one-minus-log:0.9..0.999");
        return new Hyperparameter(name, scale, a, b, []);
    }

    private static double Number(string name, string text, string part) =>
        double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new ArgumentException($"{name}: '{part.Trim()}' in '{text}' is not a number");

    /// <summary>Keeps 10^r inside the bounds despite rounding in pow/log.</summary>
    private double Clamp(double v) => Math.Min(High, Math.Max(Low, v));

    private void RequireNumeric()
    {
        if (Scale == SearchScale.Choice) throw new InvalidOperationException($"{Name} is a choice: it has no numeric range");
    }
}
