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
}
