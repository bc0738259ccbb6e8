namespace NotebookDL.Extension.Commands;

/// <summary>
/// A problem with what the user typed (a bad option value, missing data): shown as the cell's error with
/// this message only, no stack trace, and the kernel carries on.
/// </summary>
public sealed class CommandException(string message) : Exception(message);
