using System.Globalization;
using System.Text.Json.Nodes;
using NotebookDL.Replay;
using NotebookDL.Tests.Notebooks;

namespace NotebookDL.Benchmarks;

/// <summary>
/// (5) What a notebook user waits for in the kernel they run: the stock dotnet-interactive tool under Jupyter
/// (nbconvert), loading NotebookDL freshly packed into a folder feed (the Jupyter tests' <see cref="JupyterSession"/>).
/// Each run is one kernel executing the load cell, then <c>#!softmax [5,2,-1,3]</c> a few times, cell after cell as
/// "Run all" sends them; the times are the kernel's own message stamps that nbclient records per cell
/// (<c>metadata.execution</c>).
/// </summary>
internal static class KernelLatency
{
    private const string Softmax = "#!softmax [5,2,-1,3]";
    private const int SoftmaxCells = 4;

    /// <param name="FirstLoadSeconds">The load cell of the first run, which restores the new package from the feed.</param>
    /// <param name="LoadSeconds">The load cell with the package already restored (best of the later runs).</param>
    /// <param name="FirstSoftmaxSeconds">From the load cell's reply to the first #!softmax's reply, chart included (best run).</param>
    /// <param name="WarmSoftmaxMs">A later #!softmax, busy to reply (best cell).</param>
    /// <param name="Runs">How many kernels ran the notebook.</param>
    public sealed record Figures(double FirstLoadSeconds, double LoadSeconds, double FirstSoftmaxSeconds, double WarmSoftmaxMs, int Runs);

    /// <summary>The figures over <paramref name="runs"/> kernels (at least 2); throws <see cref="MissingToolException"/> without Jupyter or the tool.</summary>
    public static Figures Measure(int runs, Action<string> progress)
    {
        runs = Math.Max(2, runs);
        progress("  packing NotebookDL into a folder feed ...");
        using var session = JupyterSession.Create();
        var notebook = session.WriteNotebook("latency", [.. Enumerable.Repeat(Softmax, SoftmaxCells)]);
        var loads = new List<double>();
        var firsts = new List<double>();
        var warm = new List<double>();
        for (int run = 1; run <= runs; run++)
        {
            var cells = NotebookFile.Read(session.Execute(notebook, _ => { })).Cells.OfType<JsonObject>().ToList();
            Check(cells);
            double load = Seconds(cells[0], "iopub.status.busy", cells[0], "shell.execute_reply");
            double first = Seconds(cells[0], "shell.execute_reply", cells[1], "shell.execute_reply");
            var later = cells.Skip(2).Select(c => Seconds(c, "iopub.status.busy", c, "shell.execute_reply")).ToList();
            loads.Add(load);
            firsts.Add(first);
            warm.AddRange(later);
            progress($"  kernel run {run}: load cell {load:F2} s, first #!softmax after it {first:F2} s, later ones {string.Join(", ", later.Select(s => $"{s * 1e3:F0}"))} ms");
        }
        return new Figures(loads[0], loads.Skip(1).Min(), firsts.Min(), warm.Min() * 1e3, runs);
    }

    /// <summary>Every cell ran without an error output and every #!softmax drew its chart.</summary>
    private static void Check(IReadOnlyList<JsonObject> cells)
    {
        if (cells.Count != SoftmaxCells + 1) throw new InvalidOperationException($"the executed notebook has {cells.Count} cells, expected {SoftmaxCells + 1}");
        for (int i = 0; i < cells.Count; i++)
        {
            var outputs = (cells[i]["outputs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (outputs.FirstOrDefault(o => (string?)o["output_type"] == "error") is { } error)
                throw new InvalidOperationException($"cell {i} failed: {error.ToJsonString()}");
            if (i > 0 && !outputs.Any(o => o.ToJsonString().Contains("notebookdl-chart", StringComparison.Ordinal)))
                throw new InvalidOperationException($"cell {i} ({Softmax}) shows no chart");
        }
    }

    /// <summary>Seconds between two of the kernel's message stamps nbclient kept in the cells' metadata.</summary>
    private static double Seconds(JsonObject fromCell, string from, JsonObject toCell, string to) =>
        (Stamp(toCell, to) - Stamp(fromCell, from)).TotalSeconds;

    private static DateTimeOffset Stamp(JsonObject cell, string key) =>
        cell["metadata"]?["execution"]?[key] is JsonValue v && DateTimeOffset.TryParse((string?)v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp)
            ? stamp
            : throw new InvalidOperationException($"the executed notebook has no {key} time for a cell (nbclient's record_timing)");
}
