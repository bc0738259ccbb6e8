using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using NotebookDL.Exercises;
using NotebookDL.Training;

namespace NotebookDL.Extension.Session;

/// <summary>
/// What one notebook's commands share between cells: the current data (set by <c>#!dataset</c>, the built-in
/// digits until then), the learner's checked and plugged-in code, the paused training session and the last
/// search. One per kernel: created when the extension loads into it and handed to every command through its
/// context; a fresh kernel (and each notebook the replay runs) starts with a fresh one.
/// </summary>
public sealed class NotebookSession
{
    /// <summary>The session of each kernel NotebookDL was loaded into; it goes with its kernel.</summary>
    private static readonly ConditionalWeakTable<Kernel, NotebookSession> ByKernel = new();

    private readonly object _gate = new();

    /// <summary>The results commands stored as C# variables (weakly: a released result leaves the table), to tell them from the user's own.</summary>
    internal ConditionalWeakTable<object, string> StoredResults { get; } = new();
    private CurrentData? _data;
    private PausedTraining? _paused;
    private LastSearch? _lastSearch;

    /// <summary>The session of <paramref name="kernel"/>'s root kernel, made on first use (the extension's load).</summary>
    public static NotebookSession Of(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return ByKernel.GetValue(kernel.RootKernel, _ => new NotebookSession());
    }

    /// <summary>
    /// The session of the kernel running the current cell, for C# code in a cell (<c>Exercise.Check</c>,
    /// <c>NotebookSession.Current.Data</c>); a clear error outside a kernel.
    /// </summary>
    public static NotebookSession Current =>
        (KernelInvocationContext.Current?.HandlingKernel ?? Kernel.Root) is { } kernel
            ? Of(kernel)
            : throw new InvalidOperationException("NotebookDL's session lives in a notebook kernel: run this in a notebook cell after #r \"nuget:NotebookDL\"");

    /// <summary>The data later commands use: what <c>#!dataset</c> chose last, else the default digits.</summary>
    public CurrentData Data
    {
        get
        {
            lock (_gate) return _data ??= CurrentData.DefaultDigits();
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate) _data = value;
        }
    }

    /// <summary>The learner's code this notebook knows: the last check of each exercise and what is plugged in.</summary>
    public LearnerCode Learner { get; } = new();

    /// <summary>
    /// This notebook as a cluster's study shows who filed a trial: "user@host/pid" and, when one process holds
    /// several kernels, a number of its own.
    /// </summary>
    public string Name { get; } = $"{Environment.UserName}@{Environment.MachineName}/{Environment.ProcessId}" +
                                  (Interlocked.Increment(ref s_sessions) is var n and > 1 ? $"#{n}" : "");

    private static int s_sessions;

    /// <summary>The training session <c>#!step</c>, <c>#!continue</c> and <c>#!reset</c> move: the last <c>#!train --paused</c>, or null.</summary>
    public PausedTraining? Paused
    {
        get
        {
            lock (_gate) return _paused;
        }
        set
        {
            lock (_gate) _paused = value;
        }
    }

    /// <summary>The last <c>#!search</c>, which <c>#!search --refine</c> zooms into, or null.</summary>
    public LastSearch? LastSearch
    {
        get
        {
            lock (_gate) return _lastSearch;
        }
        set
        {
            lock (_gate) _lastSearch = value;
        }
    }

    /// <summary>The course's exercises and where this notebook stands on each.</summary>
    public ExerciseBoard Board => new(ExerciseCatalog.All, Learner.Checks, Learner.InUse);

    /// <summary>Forgets everything, as a fresh kernel would (tests that share one kernel between cases).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _data = null;
            _paused = null;
            _lastSearch = null;
        }
        Learner.Clear();
    }
}

/// <summary>A paused training session: the session, the C# variable holding it and what it trains (the <c>#!train</c> line and data).</summary>
public sealed record PausedTraining(TrainingSession Session, string Variable, string Description);

/// <summary>
/// The notebook's most recent <c>#!search</c>: its result, the reader that maps configurations onto <c>#!train</c>
/// settings, and the data it ran on (so a refinement searches the same data).
/// </summary>
public sealed record LastSearch(SearchRun Run, Commands.SearchSpaceReader Reader, CurrentData Data);
