using NotebookDL.Cluster;
using NotebookDL.Data;
using NotebookDL.Extension.Session;
using NotebookDL.Tests.Cluster;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// README.md as a test (issue 17: examples failed when copied — notes in brackets on the line, a literal ~, an
/// index that was not among the sampled errors): every magic line and C# block of the README runs in a kernel as a
/// reader would run it, each block from a fresh session on the built-in digits unless its note says otherwise
/// (<see cref="ReadmeBlock"/>), and the numbers the README states next to a block must be in its outputs. The
/// reader's world is set up as the README describes it: real data under <c>NOTEBOOKDL_DATA</c>, CIFAR-10 at
/// <c>~/data/cifar-10-batches-bin</c>, <c>iris.csv</c> in the working folder. Blocks without stated numbers run
/// under a classroom cap of a few seconds (a 100-trial search shows what it finished).
/// </summary>
[Collection("notebook state")]
public sealed class ReadmeExampleTests(ITestOutputHelper output, ClusterFixture cluster) : IClassFixture<ClusterFixture>, IDisposable
{
    private const string Cap = "3";
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("notebookdl-readme-home-");
    private readonly TemporaryEnvironment _environment = new();

    public void Dispose()
    {
        _environment.Dispose();
        _home.Delete(recursive: true);
    }

    private static IReadOnlyList<ReadmeBlock> Blocks() => ReadmeBlock.Read(File.ReadAllText(RepositoryFiles.PathOf("README.md")));

    [SkippableFact]
    public async Task Every_notebook_block_of_the_readme_runs_and_shows_the_numbers_the_readme_states()
    {
        var data = Path.GetDirectoryName(SharedData.Require("cifar10"))!;
        Directory.CreateDirectory(Path.Combine(_home.FullName, "data"));
        Directory.CreateSymbolicLink(Path.Combine(_home.FullName, "data", "cifar-10-batches-bin"), Path.Combine(data, "cifar10"));
        _environment.Set("HOME", _home.FullName).Set(DataPaths.EnvironmentVariable, data);
        var iris = Path.Combine(Environment.CurrentDirectory, "iris.csv");
        File.Copy(Path.Combine(data, "sklearn", "iris.csv"), iris, overwrite: true);
        bool clusterUp = StartCluster();

        using var kernel = new NotebookKernel();
        var failures = new List<string>();
        int ran = 0;
        foreach (var block in Blocks().Where(b => b.IsNotebookCode))
        {
            if (block.NoteValue("skip") is { } why)
            {
                output.WriteLine($"{block}: skipped ({why})");
                continue;
            }
            if (block.Has("cluster") && !clusterUp)
            {
                output.WriteLine($"{block}: skipped (no test PostgreSQL: eval \"$(.ci/postgres start)\")");
                continue;
            }
            if (!block.Has("continues")) kernel.Session.Reset();
            if (block.NoteValue("setup") is { } notebook)
                foreach (var cell in RepositoryFiles.CSharpCells(notebook).Where(c => !c.Contains("#r \"nuget:NotebookDL", StringComparison.Ordinal)))
                    if (await kernel.SubmitAsync(cell) is { Succeeded: false } setup) failures.Add($"{block}: setup {notebook}: {setup.Describe()}");
            // A block whose numbers the README states runs in full; the others under the classroom cap.
            _environment.Set(ClassroomLimits.MaxSecondsVariable, block.Expected.Count > 0 ? null : Cap);
            var shown = new System.Text.StringBuilder();
            foreach (var cell in block.Cells)
            {
                var result = await kernel.SubmitAsync(cell);
                ran++;
                output.WriteLine($"{block}: {FirstLine(cell)}: {(result.Succeeded ? "ok" : result.Describe())}");
                if (!result.Succeeded) failures.Add($"{block}: {FirstLine(cell)}\n    {result.Failure!.Message}");
                shown.Append(result.Html).Append(result.Text);
            }
            foreach (var expected in block.Expected.Where(e => !shown.ToString().Contains(e, StringComparison.Ordinal)))
                failures.Add($"{block}: the README says '{expected}', the outputs do not show it");
        }
        File.Delete(iris);
        output.WriteLine($"{ran} cells run");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(ran > 30, $"only {ran} cells ran: did the README lose its examples?");
    }

    [Fact]
    public void A_stated_number_is_in_the_readme_text_and_every_skip_says_why()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var prose = System.Text.RegularExpressions.Regex.Replace(readme, "<!--.*?-->", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        foreach (var block in Blocks())
        {
            foreach (var expected in block.Expected)
                Assert.True(prose.Contains(expected, StringComparison.Ordinal), $"{block}: expects '{expected}', which the README's text does not state");
            if (block.Note?.Contains("skip", StringComparison.Ordinal) == true)
                Assert.True(block.NoteValue("skip") is { Length: > 10 }, $"{block}: a skip must say why (skip: ...)");
            if (!block.IsNotebookCode || block.NoteValue("skip") is not null) continue;
            Assert.False(block.Code.Split('\n').Any(l => l.Split("//")[0].Contains("...", StringComparison.Ordinal)), $"{block}: '...' in code is a placeholder, which does not run");
        }
    }

    /// <summary>The paths of the repository a shell block names (src/..., tests/..., tools/..., samples/..., .ci/...) exist.</summary>
    [Fact]
    public void Every_repository_path_a_shell_block_names_exists()
    {
        var root = RepositoryFiles.Root;
        foreach (var block in Blocks().Where(b => b.Language == "sh"))
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(block.Code, @"(?<![\w/~.-])(?:src|tests|tools|samples|notebooks|\.ci)/[\w./-]*[\w]"))
                Assert.True(File.Exists(Path.Combine(root, m.Value)) || Directory.Exists(Path.Combine(root, m.Value)), $"{block}: {m.Value} does not exist");
    }

    /// <summary>Two workers on the test PostgreSQL and NOTEBOOKDL_CLUSTER pointing at it, for the blocks of the search on a lab's machines.</summary>
    private bool StartCluster()
    {
        if (Environment.GetEnvironmentVariable(ClusterFixture.Variable) is not { Length: > 0 })
        {
            if (SharedData.InCi) throw new InvalidOperationException($"CI=true requires {ClusterFixture.Variable} (.ci/postgres start)");
            return false;
        }
        cluster.StartWorker("readme-1");
        cluster.StartWorker("readme-2");
        cluster.WaitForWorkers(2);
        _environment.Set(ClusterConnection.EnvironmentVariable, cluster.ConnectionString);
        return true;
    }

    private static string FirstLine(string cell) => cell.Split('\n')[0];
}
