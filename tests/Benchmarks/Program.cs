// NotebookDL's benchmark: the engine and its peer (numpy on OpenBLAS with AVX-512) on identical shapes, in
// one run on the same machine. From the repository root:
//   dotnet run -c Release --project tests/Benchmarks [-- --sections peak,mlp,tanh,gemm,cifar,notebook,kernel] [--no-numpy] [--threads N] [--rounds N] [--kernel-runs N]
// Prints progress, a table, then one line per figure. See the README's "Performance and the benchmark".
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using NotebookDL.Benchmarks;
using NotebookDL.Tensors;
using NotebookDL.Training;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var sections = new HashSet<string>(["peak", "mlp", "tanh", "gemm", "cifar", "notebook", "kernel"]);
bool numpy = true;
int rounds = 2;
int kernelRuns = 3;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--sections" && i + 1 < args.Length) sections = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries)];
    else if (args[i] == "--no-numpy") numpy = false;
    else if (args[i] == "--rounds" && i + 1 < args.Length) rounds = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
    else if (args[i] == "--kernel-runs" && i + 1 < args.Length) kernelRuns = Math.Max(2, int.Parse(args[++i], CultureInfo.InvariantCulture));
    else if (args[i] == "--threads" && i + 1 < args.Length) Ops.MaxThreads = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else { Console.Error.WriteLine($"unknown argument {args[i]}; use --sections a,b,c, --no-numpy, --threads N, --rounds N and --kernel-runs N"); return 2; }
}

