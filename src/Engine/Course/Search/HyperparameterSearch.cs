using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// Runs a search: random (seeded) or grid configurations, each trained as a fresh model by a
/// <see cref="TrialFunction"/>, on several workers at once when asked ("caviar": many models in parallel; the
/// lecture's alternative, "panda", babysits one). Determinism: the configurations are drawn up front in index
/// order, each trial's seed comes from (seed, stage, index) and results are collected by index, so the result is
/// the same on 1 worker or 8 (on one machine; only the times differ). Cancellation or the time budget stops the
/// search: trials not started are dropped, running ones stop within a mini-batch and are kept as stopped.
/// </summary>
public sealed class HyperparameterSearch
{
    /// <summary>
    /// After every trial, on the worker thread that ran it (handlers must be thread-safe): the trial and how
    /// many have finished.
    /// </summary>
    public event Action<TrialResult, int>? TrialCompleted;

    /// <summary>The configurations a stage runs: a grid or <see cref="SearchOptions.Trials"/> random draws from its sampling seed (rounded to <see cref="SearchOptions.Digits"/>).</summary>
    public static IReadOnlyList<Configuration> Configurations(SearchSpace space, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(space);
        options.Validate();
        var configurations = options.Grid ? space.Grid(options.Trials) : space.Sample(options.Trials, new Rng(TrialSeed.Sampling(options.Seed, options.Stage)));
        return options.Digits is int digits ? configurations.Select(c => space.Round(c, digits)).ToList() : configurations;
    }

    /// <summary>Samples (or grids) <paramref name="space"/> and runs every configuration.</summary>
    public SearchResult Run(SearchSpace space, TrialFunction trial, SearchOptions options, CancellationToken ct = default) =>
        Run(space, Configurations(space, options), trial, options, ct);

    /// <summary>Runs the given configurations (trial i gets configurations[i] and seed <see cref="TrialSeed.For"/>(seed, stage, i)).</summary>
    public SearchResult Run(SearchSpace space, IReadOnlyList<Configuration> configurations, TrialFunction trial, SearchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(trial);
        options.Validate();

        var clock = Stopwatch.StartNew();
        int n = configurations.Count;
        var results = new TrialResult?[n];
        var kept = new KeptNetworks(options.KeepNetworks);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (options.MaxDuration is TimeSpan budget) stop.CancelAfter(budget);
        int next = -1, finished = 0;
        ExceptionDispatchInfo? crash = null;

        void Work()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    // The timer behind CancelAfter runs on the thread pool and may be late when the pool is busy.
                    if (options.MaxDuration is TimeSpan b && clock.Elapsed >= b) { stop.Cancel(); return; }
                    int i = Interlocked.Increment(ref next);
                    if (i >= n) return;
                    var request = new TrialRequest(i, configurations[i], TrialSeed.For(options.Seed, options.Stage, i), options.Epochs);
                    var watch = Stopwatch.StartNew();
                    TrialResult result;
                    try
                    {
                        var outcome = trial(request, stop.Token);
                        result = TrialResult.From(request, outcome, watch.Elapsed.TotalSeconds);
                        if (outcome.Network is not null && result.Status == TrialStatus.Completed) kept.Offer(result, outcome.Network);
                    }
                    catch (ArgumentException e)
                    {
                        result = TrialResult.Failure(request, e.Message, watch.Elapsed.TotalSeconds);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return; // a trial function that throws on cancellation: nothing to keep
                    }
                    results[i] = result;
                    TrialCompleted?.Invoke(result, Interlocked.Increment(ref finished));
                }
            }
            catch (Exception e)
            {
                // Any other failure (or a throwing event handler) ends the search; it is rethrown on the caller's thread.
                Interlocked.CompareExchange(ref crash, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        }

        int workers = Math.Min(options.Workers, Math.Max(1, n));
        using (options.SingleThreadedKernels ?? workers > 1 ? Ops.UseThreads(1) : null)
        {
            if (workers == 1) Work();
            else
            {
                var threads = Enumerable.Range(0, workers).Select(w => new Thread(Work) { IsBackground = true, Name = $"search worker {w + 1}" }).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
            }
        }
        crash?.Throw();

        bool complete = results.All(r => r is not null && r.Status != TrialStatus.Stopped);
        var reason = complete ? StopReason.Completed
            : ct.IsCancellationRequested ? StopReason.Cancelled : StopReason.TimeBudget;
        return new SearchResult(space, options, results.OfType<TrialResult>(), reason, clock.Elapsed, kept.ToDictionary(), n);
    }

    /// <summary>The networks of the k best completed trials so far (ties: lower index), whatever order they finish in.</summary>
    private sealed class KeptNetworks(int capacity)
    {
        private readonly List<(TrialResult Trial, Network Net)> _best = [];

        public void Offer(TrialResult trial, Network net)
        {
            if (capacity == 0) return;
            lock (_best)
            {
                _best.Add((trial, net));
                _best.Sort((a, b) => b.Trial.ValAccuracy.CompareTo(a.Trial.ValAccuracy) is int c && c != 0 ? c : a.Trial.Index.CompareTo(b.Trial.Index));
                if (_best.Count > capacity) _best.RemoveAt(_best.Count - 1);
            }
        }

        public Dictionary<int, Network> ToDictionary()
        {
            lock (_best) return _best.ToDictionary(b => b.Trial.Index, b => b.Net);
        }
    }
}
