using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// An exercise of the course: a named task (e.g. "softmax", "batchnorm") with the signature a learner
/// implements in a C# cell — a delegate, or for layers a class implementing <see cref="Layers.ILayer"/> — and
/// a checker that runs the learner's code against the engine's own implementation on seeded random inputs of
/// several shapes: forward values, a numerical gradient check of the learner's backward pass, edge cases
/// (zeros, large values). Each case passes or fails with its relative error and, where it fails, a hint
/// that names the usual mistake ("N times too big: did you forget to average over the batch?").
/// <para>
/// The learner's code never escapes as an exception: a stub that throws <see cref="NotImplementedException"/>
/// shows as "not implemented yet", any other exception as a failed case with its message.
/// </para>
/// </summary>
public abstract class ExerciseDefinition
{
    /// <summary>The name a check uses, e.g. "softmax", "relu-backward", "adam".</summary>
    public abstract string Name { get; }

    /// <summary>What the learner writes, in a few words.</summary>
    public abstract string Title { get; }

    /// <summary>The lecture topic it belongs to (softmax, activation functions, batch norm, ...).</summary>
    public abstract string Topic { get; }

    /// <summary>The C# the learner implements, with shapes, e.g. <c>Matrix&lt;double&gt; Softmax(Matrix&lt;double&gt; scores)</c>.</summary>
    public abstract string Signature { get; }

    /// <summary>The formula to implement, as the lecture writes it.</summary>
    public abstract string Task { get; }

    /// <summary>The delegate type the checker calls (a learner's function of the same signature is accepted).</summary>
    public abstract Type ImplementationType { get; }

    /// <summary>The engine's own implementation as an <see cref="ImplementationType"/>: it passes every case.</summary>
    public abstract Delegate Reference { get; }

    /// <summary>
    /// What a passing implementation can replace in the engine's networks and training (e.g. "the BatchNorm
    /// layers"), or null when the exercise cannot be plugged in.
    /// </summary>
    public virtual string? Replaces => null;

    /// <summary>True when a passing implementation can be plugged into the engine (<see cref="Plug"/>).</summary>
    public bool Pluggable => Replaces is not null;

    /// <summary>True when <paramref name="implementation"/> has this exercise's signature.</summary>
    public bool Accepts(object? implementation) => TryAdapt(implementation, out _, out _);

    /// <summary>
    /// The engine types this exercise asks the learner to build with, which <see cref="OwnCode"/> does not
    /// count as the engine's own code here (the batch-norm network is made of the engine's layers). Empty for
    /// most: there the engine's code is the answer.
    /// </summary>
    public virtual IReadOnlyList<Type> BuildingBlocks => [];

    /// <summary>The name of the case a graded check fails when the implementation calls the engine's own code.</summary>
    public const string OwnCodeCase = "your own code";

