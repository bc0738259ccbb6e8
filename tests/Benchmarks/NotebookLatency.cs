using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using NotebookDL.Extension;
using NotebookDL.Extension.Session;
using NotebookDL.Replay;

namespace NotebookDL.Benchmarks;

/// <summary>(5) What a notebook user waits for: loading the extension, a warm magic command, a notebook replay.</summary>
internal static class NotebookLatency
{
    /// <summary>(seconds to create the kernel and load the extension, ms of a warm <c>#!softmax [5,2,-1,3]</c>).</summary>
    public static async Task<(double LoadSeconds, double SoftmaxMs)> LoadAndSoftmax()
    {
        CompositeKernel? kernel = null;
        double load = await Measure.OnceAsync(async () =>
        {
            var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
            kernel = new CompositeKernel { csharp };
            kernel.DefaultKernelName = csharp.Name;
            // What #r "nuget:NotebookDL" references: the extension, the engine and MathNet.
            csharp.AddAssemblyReferences([typeof(NotebookDLKernelExtension).Assembly.Location, typeof(Mode).Assembly.Location,
                typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location]);
            await new NotebookDLKernelExtension().OnLoadAsync(kernel);
        });
        using var k = kernel!;
        const string cell = "#!softmax [5,2,-1,3]";
        await Submit(k, cell); // first run: JIT
        await Submit(k, cell);
        double best = double.PositiveInfinity;
        for (int i = 0; i < 10; i++)
            best = Math.Min(best, await Measure.OnceAsync(() => Submit(k, cell)));
        return (load, best * 1e3);
    }

    /// <summary>Seconds to replay every notebook in <paramref name="folder"/> in-process, or null when there are none.</summary>
    public static async Task<(double Seconds, int Notebooks, int Failed)?> Replay(string folder, Action<string> progress)
    {
        if (!Directory.Exists(folder)) return null;
        var files = Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return null;
        var runner = new NotebookRunner(TimeSpan.FromSeconds(300), _ => { });
        int failed = 0;
        double seconds = await Measure.OnceAsync(async () =>
        {
            foreach (var file in files)
            {
                var result = await runner.RunAsync(NotebookFile.Read(file));
                progress($"  replay {Path.GetFileName(file)}: {result.Elapsed.TotalSeconds:F1} s{(result.Succeeded ? "" : " (FAILED: " + result.Failure + ")")}");
                if (!result.Succeeded) failed++;
            }
        });
        return (seconds, files.Count, failed);
    }

    private static async Task Submit(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failure)
            throw new InvalidOperationException($"'{code}' failed: {failure.Message}");
    }
}
