using System.Diagnostics;
using System.Globalization;

namespace NotebookDL.Benchmarks;

/// <summary>
/// Runs peers/numpy_peer.py with Debian's python3 and numpy as a child process and reads its "key value"
/// lines. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from that child's environment only, so that
/// OpenBLAS picks its AVX-512 kernels. glibc's malloc is told to keep freed memory (MALLOC_MMAP_THRESHOLD_ 32 MiB,
/// MALLOC_TRIM_THRESHOLD_ 128 MiB): otherwise it may hand each step's 1.2 MB temporaries back to the system and
/// page-fault them in again on the next step — measured here, the float64 step then ran at 18-22k samples/s
/// instead of 73-88k, depending on what the process had allocated before. The settings only make numpy faster.
/// </summary>
internal static class NumpyPeer
{
    public const string Python = "/usr/bin/python3";

    public static Dictionary<string, string> Run(string? cifarPath, Action<string> progress)
    {
        var figures = new Dictionary<string, string>();
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "numpy_peer.py");
        if (!File.Exists(Python) || !File.Exists(script))
        {
            progress($"numpy: unavailable ({(File.Exists(Python) ? script : Python)} not found)");
            return figures;
        }
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        if (cifarPath is not null)
        {
            start.ArgumentList.Add("--cifar");
            start.ArgumentList.Add(cifarPath);
        }
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        start.Environment["MALLOC_MMAP_THRESHOLD_"] = (32 << 20).ToString(CultureInfo.InvariantCulture);
        start.Environment["MALLOC_TRIM_THRESHOLD_"] = (128 << 20).ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var errors = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            int space = line.IndexOf(' ');
            if (space <= 0) continue;
            figures[line[..space]] = line[(space + 1)..].Trim();
            progress($"  numpy {line}");
        }
        if (!process.WaitForExit(300_000)) process.Kill();
        if (process.ExitCode != 0)
            progress($"numpy peer exited with {process.ExitCode}: {errors.Result.Trim()}");
        return figures;
    }

    public static double? Number(this Dictionary<string, string> figures, string key) =>
        figures.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
