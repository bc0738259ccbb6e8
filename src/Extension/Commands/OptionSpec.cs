namespace NotebookDL.Extension.Commands;

/// <summary>
/// One option of a magic command: its name as typed (<c>--lr</c>), what it does, its default as shown in
/// the help, whether it is a flag (no value), and whether it may be given without its name (the first bare
/// value, e.g. the scores in <c>#!softmax [5,2,-1,3]</c>).
/// </summary>
public sealed record OptionSpec(string Name, string Description, string? Default = null, bool Flag = false, bool Implicit = false)
{
    /// <summary>The key System.Text.Json binds the value to: <c>--max-seconds</c> → <c>maxSeconds</c>.</summary>
    public string Key => KeyOf(Name);

    public static string KeyOf(string name)
    {
        var parts = name.TrimStart('-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "" : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
