using System.Text.Json.Nodes;
using NotebookDL.Replay;

namespace NotebookDL.Tests.Notebooks;

/// <summary>The committed notebooks: written as .dib, converted to .ipynb, outputs-free, loading the published package.</summary>
public class NotebookSourceTests
{
    public static TheoryData<string> Dibs() => [.. Directory.GetFiles(Repository.Notebooks, "*.dib").Order(StringComparer.Ordinal).Select(p => Path.GetFileName(p)!)];

    [Theory]
    [MemberData(nameof(Dibs))]
    public void Each_ipynb_is_its_dib_converted(string dib)
    {
        var dibPath = Path.Combine(Repository.Notebooks, dib);
        var ipynbPath = Path.ChangeExtension(dibPath, ".ipynb");
        Assert.True(File.Exists(ipynbPath), $"{ipynbPath} is missing: run dotnet run --project src/Replay -- convert notebooks");
        Assert.True(NotebookConverter.ToIpynb(File.ReadAllText(dibPath)) == File.ReadAllText(ipynbPath),
            $"{Path.GetFileName(ipynbPath)} differs from {dib}: run dotnet run --project src/Replay -- convert notebooks");
    }

    [Fact]
    public void Every_notebook_starts_with_the_load_cell_as_a_user_of_the_package_writes_it()
    {
        Assert.NotEmpty(Repository.NotebookFiles);
        foreach (var path in Repository.NotebookFiles)
        {
            var notebook = NotebookFile.Read(path);
            var firstCode = notebook.Cells.OfType<JsonObject>().First(c => (string?)c["cell_type"] == "code");
            Assert.True(NotebookFile.HasTag(firstCode, NotebookFile.LoadCellTag), $"{notebook.Name}: the first code cell is not the load cell");
            Assert.Equal("#r \"nuget:NotebookDL\"", NotebookFile.Source(firstCode).Trim());
        }
    }

    [Fact]
    public void Notebooks_are_committed_without_outputs_machine_paths_or_versions()
    {
        foreach (var path in Repository.NotebookFiles)
        {
            var text = File.ReadAllText(path);
            var notebook = NotebookFile.Read(path);
            foreach (var cell in notebook.Cells.OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "code"))
            {
                Assert.Empty((cell["outputs"] as JsonArray)!);
                Assert.Null(cell["execution_count"]);
            }
            Assert.DoesNotContain("/work/", text);
            Assert.DoesNotContain("/root/", text);
            Assert.DoesNotContain("#i \"nuget:", text);
            Assert.NotEmpty(notebook.Expectations);
        }
    }

    /// <summary>
    /// nbformat 4.5 with a cell id on every cell, as Debian's nbformat validates it with its warnings as errors
    /// (before, every notebook the project wrote gave "MissingIDFieldWarning: Code cell is missing an id field, this
    /// will become a hard error"): the committed notebooks, and one written again by NotebookFile (replay outputs).
    /// </summary>
    [SkippableFact]
    public void The_notebooks_the_project_writes_are_nbformat_4_5_with_cell_ids()
    {
        var python = ExternalTool.Require("/usr/bin/python3", "Debian's python3 with python3-nbformat (apt; jupyter-nbconvert brings it)");
        var rewritten = Path.Combine(Directory.CreateTempSubdirectory("notebookdl-ids-").FullName, "rewritten.ipynb");
        var old = NotebookFile.Read(Repository.NotebookFiles[0]);
        foreach (var cell in old.Cells.OfType<JsonObject>()) cell.Remove("id"); // as a notebook written before ids
        old.Root["nbformat_minor"] = 4;
        old.Write(rewritten);
        var files = Repository.NotebookFiles.Append(rewritten).ToList();
        var (code, output) = ExternalTool.Run(python,
            ["-W", "error", "-c", "import nbformat, sys\nfor f in sys.argv[1:]:\n    nbformat.validate(nbformat.read(f, as_version=4))\nprint('valid')", .. files],
            TimeSpan.FromMinutes(1));
        Assert.True(code == 0 && output.Contains("valid"), output);
        foreach (var file in files)
        {
            var ids = NotebookFile.Read(file).Cells.OfType<JsonObject>().Select(c => (string?)c["id"]).ToList();
            Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }
}
