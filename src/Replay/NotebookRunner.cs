using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookDL.Extension;

namespace NotebookDL.Replay;

/// <summary>
/// Executes a notebook's code cells, top to bottom, in a fresh in-process .NET Interactive kernel (a C#
/// kernel in a composite kernel, as the Jupyter and VS Code kernels have), with NotebookDL loaded directly in
/// place of the notebook's load cell, and fills in the outputs.
/// </summary>
public sealed class NotebookRunner(TimeSpan cellTimeout, Action<string> log)
{
    /// <summary>
    /// What the load cell runs instead of <c>#r "nuget:NotebookDL"</c>: the same extension entry point the
    /// kernel would call, so its outputs (plotly.js, the banner) land in the cell.
    /// </summary>
    public const string InProcessLoad = "await new NotebookDL.Extension.NotebookDLKernelExtension().OnLoadAsync(Microsoft.DotNet.Interactive.Kernel.Root);";

    public async Task<NotebookResult> RunAsync(NotebookFile notebook)
    {
        var clock = Stopwatch.StartNew();
        using var kernel = CreateKernel();
        int executionCount = 0, codeCells = 0;
        var cells = notebook.Cells.OfType<JsonObject>().ToList();
        int totalCode = cells.Count(c => (string?)c["cell_type"] == "code");
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if ((string?)cell["cell_type"] != "code") continue;
            codeCells++;
            var source = NotebookFile.HasTag(cell, NotebookFile.LoadCellTag) ? InProcessLoad : NotebookFile.Source(cell);
            var outputs = new CellOutputs();
            executionCount++;
            var cellClock = Stopwatch.StartNew();
            log($"  cell {codeCells}/{totalCode} (#{i + 1}) {FirstLine(NotebookFile.Source(cell))}");
            if (source.Trim().Length > 0)
            {
                var submit = new SubmitCode(source, NotebookFile.KernelName(cell));
                var running = kernel.SendAsync(submit);
                var finished = await Task.WhenAny(running, Task.Delay(cellTimeout));
                if (finished != running)
                {
                    await kernel.SendAsync(new Cancel());
                    return Fail(notebook, i, codeCells, $"cell did not finish within {cellTimeout.TotalSeconds:F0} s", clock);
                }
                foreach (var e in (await running).Events) outputs.Add(e, executionCount);
            }
            cell["outputs"] = new JsonArray(outputs.Outputs.Select(o => (JsonNode)o).ToArray());
            cell["execution_count"] = executionCount;
            log($"    {cellClock.Elapsed.TotalSeconds:F1} s, {outputs.Outputs.Count} outputs{(outputs.Failure is null ? "" : ", FAILED")}");
            if (outputs.Failure is not null)
                return Fail(notebook, i, codeCells, outputs.Failure, clock);
        }

        var (found, missing) = Expectation.Check(notebook);
        return new NotebookResult(notebook, clock.Elapsed, missing.Count == 0 ? null : $"expected: {string.Join("; ", missing)}",
            null, found.Select(e => e.Text).ToList());
    }

    private static NotebookResult Fail(NotebookFile notebook, int cellIndex, int codeCell, string message, Stopwatch clock) =>
        new(notebook, clock.Elapsed, $"cell {codeCell} (#{cellIndex + 1} in the file) failed: {message}", cellIndex, []);

    private static string FirstLine(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 70 ? line[..70] + "…" : line;
    }

    internal static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        // What #r "nuget:NotebookDL" would reference: the extension, its reports (lib/ of the same package), the engine and MathNet.
        csharp.AddAssemblyReferences(
        [
            typeof(NotebookDLKernelExtension).Assembly.Location,
            typeof(NotebookDL.Reports.Chart).Assembly.Location,
            typeof(NotebookDL.Mode).Assembly.Location,
            typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location,
        ]);
        return kernel;
    }
}

/// <summary>How one notebook went: its time, the failure (null when it ran clean) and the expected numbers it showed.</summary>
public sealed record NotebookResult(NotebookFile Notebook, TimeSpan Elapsed, string? Failure, int? FailedCell, IReadOnlyList<string> Found)
{
    public bool Succeeded => Failure is null;
}
