using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Formatters;
using NotebookDL.Losses;

namespace NotebookDL.Extension;

/// <summary>
/// What the first command after <c>#r "nuget:NotebookDL"</c> would otherwise pay for on the learner's clock, done once
/// per process in the background from the extension's load. Measured through the stock kernel, the first
/// <c>#!softmax</c> took 1.4–1.8 s and later ones 30 ms: about 1 s for the first Plotly.NET figure (the chart load
/// context, FSharp.Core, Plotly.NET and Newtonsoft.Json loaded and compiled) and 0.4–0.6 s for Roslyn's first
/// compilation (storing the result as a C# variable compiles a declaration); <c>#!train</c> and a C# cell pay the same.
/// <para>
/// It cannot harm the notebook: it runs on a thread of its own without the load cell's invocation context (so nothing
/// it does can reach a cell's output), touches no kernel and no notebook state, and keeps each step's failure in
/// <see cref="Failures"/> instead of throwing. A command that arrives meanwhile runs alongside it: the chart context
/// is created once behind a lock (<see cref="ChartHost"/>), figures share no mutable state, and the warm-up compiles
/// a script of its own, never the kernel's.
/// </para>
/// </summary>
public static class WarmUp
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentQueue<string> FailureLog = new();
    private static Task? _started;

    /// <summary>The steps, in the order the first commands need them.</summary>
    private static readonly (string Name, Action Run)[] Steps =
    [
        ("#!softmax's table and chart", SoftmaxTableAndChart),
        ("a result stored as a C# variable", StoredVariable),
        ("a line chart (#!train's curves)", LineChart),
    ];

    /// <summary>The warm-up the first load in this process started, or null before any load.</summary>
    public static Task? Started
    {
        get { lock (Gate) return _started; }
    }

    /// <summary>"step: message" for each step that failed (then the first command simply pays as before).</summary>
    public static IReadOnlyCollection<string> Failures => FailureLog;

    /// <summary>
    /// Starts the warm-up on a background thread, once per process (later calls return the same task); returns at
    /// once. The task never faults.
    /// </summary>
    public static Task Start()
    {
        lock (Gate)
        {
            if (_started is not null) return _started;
            // Without the caller's execution context: the load cell's KernelInvocationContext (an AsyncLocal) must not
            // flow into work that outlives the cell.
            using (ExecutionContext.SuppressFlow())
                _started = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return _started;
        }
    }

    /// <summary>Runs every step on the calling thread; a step that fails is logged in <see cref="Failures"/> and the next one runs.</summary>
    public static void Run()
    {
        foreach (var (name, step) in Steps)
        {
            try
            {
                step();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                FailureLog.Enqueue($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private static void SoftmaxTableAndChart()
    {
        var steps = Softmax.Steps([5, 2, -1, 3]);
        string[] labels = ["class 0", "class 1", "class 2", "class 3"];
        _ = SoftmaxFormatter.Html(steps, labels) + SoftmaxFormatter.Text(steps, labels);
        Draw(Chart.From(SoftmaxCommand.Figure(steps, labels)));
    }

    private static void LineChart() => Draw(Plot.Line([2.3, 1.2, 0.7, 0.5]));

    /// <summary>Both forms a chart is shown in; a chart that could not be built is a failure of the step.</summary>
    private static void Draw(Chart chart)
    {
        if (chart.Error is { } error) throw new InvalidOperationException(error);
        _ = chart.ToHtml() + chart.ToPlotlyJson();
    }

    /// <summary>
    /// Compiles, emits and runs the declaration the C# kernel compiles when a command stores its result
    /// (<c>CSharpKernel.SetValueAsync</c> runs <c>T name = default;</c>), in a script of its own with the kernel's options.
    /// </summary>
    private static void StoredVariable()
    {
        var options = ScriptOptions.Default.WithLanguageVersion(LanguageVersion.Latest)
            .AddImports("System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq")
            .AddReferences(typeof(Enumerable).Assembly, typeof(SoftmaxSteps).Assembly);
        var state = CSharpScript.RunAsync($"{typeof(SoftmaxSteps).FullName} softmax = default;", options).GetAwaiter().GetResult();
        if (state.Exception is { } e) throw e;
    }
}
