using System.Globalization;
using System.Text;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// A search as a CSV file a spreadsheet or pandas can open (<c>pd.read_csv(path, comment='#')</c>): a first
/// comment line with the stage's settings, then a header and one row per trial. Each parameter's column names
/// its range (<c>lr [log:1e-06..0.001]</c>) so the file alone rebuilds the search space; numbers are written to
/// round-trip exactly, the cost curve and per-epoch accuracies as <c>;</c>-separated lists, the last column the
/// verdict on each trial's run (<see cref="Diagnosis"/>' name; files written before it had no such column and still
/// read). Networks are not saved.
/// </summary>
public static class SearchCsv
{
    private const string Marker = "# notebookdl search:";

    private static readonly string[] Fixed =
        ["val_acc", "best_val_acc", "train_acc", "initial_cost", "final_cost", "epochs", "seconds", "costs", "val_accs", "message"];

    private const string VerdictColumn = "verdict";

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> (folders created as needed).</summary>
    public static void Save(SearchResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        File.WriteAllText(full, ToCsv(result), new UTF8Encoding(false));
    }

    /// <summary>The CSV text of <paramref name="result"/>.</summary>
    public static string ToCsv(SearchResult result)
    {
        var o = result.Options;
        var sb = new StringBuilder();
        sb.Append(Marker).Append(Invariant(
            $" seed={o.Seed}; stage={o.Stage}; planned={result.Planned}; epochs={(o.Epochs is int e ? e.ToString(CultureInfo.InvariantCulture) : "")}; grid={(o.Grid ? "true" : "false")}; digits={(o.Digits is int g ? g.ToString(CultureInfo.InvariantCulture) : "")}; workers={o.Workers}; stop={result.StopReason}; seconds={R(result.Elapsed.TotalSeconds)}")).Append('\n');
        var header = new List<string> { "trial", "seed", "status" };
        header.AddRange(result.Space.Dimensions.Select(d => $"{d.Name} [{d.ExactRange}]"));
        header.AddRange(Fixed);
        header.Add(VerdictColumn);
        sb.AppendJoin(',', header.Select(Quote)).Append('\n');
        foreach (var t in result.Trials)
        {
            var row = new List<string> { (t.Index + 1).ToString(CultureInfo.InvariantCulture), t.Seed.ToString(CultureInfo.InvariantCulture), t.Status.ToString() };
            row.AddRange(result.Space.Dimensions.Select(d => t.Parameters.TryGetValue(d.Name, out var v) ? Hyperparameter.Text(v) : ""));
            row.AddRange(
            [
                R(t.ValAccuracy), t.BestValAccuracy is double b ? R(b) : "", t.TrainAccuracy is double a ? R(a) : "",
                R(t.InitialCost), R(t.FinalCost), t.Epochs.ToString(CultureInfo.InvariantCulture), R(t.Seconds),
                string.Join(";", t.Costs.Select(R)), string.Join(";", t.ValAccuracies.Select(R)), t.Message.ReplaceLineEndings(" "),
                t.Verdict?.ToString() ?? "",
            ]);
            sb.AppendJoin(',', row.Select(Quote)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reads a file written by <see cref="Save"/>; a malformed file is an error naming the line.</summary>
    public static SearchResult Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no search results at {Path.GetFullPath(path)}", path);
        return FromCsv(File.ReadAllText(path), path);
    }

    /// <summary>Reads the text of <see cref="ToCsv"/>.</summary>
    public static SearchResult FromCsv(string text, string source = "the CSV text")
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0).ToList();
        var settings = new Dictionary<string, string>();
        if (lines.Count > 0 && lines[0].StartsWith(Marker, StringComparison.Ordinal))
        {
            foreach (var part in lines[0][Marker.Length..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (part.Split('=', 2) is [var k, var v]) settings[k.Trim()] = v.Trim();
            lines.RemoveAt(0);
        }
        if (lines.Count == 0) throw new FormatException($"{source} holds no header line: not a search CSV");
        var header = Split(lines[0]);
        int fields = header.Count;
        bool withVerdict = header[^1] == VerdictColumn;
        if (withVerdict) header.RemoveAt(header.Count - 1);
        if (header.Count < 3 + Fixed.Length || header[0] != "trial" || header[1] != "seed" || header[2] != "status" || !header.TakeLast(Fixed.Length).SequenceEqual(Fixed))
            throw new FormatException($"{source}: the header is not a search CSV's (trial, seed, status, parameters, {string.Join(", ", Fixed)})");
        var dimensions = header.Skip(3).Take(header.Count - 3 - Fixed.Length).Select(h =>
        {
            int open = h.IndexOf(" [", StringComparison.Ordinal);
            if (open < 0 || !h.EndsWith(']')) throw new FormatException($"{source}: parameter column '{h}' does not name its range (name [scale:low..high])");
            return Hyperparameter.Parse(h[..open], h[(open + 2)..^1]);
        }).ToList();
        var space = new SearchSpace(dimensions);
        var trials = new List<TrialResult>();
        for (int l = 1; l < lines.Count; l++)
        {
            var f = Split(lines[l]);
            if (f.Count != fields) throw new FormatException($"{source}, line {l + 2}: {f.Count} fields, the header has {fields}");
            try
            {
                int p = 3 + dimensions.Count;
                var parameters = new Configuration(dimensions.Select((d, i) => new KeyValuePair<string, object>(d.Name, d.ParseValue(f[3 + i]))));
                trials.Add(new TrialResult(
                    int.Parse(f[0], CultureInfo.InvariantCulture) - 1, parameters, int.Parse(f[1], CultureInfo.InvariantCulture),
                    Enum.Parse<TrialStatus>(f[2]), D(f[p]), N(f[p + 1]), N(f[p + 2]), D(f[p + 3]), D(f[p + 4]),
                    List(f[p + 7]), List(f[p + 8]), D(f[p + 6]), f[p + 9])
                {
                    Verdict = withVerdict && f[p + 10].Length > 0 ? Enum.Parse<Diagnosis>(f[p + 10]) : null,
                });
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw new FormatException($"{source}, line {l + 2}: {e.Message}", e);
            }
        }
        string S(string key) => settings.TryGetValue(key, out var v) ? v : "";
        var options = new SearchOptions
        {
            Trials = Math.Max(1, int.TryParse(S("planned"), CultureInfo.InvariantCulture, out var planned) ? planned : trials.Count),
            Seed = int.TryParse(S("seed"), CultureInfo.InvariantCulture, out var seed) ? seed : 0,
            Stage = int.TryParse(S("stage"), CultureInfo.InvariantCulture, out var stage) && stage >= 1 ? stage : 1,
            Epochs = int.TryParse(S("epochs"), CultureInfo.InvariantCulture, out var epochs) ? epochs : null,
            Grid = S("grid") == "true",
            Digits = int.TryParse(S("digits"), CultureInfo.InvariantCulture, out var digits) ? digits : null,
            Workers = int.TryParse(S("workers"), CultureInfo.InvariantCulture, out var workers) && workers >= 1 ? workers : 1,
        };
        var stop = Enum.TryParse<StopReason>(S("stop"), out var s) ? s : StopReason.Completed;
        // Back to whole ticks: TimeSpan.FromSeconds can land one tick off the TotalSeconds that was written.
        var elapsed = TimeSpan.FromTicks((long)Math.Round((double.TryParse(S("seconds"), CultureInfo.InvariantCulture, out var secs) ? secs : trials.Sum(t => t.Seconds)) * TimeSpan.TicksPerSecond));
        return new SearchResult(space, options, trials, stop, elapsed, planned: options.Trials);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static double D(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double? N(string s) => s.Length == 0 ? null : D(s);

    private static double[] List(string s) => s.Length == 0 ? [] : s.Split(';').Select(D).ToArray();

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    /// <summary>The fields of one CSV line (RFC 4180 quoting; messages are written on one line).</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
