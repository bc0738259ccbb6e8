namespace NotebookDL.Extension.Live;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler at once on the reporting thread. <see cref="Progress{T}"/>
/// posts to the thread pool instead, so a live display could be updated after the command has shown its last
/// picture, or out of order.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
