using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Options;
using NotebookDL.Extension.Session;

namespace NotebookDL.Extension.Commands;

/// <summary>What a running magic command works with: its options, the notebook's session, the cell's output, the kernel's variables.</summary>
public sealed class CommandContext(MagicCommand command, KernelInvocationContext invocation, OptionValues values, NotebookSession session)
{
    /// <summary>The notebook's state: current data, the learner's code, the paused session, the last search.</summary>
    public NotebookSession Session { get; } = session;

    public MagicCommand Command { get; } = command;

    /// <summary>The command's options, each read and checked by its declaration.</summary>
    public OptionValues Values { get; } = values;

    /// <summary>The value of <paramref name="option"/>: as typed, else this command's default.</summary>
    public T Get<T>(Option<T> option) => Values.Get(option);
    public KernelInvocationContext Invocation { get; } = invocation;

    /// <summary>Fired by the kernel's Cancel command (VS Code's stop button).</summary>
    public CancellationToken CancellationToken => Invocation.CancellationToken;

    /// <summary>Shows HTML (with a plain-text twin).</summary>
    public void Show(string html, string text) => Invocation.Display(new HtmlOutput(html, text), HtmlOutput.MimeTypes);

    /// <summary>Shows a chart as HTML and as plotly JSON.</summary>
    public void Show(Chart chart) => Invocation.Display(chart, ChartFormatters.MimeTypes);

    /// <summary>Shows any value with its registered formatters.</summary>
    public void ShowValue(object value) => Invocation.Display(value, "text/html", "text/plain");

    /// <summary>Starts an output that is replaced in place as work progresses.</summary>
    public LiveDisplay Live(string html, string text) => new(Invocation.Display(new HtmlOutput(html, text), HtmlOutput.MimeTypes));

    /// <summary>
    /// Stores <paramref name="value"/> as a C# variable so the next cell can use it, and returns the
    /// sentence that says so. Does nothing (and says so) when no C# kernel is present.
    /// </summary>
    public async Task<string> StoreAsync<T>(string name, T value) where T : notnull
    {
        var csharp = Invocation.HandlingKernel?.RootKernel.FindKernelByName("csharp") as CSharpKernel
                     ?? Kernel.Root?.FindKernelByName("csharp") as CSharpKernel;
        if (csharp is null) return "(no C# kernel: the result was not stored as a variable)";
        if (!typeof(T).IsValueType) Session.StoredResults.AddOrUpdate(value, name);
        // A variable of another type under that name that no command stored is the user's: keep it, take the next free name.
        if (IsUsers(csharp, name, typeof(T)) && DeclaredType(csharp, name) is { } existing)
        {
            var free = Enumerable.Range(2, int.MaxValue - 2).Select(i => $"{name}{i}").First(n => !IsUsers(csharp, n, typeof(T)));
            await csharp.SetValueAsync(free, value, typeof(T));
            ReleaseShadowed(csharp, free);
            return $"a C# variable {name} ({FriendlyName(existing)}) already exists and is kept: stored as C# variable {free} ({FriendlyName(typeof(T))})";
        }
        await csharp.SetValueAsync(name, value, typeof(T));
        ReleaseShadowed(csharp, name);
        return $"stored as C# variable {name} ({FriendlyName(typeof(T))})";
    }

    /// <summary>
    /// Clears the earlier declarations of <paramref name="name"/>: each store declares the variable anew, and the
    /// older declarations — which no cell can name any more — would otherwise keep every earlier result alive (a
    /// re-run <c>#!dataset cifar10</c> grew the heap by 300 MB each time).
    /// </summary>
    private static void ReleaseShadowed(CSharpKernel csharp, string name)
    {
        var declarations = csharp.ScriptState?.Variables.Where(v => v.Name == name).ToList() ?? [];
        foreach (var older in declarations.Take(declarations.Count - 1))
            if (!older.IsReadOnly && !older.Type.IsValueType) older.Value = null;
    }

    /// <summary>
    /// Whether the notebook's latest variable called <paramref name="name"/> is the user's and cannot hold a
    /// <paramref name="type"/>: declared with another type, and not a result a command stored there.
    /// </summary>
    private bool IsUsers(CSharpKernel csharp, string name, Type type)
    {
        var latest = csharp.ScriptState?.Variables.LastOrDefault(v => v.Name == name);
        if (latest is null || latest.Type.IsAssignableFrom(type)) return false;
        return !(latest.Value is { } held && Session.StoredResults.TryGetValue(held, out _));
    }

    /// <summary>The declared type of the notebook's latest variable called <paramref name="name"/>, or null when there is none.</summary>
    private static Type? DeclaredType(CSharpKernel csharp, string name) =>
        csharp.ScriptState?.Variables.LastOrDefault(v => v.Name == name)?.Type;

    private static string FriendlyName(Type t) =>
        t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(FriendlyName))}>" : t.Name;
}
