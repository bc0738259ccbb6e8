namespace NotebookDL.Tests.Extension;

/// <summary>
/// Environment variables a test sets for its own duration (the classroom cap, the cluster's connection, a reader's
/// HOME): each keeps the value it had before, which <see cref="Dispose"/> puts back.
/// </summary>
public sealed class TemporaryEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _before = [];

    /// <summary>A scope with <paramref name="name"/> set to <paramref name="value"/> (null: unset).</summary>
    public static TemporaryEnvironment With(string name, string? value) => new TemporaryEnvironment().Set(name, value);

    /// <summary>Sets <paramref name="name"/> (null: unsets it), remembering its first value in this scope.</summary>
    public TemporaryEnvironment Set(string name, string? value)
    {
        _before.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _before) Environment.SetEnvironmentVariable(name, value);
        _before.Clear();
    }
}
