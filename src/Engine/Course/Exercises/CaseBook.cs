using System.Reflection;

namespace NotebookDL.Exercises;

/// <summary>
/// Collects the cases of one check. Each case runs the learner's code inside a guard: the stub's
/// <see cref="NotImplementedException"/> becomes "not implemented yet", any other exception a failed case
/// with its message, so a check always ends in a table. Safe to read from another thread while the cases
/// run (a check with a time limit runs them on a thread of their own).
/// </summary>
internal sealed class CaseBook
{
    private readonly List<CheckCase> _cases = [];
    private readonly object _gate = new();
    private bool _abandoned;
    private string? _running;

    /// <summary>The cases so far (a copy: a check that timed out reads them while its thread still runs).</summary>
    public IReadOnlyList<CheckCase> Cases
    {
        get
        {
            lock (_gate) return [.. _cases];
        }
    }

    /// <summary>Exercise-specific advice for an exception the learner's code threw (e.g. Adam's division by zero at t = 0).</summary>
    public Func<Exception, string?>? Advice { get; set; }

    /// <summary>Runs one case (none once the check gave up on the learner's code, see <see cref="Abandon"/>).</summary>
    public void Add(string name, Func<Verdict> run)
    {
        lock (_gate)
        {
            if (_abandoned) return;
            _running = name;
        }
        var result = Run(name, run);
        lock (_gate)
        {
            if (_abandoned) return;
            _cases.Add(result);
            _running = null;
        }
    }

    /// <summary>Adds a case that needs no run (the check's own verdict on the code, not on its results).</summary>
    public void Add(CheckCase done)
    {
        lock (_gate)
            if (!_abandoned) _cases.Add(done);
    }

    /// <summary>
    /// Stops taking cases, for a check that gave up waiting: the learner's code may still be running on the
    /// check's thread, and when it returns, no later case starts. Returns the cases finished and the one running.
    /// </summary>
    public (IReadOnlyList<CheckCase> Finished, string? Running) Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
            return ([.. _cases], _running);
        }
    }

    private CheckCase Run(string name, Func<Verdict> run)
    {
        try
        {
            var v = run();
            return new CheckCase(name, v.Passed ? CaseOutcome.Passed : CaseOutcome.Failed, v.Error, v.Threshold, v.Passed ? null : v.Hint);
        }
        catch (CaseProblem p)
        {
            return new CheckCase(name, CaseOutcome.Failed, null, null, p.Message);
        }
        catch (OutOfMemoryException)
        {
            // A learner's huge allocation (Matrix.Build.Dense(100000, 100000): 80 GB) fails before it takes the
            // memory, so the check can go on; the engine's own code is not run here.
            return new CheckCase(name, CaseOutcome.Threw, null, null,
                "your code asked for more memory than this machine has (a matrix far larger than its inputs?) — check the shapes it creates");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var inner = Unwrap(e);
            return IsStub(e)
                ? new CheckCase(name, CaseOutcome.NotImplemented, null, null, "not implemented yet")
                : new CheckCase(name, CaseOutcome.Threw, null, null, Describe(inner) + (Advice?.Invoke(inner) is { } advice ? " — " + advice : ""));
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException { InnerException: { } inner }) e = inner;
        if (e is AggregateException { InnerExceptions.Count: 1 } a) return Unwrap(a.InnerExceptions[0]);
        return e;
    }

    /// <summary>The stub's exception, possibly wrapped by a layer or optimiser that called the learner's code.</summary>
    private static bool IsStub(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is NotImplementedException) return true;
        return false;
    }

    private static string Describe(Exception e)
    {
        if (e is RecursionTooDeepException) return e.Message;
        var text = $"your code threw {e.GetType().Name}: {e.Message}";
        // MathNet's shape errors read "Matrix dimensions must agree: 3x4 != 5x2."
        if (e.Message.Contains("dimensions", StringComparison.OrdinalIgnoreCase) || e is IndexOutOfRangeException or ArgumentOutOfRangeException)
            text += " — check the shapes: one example per row, x (N, D)·W (D, M) = (N, M)";
        return text;
    }
}

/// <summary>
/// Thrown by a case when the learner's result cannot even be examined (a missing parameter, a null): its
/// message is the hint, without the "your code threw" a learner's own exception gets.
/// </summary>
internal sealed class CaseProblem(string message) : Exception(message);

/// <summary>What a case found: passed or not, the error measured against its pass mark, the hint.</summary>
internal readonly record struct Verdict(bool Passed, double? Error, double? Threshold, string? Hint)
{
    public static Verdict Pass(double? error = null, double? threshold = null) => new(true, error, threshold, null);

    public static Verdict Fail(string hint, double? error = null, double? threshold = null) => new(false, error, threshold, hint);

    /// <summary>Passes when <paramref name="condition"/> holds, else fails with <paramref name="hint"/>.</summary>
    public static Verdict Require(bool condition, string hint) => condition ? Pass() : Fail(hint);
}
