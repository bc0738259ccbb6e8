using System.Text;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The directive parser silently drops bare values it cannot bind (<c>#!softmax 1 2 3</c> binds nothing), so
/// the handler re-reads the line from the cell and rejects values that belong to no option.
/// </summary>
public static class StrayValueCheck
{
    public static void Check(MagicCommand command, string? cellCode)
    {
        if (cellCode is null) return;
        var lines = cellCode.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l == "#!" + command.Name || l.StartsWith("#!" + command.Name + " ", StringComparison.Ordinal))
            .ToList();
        if (lines.Count != 1) return; // absent or ambiguous: nothing reliable to check
        var tokens = Tokenize(lines[0]).Skip(1).ToList();
        var options = command.AllOptions.ToDictionary(o => o.Name);
        bool implicitTaken = false;
        bool hasImplicit = command.AllOptions.Any(o => o.Implicit);
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith("--", StringComparison.Ordinal) && options.TryGetValue(token, out var spec))
            {
                if (spec.Implicit) implicitTaken = true;
                if (spec.IsFlag) continue;
                bool valueFollows = i + 1 < tokens.Count && !options.ContainsKey(tokens[i + 1]);
                if (!valueFollows) throw new CommandException($"{token} needs a value");
                i++; // its value
                continue;
            }
            if (hasImplicit && !implicitTaken)
            {
                implicitTaken = true;
                continue;
            }
            throw new CommandException($"unexpected value '{token}': every value after the first needs an option name (see the options below)");
        }
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
