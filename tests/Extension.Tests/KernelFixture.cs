using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookDL.Extension;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// An in-process kernel as in dotnet/interactive's extension tests: a CompositeKernel with a C# kernel,
/// NotebookDL loaded, cells submitted as a notebook would.
/// </summary>
public sealed class NotebookKernel : IDisposable
{
    public NotebookKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        Kernel = new CompositeKernel { csharp };
        Kernel.DefaultKernelName = csharp.Name;
        // Cells may use the engine's and the extension's types, as they can after #r "nuget:NotebookDL".
        csharp.AddAssemblyReferences([typeof(NotebookDLKernelExtension).Assembly.Location, typeof(NotebookDL.Reports.Chart).Assembly.Location,
            typeof(NotebookDL.Mode).Assembly.Location, typeof(NotebookDL.Cluster.StudySnapshot).Assembly.Location, typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location]);
        LoadResult = SubmitAsync("#!csharp\n// load").GetAwaiter().GetResult(); // warm up the C# kernel
        var load = new NotebookDLKernelExtension().OnLoadAsync(Kernel);
        load.GetAwaiter().GetResult();
    }

    public CompositeKernel Kernel { get; }

    /// <summary>The notebook's state NotebookDL keeps for this kernel.</summary>
    public NotebookDL.Extension.Session.NotebookSession Session => NotebookDL.Extension.Session.NotebookSession.Of(Kernel);
    public CellResult LoadResult { get; }

    /// <summary>Runs a cell and collects what it showed.</summary>
    public async Task<CellResult> SubmitAsync(string code)
    {
        var result = await Kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode(code));
        return new CellResult(result.Events.ToList());
    }

    /// <summary>
    /// Runs a long cell and cancels it <paramref name="delayMilliseconds"/> after its first output (the work has
    /// begun: a fixed delay from the submission alone could, on a loaded machine, cancel a command still reading
    /// its data, which the kernel then ends before it shows anything), as VS Code's stop button does.
    /// The kernel ends a cancelled cell at once, while the command finishes its mini-batch and updates its display
    /// a moment later (a frontend still shows that update): the events are collected until they stop coming.
    /// </summary>
    public async Task<CellResult> SubmitAndCancelAsync(string code, int delayMilliseconds = 1000)
    {
        var events = new List<KernelEvent>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Kernel.KernelEvents.Subscribe(e =>
        {
            lock (events) events.Add(e);
            if (e is DisplayedValueProduced) started.TrySetResult();
        });
        var running = SubmitAsync(code);
        var first = await Task.WhenAny(started.Task, running, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != started.Task) throw new InvalidOperationException($"'{code}' showed nothing within 30 s or ended before it could be cancelled");
        await Task.Delay(delayMilliseconds);
        await Kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.Cancel());
        await running.WaitAsync(TimeSpan.FromSeconds(20));
        // Until 2 s pass without a new event (at most 15 s): on a loaded machine the final picture (a chart) comes late.
        int seen;
        lock (events) seen = events.Count;
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        for (var total = System.Diagnostics.Stopwatch.StartNew(); quiet.ElapsedMilliseconds < 2000 && total.ElapsedMilliseconds < 15_000;)
        {
            await Task.Delay(100);
            int now;
            lock (events) now = events.Count;
            if (now == seen) continue;
            seen = now;
            quiet.Restart();
        }
        lock (events) return new CellResult([.. events]);
    }

    /// <summary>The value of a C# variable.</summary>
    public T Variable<T>(string name)
    {
        var csharp = (CSharpKernel)Kernel.FindKernelByName("csharp");
        return csharp.TryGetValue<T>(name, out var value) ? value : throw new KeyNotFoundException($"no C# variable {name}");
    }

    /// <summary>
    /// The value of a C# variable a cancelled command stores: the kernel ends a cancelled cell at once, while the
    /// command finishes its mini-batch and stores what it kept a moment later, so wait for it (up to 10 s).
    /// </summary>
    public async Task<T> VariableSoonAsync<T>(string name)
    {
        var csharp = (CSharpKernel)Kernel.FindKernelByName("csharp");
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
            if (csharp.TryGetValue<T>(name, out var value)) return value;
        throw new KeyNotFoundException($"no C# variable {name} 10 s after the cell ended");
    }

    public void Dispose() => Kernel.Dispose();
}

/// <summary>The events of one cell, with the views tests need.</summary>
public sealed record CellResult(IReadOnlyList<KernelEvent> Events)
{
    public CommandFailed? Failure => Events.OfType<CommandFailed>().FirstOrDefault();
    public bool Succeeded => Failure is null;

    /// <summary>Every text/html value displayed or returned, joined.</summary>
    public string Html => string.Join("\n", Formatted("text/html"));

    /// <summary>Every value a live display was updated with, joined.</summary>
    public string Updates => string.Join("", Events.OfType<DisplayedValueUpdated>().SelectMany(e => e.FormattedValues).Select(v => v.Value));

    /// <summary>Every text/plain value, joined.</summary>
    public string Text => string.Join("\n", Formatted("text/plain"));

    public IEnumerable<string> Formatted(string mimeType) =>
        Events.OfType<DisplayEvent>().SelectMany(e => e.FormattedValues).Where(v => v.MimeType == mimeType).Select(v => v.Value);

    public IReadOnlyList<DisplayEvent> Displays => Events.OfType<DisplayEvent>().ToList();

    public string Describe() => Failure is { } f ? $"FAILED: {f.Message}" : Html.Length > 2000 ? Html[..2000] : Html;
}
