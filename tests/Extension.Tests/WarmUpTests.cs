using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using NotebookDL.Extension;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// The background warm-up the load starts (what the first command would otherwise wait for: the first Plotly.NET
/// figure, Roslyn's first compilation). How much it saves is the benchmark's to show (kernel first softmax after
/// load); these check that it happens and cannot harm the notebook.
/// </summary>
[Collection("notebook state")]
public class WarmUpTests(SharedKernel shared) : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel = shared.Kernel;

    [Fact]
    public async Task Loading_starts_the_warm_up_which_finishes_without_a_failure_with_plotly_loaded_in_the_chart_context()
    {
        var started = WarmUp.Started;
        Assert.NotNull(started); // the fixture's kernel loaded the extension
        await started.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(started.IsCompletedSuccessfully);
        Assert.Empty(WarmUp.Failures);
        WarmUp.StartCharts(); // once per process: a second load does not warm up again
        WarmUp.StartCompiler();
        Assert.Same(started, WarmUp.Started);

        // Plotly.NET, its FSharp.Core 10.1 and Newtonsoft.Json (which writes the figure) sit in the chart context only.
        var charts = Assert.Single(AssemblyLoadContext.All, c => c.Name == "NotebookDL.Charts");
        var loaded = charts.Assemblies.Select(a => a.GetName().Name).ToHashSet();
        Assert.Superset(new HashSet<string?> { "NotebookDL.Charts", "Plotly.NET", "FSharp.Core", "Newtonsoft.Json" }, loaded);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Plotly.NET");
    }

    [Fact]
    public async Task Commands_sent_while_warming_up_succeed_and_show_their_charts()
    {
        // The first command may arrive while the warm-up runs: here two more warm-ups run alongside #!softmax and #!train.
        var warming = new[] { Task.Run(WarmUp.Run), Task.Run(WarmUp.Run) };
        var softmax = _kernel.SubmitAsync("#!softmax [5,2,-1,3] --as warmSoftmax");
        var train = _kernel.SubmitAsync("#!train --epochs 2 --batch 100 --as warmTrain");
        var cells = await Task.WhenAll(softmax, train);
        await Task.WhenAll(warming);

        foreach (var cell in cells)
        {
            Assert.True(cell.Succeeded, cell.Describe());
            Assert.Contains("Plotly.newPlot", cell.Html);
            Assert.DoesNotContain("could not be drawn", cell.Html);
        }
        Assert.Contains("0.842", cells[0].Html);
        Assert.Equal(0.842, _kernel.Variable<NotebookDL.Losses.SoftmaxSteps>("warmSoftmax").A[0], 3);
        Assert.Empty(WarmUp.Failures);
    }

    [Fact]
    public void Warming_up_shows_nothing_and_declares_no_variable_in_the_notebook()
    {
        using var kernel = new NotebookKernel();
        var events = new List<KernelEvent>();
        using var subscription = kernel.Kernel.KernelEvents.Subscribe(e => { lock (events) events.Add(e); });

        WarmUp.Run(); // it compiles "SoftmaxSteps softmax = default;", in a script of its own

        lock (events) Assert.Empty(events);
        var csharp = (CSharpKernel)kernel.Kernel.FindKernelByName("csharp");
        Assert.False(csharp.TryGetValue<object>("softmax", out _));
        Assert.Empty(WarmUp.Failures);
    }
}
