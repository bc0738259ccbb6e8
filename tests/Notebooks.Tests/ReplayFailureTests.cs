using System.Text.Json.Nodes;
using NotebookDL.Extension.Session;
using NotebookDL.Replay;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// The main job's promise when a notebook breaks: it stops at the failing cell and names the notebook and the
/// cell (its number among the code cells and its place in the file), in process and as the command's exit code.
/// </summary>
[Collection("notebook state")]
public sealed class ReplayFailureTests(ITestOutputHelper output) : IDisposable
{
    private const string Broken = """
        #!markdown

        # A broken notebook
        <!-- notebookdl-expect: first cell ran | never shown -->

        #!csharp

        #r "nuget:NotebookDL"

        #!csharp

        Console.WriteLine("first cell ran");

        #!markdown

        The next cell throws.

        #!csharp

        throw new InvalidOperationException("the third code cell broke");

        #!csharp

        Console.WriteLine("never reached");
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("notebookdl-broken-");

    public void Dispose()
    {
        _folder.Delete(recursive: true);
    }

    private string WriteNotebook(string name)
    {
        var path = Path.Combine(_folder.FullName, name + ".ipynb");
        File.WriteAllText(path, NotebookConverter.ToIpynb(Broken));
        return path;
    }

    [Fact]
    public async Task A_throwing_cell_stops_the_run_naming_the_notebook_and_the_cell()
    {
        var notebook = NotebookFile.Read(WriteNotebook("broken-notebook"));
        var result = await new NotebookRunner(TimeSpan.FromSeconds(120), output.WriteLine).RunAsync(notebook);

        Assert.False(result.Succeeded);
        Assert.Equal("broken-notebook", result.Notebook.Name);
        // Cells in the file: 0 markdown, 1 load, 2 code, 3 markdown, 4 the throwing cell, 5 never reached.
        Assert.Equal(4, result.FailedCell);
        Assert.StartsWith("cell 3 (#5 in the file) failed: ", result.Failure);
        Assert.Contains("the third code cell broke", result.Failure);

        var cells = notebook.Cells.OfType<JsonObject>().ToList();
        Assert.Contains("first cell ran", cells[2]["outputs"]!.ToJsonString());
        var error = Assert.Single(cells[4]["outputs"]!.AsArray())!.AsObject();
        Assert.Equal("error", (string?)error["output_type"]);
        Assert.Contains("the third code cell broke", (string?)error["evalue"]);
        Assert.Empty(cells[5]["outputs"]!.AsArray()); // the run stopped at the failure
        Assert.Null(cells[5]["execution_count"]);
    }

    [Fact]
    public async Task The_replay_command_exits_non_zero_naming_the_notebook_file_and_the_cell()
    {
        var path = WriteNotebook("broken-command");
        var outFolder = Path.Combine(_folder.FullName, "out");
        var replay = Path.Combine(AppContext.BaseDirectory, "NotebookDL.Replay.dll");
        Assert.True(File.Exists(replay), $"{replay} is missing: the test project references src/Replay");

        var (code, log) = await Task.Run(() => ExternalTool.Run("dotnet", [replay, path, "--out", outFolder], TimeSpan.FromMinutes(3)));
        output.WriteLine(log);

        Assert.Equal(1, code);
        Assert.Contains($"FAILED: {path}: cell 3 (#5 in the file) failed: ", log);
        Assert.Contains("the third code cell broke", log);
        Assert.Contains("0/1 notebooks ran clean", log);
        // What ran is still written, so the failure can be read in context.
        Assert.True(File.Exists(Path.Combine(outFolder, "broken-command.ipynb")));
        Assert.True(File.Exists(Path.Combine(outFolder, "broken-command.html")));
        Assert.True(File.Exists(Path.Combine(outFolder, "index.html")));
    }
}