var root = FindRoot();
var cifar = Path.Combine(root, "..", "shared", "data", "cifar10", "data_batch_1.bin");
if (!File.Exists(cifar)) cifar = "/work/shared/data/cifar10/data_batch_1.bin";
string? cifarPath = File.Exists(cifar) ? Path.GetFullPath(cifar) : null;
void Progress(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

Progress($"NotebookDL benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
         $"Vector512 {(Vector512.IsHardwareAccelerated ? "yes" : "no")}, Vector256 {(Vector256.IsHardwareAccelerated ? "yes" : "no")}, Ops.MaxThreads {Ops.MaxThreads}");
var results = new Results();

if (sections.Contains("peak") || sections.Contains("gemm"))
{
    Progress("peak: FMA chains on 1 core and on all cores, float64 then float32 ...");
    foreach (var (precision, peak) in new[] { ("f64", FmaPeak.Measure<double>(Environment.ProcessorCount)), ("f32", FmaPeak.Measure<float>(Environment.ProcessorCount)) })
    {
        results.Peaks[precision] = peak;
        Progress($"  peak {precision}: {peak.PerCore:F1} GFLOP/s per core, {peak.Total:F1} GFLOP/s on {Environment.ProcessorCount} cores");
    }
}
if (sections.Contains("shapes"))
{
    Progress("the products and element-wise ops of (1) and (2), one by one:");
    Shapes.Print(Progress);
}
var cifarTrain = new Dictionary<string, NotebookDL.Data.Dataset>(); // per precision, loaded once, by the first round that needs it
// Two rounds of (engine, numpy) by default: the best of each side counts, so a burst of load from another
// process on this shared machine does not decide a ratio alone.
for (int round = 1; round <= rounds; round++)
{
    Progress($"round {round} of {rounds}");
    if (sections.Contains("mlp"))
    {
        MlpStep<double>();
        MlpStep<float>();
    }
    if (sections.Contains("tanh"))
    {
        Progress("(2) 10-layer 500-unit tanh forward on (1000, 500) ...");
        Progress($"  ours {results.KeepOurs("tanh-forward-ms", EngineRuns.TanhForward(repeats: 20)):F2} ms");
    }
    if (sections.Contains("gemm"))
    {
        foreach (int n in new[] { 1024, 2048 })
        {
            int repeats = n == 1024 ? 10 : 5;
            Progress($"(3) square GEMM {n} float64 ...");
            Progress($"  ours {results.KeepOurs(Results.GemmKey(n, "f64"), EngineRuns.Gemm<double>(n, repeats)):F1} GFLOP/s");
            Progress($"(3) square GEMM {n} float32 ...");
            Progress($"  ours {results.KeepOurs(Results.GemmKey(n, "f32"), EngineRuns.Gemm<float>(n, repeats)):F1} GFLOP/s");
        }
    }
    if (sections.Contains("cifar"))
    {
        if (cifarPath is null) Progress("(4) CIFAR-10: data_batch_1.bin not found, skipped");
        else
        {
            CifarEpochs<double>();
            CifarEpochs<float>();
        }
    }
    if (numpy)
    {
        Progress("numpy peer (python3 child process, OpenBLAS AVX-512) ...");
        results.KeepNumpy(NumpyPeer.Run(sections.Contains("cifar") ? cifarPath : null, Progress));
    }
}
cifarTrain.Clear(); // 369 MB the latency sections need not carry
if (sections.Contains("notebook"))
{
    Progress("(5) notebook latency: extension load and a warm #!softmax ...");
    var (load, softmax) = await NotebookLatency.LoadAndSoftmax();
    results.LoadSeconds = load;
    results.SoftmaxMs = softmax;
    Progress($"  load {load:F2} s, #!softmax {softmax:F1} ms");
    Progress("(5) replay of notebooks/*.ipynb ...");
    results.Replay = await NotebookLatency.Replay(Path.Combine(root, "notebooks"), Progress);
}
if (sections.Contains("kernel"))
{
    Progress($"(5) the stock kernel under Jupyter: load cell, first #!softmax after it, later ones ({kernelRuns} kernels) ...");
    try
    {
        results.Kernel = KernelLatency.Measure(kernelRuns, Progress);
    }
    catch (NotebookDL.Tests.Notebooks.MissingToolException e)
    {
        results.KernelSkipped = e.Message;
        Progress($"  skipped: {e.Message}");
    }
}
Progress("torchsharp: unavailable (libLibTorchSharp needs GLIBCXX_3.4.32; the system has 3.4.30)");
Console.WriteLine();
results.Print(Console.Out);
return 0;

// (1) and (4) in T: the same code in float64 and float32.
void MlpStep<T>() where T : unmanaged, IFloatingPointIeee754<T>
{
    Progress($"(1) 3072-50-10 training step, batch 200, {Precision.Name<T>()} ...");
    double v = results.KeepOurs(Results.MlpStepKey(Results.Tag<T>()), EngineRuns.MlpStep<T>(repeats: 40));
    Progress($"  ours {v:F0} samples/s; {EngineRuns.MlpAllocations.BytesPerStep / 1024:F0} KB allocated per step, " +
             $"{EngineRuns.MlpAllocations.Gen2} gen-2 collections in 50 steps");
}

void CifarEpochs<T>() where T : unmanaged, IFloatingPointIeee754<T>
{
    string tag = Results.Tag<T>();
    if (!cifarTrain.TryGetValue(tag, out var train))
    {
        var (loaded, bytes, rows, columns) = EngineRuns.LoadCifar(cifarPath!, Precision.Of<T>());
        (cifarTrain[tag], results.CifarLoaded[tag], train) = (loaded, (bytes, rows, columns), loaded);
        Progress($"(4) CIFAR-10 {cifarPath} loaded in {Precision.Name<T>()}: {bytes / 1e6:F1} MB managed for ({rows}, {columns}) values");
    }
    Progress($"(4) CIFAR-10 epochs on {cifarPath} (10,000 images, batch 200), {Precision.Name<T>()} ...");
    Progress($"  ours {results.KeepOurs(Results.CifarKey(Results.Tag<T>()), EngineRuns.CifarEpochs<T>(train)):F2} epochs/s");
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NotebookDL.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
