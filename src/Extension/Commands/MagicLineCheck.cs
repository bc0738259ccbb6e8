using System.Text;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// Reads a magic command's line from the cell as the user wrote it, for what the kernel's directive parser gets
/// wrong: it silently drops bare values it cannot bind (<c>#!softmax 1 2 3</c> binds nothing), and it rejects an
/// unknown or repeated option, a list that is not JSON (<c>[NaN]</c>) or a value starting with <c>@</c> with its
/// own DNI diagnostics (see <see cref="KernelDiagnosticsMiddleware"/>). Each becomes one clear sentence.
/// </summary>
public static class MagicLineCheck
{
    /// <summary>Throws a <see cref="CommandException"/> for the first problem of <paramref name="command"/>'s line in <paramref name="cellCode"/>.</summary>
    public static void Check(MagicCommand command, string? cellCode)
    {
        if (Problem(command, cellCode) is { } problem) throw new CommandException(problem);
    }

    /// <summary>What is wrong with <paramref name="command"/>'s line in <paramref name="cellCode"/>, or null (also when the line is absent or there are several).</summary>
    public static string? Problem(MagicCommand command, string? cellCode)
    {
        if (cellCode is null) return null;
        var lines = cellCode.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l == "#!" + command.Name || l.StartsWith("#!" + command.Name + " ", StringComparison.Ordinal))
            .ToList();
        if (lines.Count != 1) return null; // absent or ambiguous: nothing reliable to check
        var tokens = Tokenize(lines[0]).Skip(1).ToList();
        var options = command.AllOptions.ToDictionary(o => o.Name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool implicitTaken = false;
        bool hasImplicit = command.AllOptions.Any(o => o.Implicit);
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith("--", StringComparison.Ordinal) && options.TryGetValue(token, out var spec))
            {
                if (!seen.Add(token)) return $"{token} is given twice: give each option once";
                if (spec.Implicit) implicitTaken = true;
                if (spec.IsFlag) continue;
                bool valueFollows = i + 1 < tokens.Count && !options.ContainsKey(tokens[i + 1]);
                if (!valueFollows) return $"{token} needs a value";
                if (ValueProblem(token, tokens[++i]) is { } bad) return bad;
                continue;
            }
            if (token.StartsWith('-') && token.Length > 1 && !double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _))
                return $"unknown option {token}{Closest(token, options.Keys)}";
            if (hasImplicit && !implicitTaken)
            {
                implicitTaken = true;
                if (ValueProblem(command.AllOptions.First(o => o.Implicit).Name, token) is { } bad) return bad;
                continue;
            }
            return $"unexpected value '{token}': every value after the first needs an option name (see the options below)";
        }
        return null;
    }

    /// <summary>Values the kernel's parser cannot take: a list that is not JSON, a name starting with @.</summary>
    private static string? ValueProblem(string option, string value)
    {
        if (value.StartsWith('@'))
            return $"{option} {value}: a value starting with @ asks the kernel for a shared variable or an input; write the value itself (names are letters, digits and _)";
        if (value.StartsWith('[') || value.StartsWith('{'))
        {
            try
            {
                using var _ = System.Text.Json.JsonDocument.Parse(value);
            }
            catch (System.Text.Json.JsonException)
            {
                return value.Contains("nan", StringComparison.OrdinalIgnoreCase) || value.Contains("inf", StringComparison.OrdinalIgnoreCase)
                    ? $"{option} {value}: NaN and infinity cannot be written in a list; write finite numbers (a very large one such as 1e308 shows the same overflow)"
                    : $"{option} {value} is not a list of numbers like [1, 2.5, -3]";
            }
        }
        return null;
    }

    /// <summary>" (did you mean --x?)" for the option nearest by edit distance, or the empty string.</summary>
    private static string Closest(string token, IEnumerable<string> names)
    {
        var best = names.Select(n => (Name: n, Distance: EditDistance(token, n))).OrderBy(p => p.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, token.Length / 3) ? $" (did you mean {best.Name}?)" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>Splits on spaces outside quotes and brackets.</summary>
    internal static IEnumerable<string> Tokenize(string line)
    {
        var current = new StringBuilder();
        int depth = 0;
        char quote = '\0';
        foreach (var c in line)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0'; else current.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '[' or '{':
                    depth++;
                    current.Append(c);
                    break;
                case ']' or '}':
                    depth--;
                    current.Append(c);
                    break;
                case ' ' or '\t' when depth <= 0:
                    if (current.Length > 0) { yield return current.ToString(); current.Clear(); }
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }
        if (current.Length > 0) yield return current.ToString();
    }
}
