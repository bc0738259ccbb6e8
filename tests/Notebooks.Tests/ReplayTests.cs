using NotebookDL.Extension.Session;
using NotebookDL.Replay;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>The main job's engine: every notebook runs top to bottom in an in-process kernel and shows its numbers.</summary>
[Collection("notebook state")] // one replay at a time: each loads the machine fully
public class ReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => [.. Repository.NotebookFiles.Select(p => Path.GetFileName(p)!)];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task The_notebook_replays_in_process_and_shows_its_key_numbers(string file)
    {
        var notebook = NotebookFile.Read(Path.Combine(Repository.Notebooks, file));
        var result = await new NotebookRunner(TimeSpan.FromSeconds(300), output.WriteLine).RunAsync(notebook);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(notebook.Expectations.Count, result.Found.Count);
        // The charts were built in this host too (the chart folder beside the runner), not replaced by an error.
        var executed = notebook.Root.ToJsonString();
        Assert.Contains("Plotly.newPlot", executed);
        Assert.DoesNotContain("could not be drawn", executed);
        // The course's own solutions are the learner's own code and return in time (chapter 11's checks).
        Assert.DoesNotContain("a grader would give it no points", executed);
        Assert.DoesNotContain("did not return within", executed);
        output.WriteLine($"{notebook.Name}: {result.Elapsed.TotalSeconds:F1} s, shows {string.Join(", ", result.Found)}");
    }
}
