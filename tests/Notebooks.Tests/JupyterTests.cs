using System.Text.Json.Nodes;
using NotebookDL.Replay;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// The real client: every notebook executed by jupyter nbconvert with the .NET kernel users run (the
/// dotnet-interactive tool), loading NotebookDL from a locally packed folder feed with a unique version, with
/// a NuGet configuration that lists only that feed (so the run proves it needs no internet); then one
/// exported HTML page opened in headless Chromium to see a Plotly chart draw.
/// </summary>
[Collection("jupyter")]
public class JupyterTests(JupyterFixture jupyter, ITestOutputHelper output) : IClassFixture<JupyterFixture>
{
    public static TheoryData<string> Notebooks() => [.. Repository.NotebookFiles.Select(p => Path.GetFileName(p)!)];

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_runs_top_to_bottom_in_jupyter_with_the_dotnet_kernel(string file)
    {
        var session = jupyter.Session;
        var executed = session.Execute(Path.Combine(Repository.Notebooks, file), output.WriteLine);
        var notebook = NotebookFile.Read(executed);
        var errors = notebook.Cells.OfType<JsonObject>()
            .SelectMany(c => c["outputs"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(o => (string?)o["output_type"] == "error" || ((string?)o["name"] == "stderr" && !string.IsNullOrWhiteSpace((string?)o["text"])))
            .Select(o => o.ToJsonString())
            .ToList();
        Assert.True(errors.Count == 0, $"{file}: error outputs:\n{string.Join("\n", errors)}");
        // Each expected number in the outputs of the cells after the note that states it, as the replay checks.
        var (_, missing) = Expectation.Check(notebook);
        Assert.True(missing.Count == 0, $"{file}: {string.Join("; ", missing)}");
        Assert.Contains("NotebookDL " + session.Version + " loaded", string.Join("\n", notebook.Cells.OfType<JsonObject>().Select(Expectation.OutputText)));
    }

    [SkippableFact]
    public void An_exported_html_page_draws_a_plotly_chart_in_headless_chromium()
    {
        var session = jupyter.Session;
        var first = Repository.NotebookFiles[0];
        var executed = session.Execute(first, output.WriteLine);
        var html = session.ExportHtml(executed, output.WriteLine);
        var chromium = ExternalTool.Chromium;
        var profile = Directory.CreateTempSubdirectory("notebookdl-chromium-");
        try
        {
            var (code, dom) = ExternalTool.Run(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", $"--user-data-dir={profile.FullName}",
                "--virtual-time-budget=15000", "--dump-dom", new Uri(html).AbsoluteUri,
            ], TimeSpan.FromSeconds(120));
            Assert.True(code == 0, $"chromium exited with {code}");
            // Plotly draws into an <svg class="main-svg"> inside the chart's div; an undrawn chart has neither.
            // Plotly.newPlot marks the div it drew into with js-plotly-plot and fills it with <svg class="main-svg">.
            int charts = CountOf(dom, "class=\"notebookdl-chart");
            int drawn = CountOf(dom, "class=\"notebookdl-chart js-plotly-plot");
            output.WriteLine($"{Path.GetFileName(html)}: {drawn} of {charts} charts drawn, {CountOf(dom, "class=\"main-svg\"")} plotly svg layers");
            Assert.True(charts > 0, "the page has no NotebookDL chart");
            Assert.Equal(charts, drawn);
            Assert.Contains("class=\"main-svg\"", dom);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Cells an adversarial student writes, through the stock kernel (issue 18, items 1 and 7): endless recursion
    /// used to kill the kernel (every later cell: "kernel died"), lines the directive parser rejects printed its
    /// DNI diagnostics three times and a stray "Microsoft.CodeAnalysis.Diagnostic[]". Each cell's error is now
    /// our own sentence, and the last cell still sees the first cell's variable.
    /// </summary>
    [SkippableFact]
    public void Adversarial_cells_fail_with_our_own_errors_and_the_kernel_keeps_every_variable()
    {
        var session = jupyter.Session;
        string[] cells =
        [
            "var keepMe = 42;",
            "int Down(int n) => Down(n + 1);\nDown(0)",
            "using MathNet.Numerics.LinearAlgebra;\nMatrix<double> Deep(Matrix<double> s) => Deep(s);\nvar deep = Deep;",
            "#!check softmax --impl deep",
            "#!softmax [NaN]",
            "#!train --lrr 0.1",
            "#!train --lr 0.1 --lr 0.2",
            "#!train --as @class",
            "keepMe + 1",
        ];
        var executed = NotebookFile.Read(session.Execute(session.WriteNotebook("adversarial", cells), output.WriteLine, allowErrors: true));
        string Outputs(int cell) => string.Join("\n", (executed.Cells[cell + 1]!["outputs"] as JsonArray ?? []).Select(o => o!.ToJsonString()));
        for (int i = 0; i < cells.Length; i++) output.WriteLine($"[{i}] {cells[i].Replace('\n', ' ')}\n    {Outputs(i)}");

        Assert.Contains("your code recursed without end", Outputs(1));
        Assert.InRange(Outputs(1).Length, 1, 8000); // the first and last frames, not all of them (17 MB before)
        Assert.Contains("your code recursed without end", Outputs(3));
        Assert.Contains("#!softmax: --z [NaN]: NaN and infinity cannot be written in a list", Outputs(4));
        Assert.Contains("#!train: unknown option --lrr (did you mean --lr?)", Outputs(5));
        Assert.Contains("#!train: --lr is given twice", Outputs(6));
        Assert.Contains("#!train: --as @class: a value starting with @", Outputs(7));
        Assert.DoesNotContain("not found in kernel", Outputs(7));
        for (int i = 4; i <= 7; i++)
        {
            Assert.DoesNotContain("DNI", Outputs(i));
            Assert.DoesNotContain("Diagnostic[]", Outputs(i));
        }
        Assert.Contains("43", Outputs(8));
    }

    /// <summary>
    /// #!search --cluster env through the stock kernel (issue 19): the package brings Hangfire and Npgsql, the trials
    /// run on two worker processes, the table names who ran each and no output shows the password.
    /// </summary>
    [SkippableFact]
    public void A_cluster_search_runs_on_workers_through_the_stock_kernel()
    {
        using var cluster = new NotebookDL.Tests.Cluster.ClusterFixture();
        cluster.RequireServer();
        var session = jupyter.Session;
        // The workers run the engine of the package the kernel loads (a worker of another version refuses its trials).
        var worker = NotebookDL.Tests.Cluster.ClusterFixture.BuildWorker(session.Version, Path.Combine(session.Root, "worker"));
        cluster.StartWorker("lab-a", dll: worker);
        cluster.StartWorker("lab-b", dll: worker);
        cluster.WaitForWorkers(2);
        session.Environment[NotebookDL.Cluster.ClusterConnection.EnvironmentVariable] = cluster.ConnectionString;
        try
        {
            var path = session.WriteNotebook("cluster", ["#!dataset spiral", "#!search --trials 4 --epochs 3 --lr log:1e-2..1 --cluster env --as lab", "lab.Result.Trials.Select(t => t.Worker).Distinct().Count()"]);
            var executed = NotebookFile.Read(session.Execute(path, output.WriteLine));
            var text = string.Join("\n", executed.Cells.OfType<JsonObject>().SelectMany(c => c["outputs"] as JsonArray ?? [])
                .Select(o => o!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
            output.WriteLine(text.Length > 3000 ? text[^3000..] : text);
            Assert.Contains(">worker<", text);
            Assert.Contains("on lab-", text);
            Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password!, text);
        }
        finally
        {
            session.Environment.Remove(NotebookDL.Cluster.ClusterConnection.EnvironmentVariable);
        }
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
