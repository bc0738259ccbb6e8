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
/// Two stages, each on a thread of its own: the charts from the start of the load, the compilation once the load's own
/// work is done (<see cref="StartCharts"/>, <see cref="StartCompiler"/>).
/// It cannot harm the notebook: it runs without the load cell's invocation context (so nothing it does can reach a
/// cell's output), touches no kernel and no notebook state, and keeps each step's failure in
/// <see cref="Failures"/> instead of throwing. A command that arrives meanwhile runs alongside it: the chart context
/// is created once behind a lock (<see cref="ChartHost"/>), figures share no mutable state, and the warm-up compiles
/// a script of its own, never the kernel's.
/// </para>
/// </summary>
public static class WarmUp
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentQueue<string> FailureLog = new();
    private static Task? _charts;
    private static Task? _all;

    /// <summary>The charts, in the order the first commands need them.</summary>
    private static readonly (string Name, Action Run)[] ChartSteps =
    [
        ("#!softmax's table and chart", SoftmaxTableAndChart),
        ("a line chart (#!train's curves)", LineChart),
    ];

    private static readonly (string Name, Action Run)[] CompilerSteps =
    [
        ("a result stored as a C# variable", StoredVariable),
    ];

    /// <summary>The whole warm-up the first load in this process started (both stages), or null before.</summary>
    public static Task? Started
    {
        get { lock (Gate) return _all; }
    }

    /// <summary>"step: message" for each step that failed (then the first command simply pays as before).</summary>
    public static IReadOnlyCollection<string> Failures => FailureLog;

    /// <summary>
    /// Stage 1, first thing in the load: the charts, on a thread of their own, while the load cell keeps the other core.
    /// Once per process; returns at once.
    /// </summary>
    public static void StartCharts()
    {
        lock (Gate) _charts ??= Launch(ChartSteps);
    }

    /// <summary>
    /// Stage 2, once the load's own work is done (so that two warm-up threads never compete with it on a 2-core
    /// machine): Roslyn's first compilation, alongside the charts. Once per process; returns at once.
    /// </summary>
    public static void StartCompiler()
    {
        lock (Gate) _all ??= Task.WhenAll(_charts ?? Task.CompletedTask, Launch(CompilerSteps));
    }

    /// <summary>Runs every step on the calling thread; a step that fails is logged in <see cref="Failures"/> and the next one runs.</summary>
    public static void Run()
    {
        RunSteps(ChartSteps);
        RunSteps(CompilerSteps);
    }

    /// <summary>
    /// The steps on a thread of their own (they hold it for up to a second: a thread-pool thread would be missed by
    /// the kernel), without the caller's execution context: the load cell's KernelInvocationContext (an AsyncLocal)
    /// must not flow into work that outlives the cell. The task never faults.
    /// </summary>
    private static Task Launch((string Name, Action Run)[] steps)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Factory.StartNew(() => RunSteps(steps), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static void RunSteps((string Name, Action Run)[] steps)
    {
        foreach (var (name, step) in steps)
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
        var steps = Softmax.Steps(SoftmaxCommand.CourseScores); // what a bare #!softmax shows
        var labels = SoftmaxCommand.CourseScores.Select((_, i) => $"class {i}").ToArray();
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
