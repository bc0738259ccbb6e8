namespace NotebookDL.Benchmarks;

/// <summary>The figures of one run and how they are printed: a table, then one line per figure.</summary>
internal sealed class Results
{
    public Dictionary<string, double> Ours { get; } = [];
    public Dictionary<string, string> Numpy { get; } = [];

    /// <summary>Keeps the better of this and any earlier round's figure; returns this round's.</summary>
    public double KeepOurs(string key, double value)
    {
        if (!Ours.TryGetValue(key, out var old) || Better(key, value, old)) Ours[key] = value;
        return value;
    }

    /// <summary>Merges a numpy run: numbers keep the better round, text (versions) the latest.</summary>
    public void KeepNumpy(Dictionary<string, string> run)
    {
        foreach (var (key, text) in run)
        {
            var value = run.Number(key);
            var old = Numpy.Number(key);
            if (value is null || old is null || Better(key, value.Value, old.Value)) Numpy[key] = text;
        }
    }

    private static bool Better(string key, double value, double old) => key.EndsWith("-ms", StringComparison.Ordinal) ? value < old : value > old;
    /// <summary>The measured FMA peak (GFLOP/s of one core, of all cores) by precision, "f64" and "f32".</summary>
    public Dictionary<string, (double PerCore, double Total)> Peaks { get; } = [];
    public int Cores { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// The peak a product in <paramref name="precision"/> is compared with: the all-core run, or cores × one
    /// core when that is higher (a busy machine slows one of the parallel FMA loops; independent loops on idle
    /// cores scale exactly).
    /// </summary>
    public double? Peak(string precision) =>
        Peaks.TryGetValue(precision, out var p) ? Math.Max(p.Total, Cores * p.PerCore) : null;

    /// <summary>The key of a square GEMM figure, shared with peers/numpy_peer.py (float64's kept as it was).</summary>
    public static string GemmKey(int n, string precision) => precision == "f64" ? $"gemm-{n}-gflops" : $"gemm-{n}-{precision}-gflops";

    /// <summary>The key of the training step's figure, shared with peers/numpy_peer.py.</summary>
    public static string MlpStepKey(string precision) => $"mlp-step-{precision}";

    /// <summary>The key of the CIFAR-10 epoch figure, shared with peers/numpy_peer.py (float64's kept as it was).</summary>
    public static string CifarKey(string precision) => precision == "f64" ? "cifar-epochs-per-s" : $"cifar-epochs-{precision}-per-s";

    /// <summary>T's precision as keys and labels write it: "f64" or "f32".</summary>
    public static string Tag<T>() => NotebookDL.Training.Precision.Name<T>().Replace("float", "f", StringComparison.Ordinal);

    /// <summary>Per precision ("f64", "f32"): the managed bytes the loaded CIFAR-10 file holds (the heap's growth over the load) and its shape.</summary>
    public Dictionary<string, (long Bytes, int Rows, int Columns)> CifarLoaded { get; } = [];
    public double? LoadSeconds { get; set; }
    public double? SoftmaxMs { get; set; }
    public (double Seconds, int Notebooks, int Failed)? Replay { get; set; }
    public KernelLatency.Figures? Kernel { get; set; }

    /// <summary>Why the kernel latencies were not measured (the tool or Jupyter is missing), or null.</summary>
    public string? KernelSkipped { get; set; }

    // (key, label, unit, higher is better)
    private static readonly (string Key, string Label, string Unit, bool Higher)[] Figures =
    [
        (MlpStepKey("f64"), "mlp step 3072-50-10 b200 f64", "samples/s", true),
        (MlpStepKey("f32"), "mlp step 3072-50-10 b200 f32", "samples/s", true),
        ("tanh-forward-ms", "tanh forward 10x500 on 1000x500", "ms", false),
        (GemmKey(1024, "f64"), "gemm 1024 f64", "GFLOP/s", true),
        (GemmKey(2048, "f64"), "gemm 2048 f64", "GFLOP/s", true),
        (GemmKey(1024, "f32"), "gemm 1024 f32", "GFLOP/s", true),
        (GemmKey(2048, "f32"), "gemm 2048 f32", "GFLOP/s", true),
        (CifarKey("f64"), "cifar-10 epoch (10k, b200)", "epochs/s", true),
        (CifarKey("f32"), "cifar-10 epoch (10k, b200) f32", "epochs/s", true),
    ];

    public void Print(TextWriter o)
    {
        o.WriteLine($"| {"figure",-34} | {"unit",-10} | {"ours",10} | {"numpy",10} | {"ours/numpy",10} |");
        o.WriteLine($"|{new string('-', 36)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 12)}|");
        foreach (var (key, label, unit, higher) in Figures)
        {
            if (!Ours.TryGetValue(key, out var ours)) continue;
            var peer = Numpy.Number(key);
            o.WriteLine($"| {label,-34} | {unit,-10} | {ours,10:F1} | {Text(peer),10} | {Text(Ratio(ours, peer, higher)),10} |");
        }
        foreach (var (precision, peak) in Peaks)
            o.WriteLine($"| {$"fma peak {precision} (1 core / all)",-34} | {"GFLOP/s",-10} | {peak.PerCore,10:F1} | {peak.Total,10:F1} | {"",10} |");
        foreach (var (precision, cl) in CifarLoaded)
            o.WriteLine($"| {$"cifar-10 part loaded {precision} (managed)",-34} | {"MB",-10} | {cl.Bytes / 1e6,10:F1} | {"",10} | {"",10} |");
        if (LoadSeconds is double load) o.WriteLine($"| {"extension load",-34} | {"s",-10} | {load,10:F2} | {"",10} | {"",10} |");
        if (SoftmaxMs is double sm) o.WriteLine($"| {"#!softmax [5,2,-1,3] warm",-34} | {"ms",-10} | {sm,10:F1} | {"",10} | {"",10} |");
        if (Kernel is { } k)
        {
            o.WriteLine($"| {"kernel load cell",-34} | {"s",-10} | {k.LoadSeconds,10:F2} | {"",10} | {"",10} |");
            o.WriteLine($"| {"kernel first #!softmax after load",-34} | {"s",-10} | {k.FirstSoftmaxSeconds,10:F2} | {"",10} | {"",10} |");
            o.WriteLine($"| {"kernel #!softmax warm",-34} | {"ms",-10} | {k.WarmSoftmaxMs,10:F1} | {"",10} | {"",10} |");
        }
        if (Replay is { } r) o.WriteLine($"| {$"replay of {r.Notebooks} notebook(s)",-34} | {"s",-10} | {r.Seconds,10:F1} | {"",10} | {"",10} |");
        if (Numpy.TryGetValue("blas", out var blas)) o.WriteLine($"numpy {Numpy.GetValueOrDefault("numpy", "?")} with {blas}");
        o.WriteLine("torchsharp: unavailable (libLibTorchSharp needs GLIBCXX_3.4.32; the system has 3.4.30)");
        o.WriteLine();

        foreach (var (key, label, unit, higher) in Figures)
        {
            if (!Ours.TryGetValue(key, out var ours)) continue;
            if (key.StartsWith("gemm-", StringComparison.Ordinal))
            {
                // The label ends in its precision ("gemm 2048 f32"): the product is compared with that precision's peak.
                string ofPeak = Peak(label[^3..]) is double p ? $" = {100 * ours / p:F1} % of peak" : "";
                o.WriteLine($"{label}: {ours:F1} GFLOP/s{ofPeak}");
            }
            else o.WriteLine($"{label}: {ours:F2} {unit}");
            if (Ratio(ours, Numpy.Number(key), higher) is double ratio)
                o.WriteLine($"ratio {key.Replace("-ms", "").Replace("-gflops", "").Replace("-per-s", "")} vs numpy: {ratio:F2}");
            // Issue 20's goal: the float32 step at least 1.8x our own float64 step, both from this run.
            if (key == MlpStepKey("f32") && Ours.TryGetValue(MlpStepKey("f64"), out var f64))
                o.WriteLine($"ratio mlp-step f32 vs our f64: {ours / f64:F2}");
        }
        foreach (var (precision, c) in CifarLoaded)
            o.WriteLine($"cifar-10 part loaded {precision}: {c.Bytes / 1e6:F1} MB managed ({c.Rows:N0} images x {c.Columns} values stored as rows in {precision}; " +
                        $"the values alone {(long)c.Rows * c.Columns * (precision == "f32" ? sizeof(float) : sizeof(double)) / 1e6:F1} MB; MB = 10^6 bytes)");
        foreach (var (precision, peak) in Peaks)
            o.WriteLine($"peak fma {precision}: {peak.PerCore:F1} GFLOP/s per core, {peak.Total:F1} GFLOP/s measured on {Cores} cores, {Peak(precision):F1} GFLOP/s used as peak");
        if (LoadSeconds is double ls) o.WriteLine($"extension load: {ls:F2} s");
        if (SoftmaxMs is double s) o.WriteLine($"softmax warm: {s:F1} ms");
        if (Kernel is { } kl)
        {
            o.WriteLine($"kernel load cell: {kl.LoadSeconds:F2} s (package restored; {kl.FirstLoadSeconds:F2} s restoring it from the feed)");
            o.WriteLine($"kernel first softmax after load: {kl.FirstSoftmaxSeconds:F2} s");
            o.WriteLine($"kernel softmax warm: {kl.WarmSoftmaxMs:F0} ms");
        }
        if (KernelSkipped is { } why) o.WriteLine($"kernel latencies: skipped ({why})");
        if (Replay is { } rp) o.WriteLine($"notebook replay: {rp.Seconds:F1} s for {rp.Notebooks} notebook(s), {rp.Failed} failed");
    }

    /// <summary>How many times faster ours is (for times: numpy's time over ours).</summary>
    private static double? Ratio(double ours, double? peer, bool higher) =>
        peer is double p && p > 0 && ours > 0 ? (higher ? ours / p : p / ours) : null;

    private static string Text(double? v) => v is double x ? x.ToString("F2") : "-";
}