    /// <summary>
    /// Runs every case on <paramref name="implementation"/> (a delegate of the exercise's signature, or what
    /// the exercise also takes, such as a layer class's <see cref="Type"/>) with inputs drawn from
    /// <paramref name="seed"/>. Never throws for anything the learner's code does. <paramref name="name"/>
    /// names the implementation in the result (default: the method's or class's name, or "a lambda").
    /// <para>
    /// An implementation that reaches the engine's own code (<see cref="OwnCode.EngineCalls(object?, ExerciseDefinition)"/>)
    /// fails an extra case "your own code" when <paramref name="grading"/>; in practice (a learner's own
    /// check) its cases stand and the result carries a warning instead.
    /// </para>
    /// <para>
    /// With a <paramref name="timeout"/> the cases run on a background thread of their own, and a check whose
    /// cases have not finished by then returns at once: the cases finished, then a <see cref="CaseOutcome.TimedOut"/>
    /// case. The learner's code keeps running on that thread (.NET cannot abort it); once it returns, no
    /// further case starts. Null: no limit, the cases run on the calling thread.
    /// </para>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public ExerciseResult Check(object? implementation, int seed = 0, string? name = null, bool grading = false, TimeSpan? timeout = null)
    {
        if (timeout is { } limit && limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "the time limit must be positive (null: no limit)");
        var clock = Stopwatch.StartNew();
        var shown = name ?? Implementations.Describe(implementation);
        var book = new CaseBook();
        var warnings = new List<string>();
        if (!TryAdapt(implementation, out var impl, out var problem))
            book.Add("signature", () => Verdict.Fail(problem!));
        else
        {
            var engineCalls = OwnCode.EngineCalls(implementation, this);
            if (engineCalls.Count > 0)
            {
                var says = OwnCode.Says(engineCalls);
                if (grading) book.Add(new CheckCase(OwnCodeCase, CaseOutcome.Failed, null, null, says));
                else warnings.Add($"{shown} {says} (a grader would give it no points)");
            }
            if (timeout is null)
                AddCases(book, impl!, new Rng(seed));
            else if (!Within(timeout.Value, () => AddCases(book, impl!, new Rng(seed))))
            {
                var (finished, running) = book.Abandon();
                var timedOut = new CheckCase(running ?? "time limit", CaseOutcome.TimedOut, null, null, TimeoutHint(timeout.Value));
                return new ExerciseResult(this, shown, seed, [.. finished, timedOut], clock.Elapsed, warnings);
            }
        }
        return new ExerciseResult(this, shown, seed, book.Cases, clock.Elapsed, warnings);
    }

    /// <summary>"did not return within 10 s (an endless loop?): ...", the hint of a case that ran out of time.</summary>
    public static string TimeoutHint(TimeSpan timeout) =>
        $"did not return within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (an endless loop?): " +
        "the runaway code keeps one core busy until the kernel restarts, since .NET cannot abort it";

    /// <summary>
    /// Checks <paramref name="implementation"/> and, only when every case passes, returns what replaces the
    /// engine's own code with it (null otherwise; <paramref name="check"/> says why). <paramref name="timeout"/>
    /// limits the check as in <see cref="Check"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The exercise cannot be plugged in (<see cref="Pluggable"/> is false).</exception>
    public Replacement? Plug(object? implementation, out ExerciseResult check, int seed = 0, string? name = null, TimeSpan? timeout = null)
    {
        if (!Pluggable) throw new InvalidOperationException($"exercise '{Name}' cannot be plugged into the engine; these can: {string.Join(", ", ExerciseCatalog.All.Where(e => e.Pluggable).Select(e => e.Name))}");
        check = Check(implementation, seed, name, timeout: timeout);
        if (!check.Passed || !TryAdapt(implementation, out var impl, out _)) return null;
        return CreateReplacement(impl!, check.Implementation);
    }

    /// <summary>
    /// Runs <paramref name="run"/> on a background thread of its own; false when it has not finished within
    /// <paramref name="limit"/> (it runs on: a thread cannot be aborted). What it throws is thrown here.
    /// </summary>
    private static bool Within(TimeSpan limit, Action run)
    {
        ExceptionDispatchInfo? failure = null;
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var thread = new Thread(() =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            try
            {
                run();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true, // a runaway check must not keep the process alive
            Name = "NotebookDL exercise check",
        };
        thread.Start();
        // Thread.Join takes at most int.MaxValue ms (24.8 days): longer is no limit.
        if (!thread.Join(limit.TotalMilliseconds >= int.MaxValue ? Timeout.InfiniteTimeSpan : limit)) return false;
        failure?.Throw();
        return true;
    }

    public override string ToString() => $"{Name}: {Title}";

    /// <summary>The implementation as <see cref="ImplementationType"/>, or why it cannot be.</summary>
    internal virtual bool TryAdapt(object? implementation, out Delegate? adapted, out string? problem) =>
        Implementations.TryAdapt(ImplementationType, implementation, Signature, out adapted, out problem);

    /// <summary>Adds the cases, calling the learner's code inside each case.</summary>
    internal abstract void AddCases(CaseBook book, Delegate implementation, Rng rng);

    /// <summary>The replacement for a passing implementation (pluggable exercises only).</summary>
    internal virtual Replacement? CreateReplacement(Delegate implementation, string description) => null;
}
