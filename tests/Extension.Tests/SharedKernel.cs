namespace NotebookDL.Tests.Extension;

/// <summary>One kernel per test class (a kernel and its first submission take a couple of seconds).</summary>
public sealed class SharedKernel : IDisposable
{
    public NotebookKernel Kernel { get; } = new();
    public void Dispose() => Kernel.Dispose();
}
