namespace NotebookDL.Extension.Commands;

/// <summary>Edits of the command lines the results print, so that each line shown can be copied and run as it is.</summary>
internal static class CommandLines
{
    /// <summary><paramref name="line"/> without the given options and their values (<c>--lr 0.001</c>).</summary>
    public static string Without(string line, params string[] options)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>();
        for (int i = 0; i < tokens.Length; i++)
        {
            if (options.Contains(tokens[i])) { i++; continue; }
            kept.Add(tokens[i]);
        }
        return string.Join(" ", kept);
    }
}
