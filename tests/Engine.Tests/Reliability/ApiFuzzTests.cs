using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NotebookDL.Tensors;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Reliability;

/// <summary>
/// Seeded random calls of the engine's public API with mismatched shapes (0 rows or columns, 1×1, widths
/// that do not fit), bad settings and values (NaN, ±∞, ±1e308, ±1e4): every call either returns (and, for
/// finite input, what the maths keeps finite is finite) or throws an ArgumentException or
/// InvalidOperationException raised by the engine with a message of its own, never an IndexOutOfRange,
/// NullReference or a library's bare message, and never hangs. The seed is fixed; the number of cases is
/// <see cref="DefaultCases"/> or NOTEBOOKDL_API_FUZZ_CASES (e.g. 100000 for a longer run).
/// </summary>
public sealed partial class ApiFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261125;
    private const int DefaultCases = 10000;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Messages .NET and MathNet give when nobody checked the argument first.</summary>
    internal static readonly string[] DefaultMessages =
    [
        "Index was outside the bounds", "Object reference not set", "Value cannot be null",
        "Specified argument was out of the range", "Value does not fall within the expected range",
        "Operation is not valid due to the current state", "Exception of type", "Arithmetic operation resulted in an overflow",
        "Destination is too short", "Matrix dimensions must agree", "must not be negative", "Sequence contains no elements",
        "The given key", "Collection was modified", "Input string was not in a correct format",
    ];

    [Fact]
    public void Random_calls_of_the_public_api_return_or_throw_a_clear_exception()
    {
        int cases = CaseCount();
        var clock = Stopwatch.StartNew();
        var outcomes = Enumerable.Range(0, cases).Select(Run).ToArray();
        clock.Stop();

        var violations = outcomes.Where(o => o.Kind == OutcomeKind.Violation).ToArray();
        int successes = outcomes.Count(o => o.Kind == OutcomeKind.Success), errors = outcomes.Count(o => o.Kind == OutcomeKind.ClearError);
        output.WriteLine(Invariant($"{cases} cases (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s: {successes} returned, {errors} clear errors, {violations.Length} violations"));
        foreach (var g in outcomes.GroupBy(o => o.Group))
        {
            output.WriteLine($"  {g.Key}: {g.Count()} cases, {g.Count(o => o.Kind == OutcomeKind.Success)} returned, " +
                $"{g.Count(o => o.Kind == OutcomeKind.ClearError)} clear errors, {g.Count(o => o.Kind == OutcomeKind.Violation)} violations");
            // What went wrong first, then the clear errors, most frequent first, numbers blanked out (# for 3, 1e-5, ...).
            foreach (var m in g.Where(o => o.Kind != OutcomeKind.Success)
                         .GroupBy(o => (o.Kind == OutcomeKind.Violation ? "VIOLATION " : "") + Digits().Replace(o.Detail.Split(Environment.NewLine)[0], "#"))
                         .OrderByDescending(m => m.First().Kind).ThenByDescending(m => m.Count()).Take(25))
                output.WriteLine($"      {m.Count(),5} × {m.Key}");
        }

        foreach (var v in violations.Take(100)) output.WriteLine(v.ToString());
        Assert.True(violations.Length == 0,
            $"{violations.Length} of {cases} cases went wrong (seed {Seed}); the first ones:{Environment.NewLine}" +
            string.Join(Environment.NewLine, violations.Take(8).Select(v => v.ToString())));

        // Not vacuous: the generator reached both sides of every part of the API.
        Assert.True(successes >= cases / 5 && errors >= cases / 5, $"an unhealthy mix: {successes} returned, {errors} clear errors of {cases}");
        if (cases >= 1000)
        {
            Assert.Equal(ApiFuzzCases.All.Count, outcomes.Select(o => o.Group).Distinct().Count());
            foreach (var g in outcomes.GroupBy(o => o.Group))
                Assert.True(g.Any(o => o.Kind == OutcomeKind.Success) && g.Any(o => o.Kind == OutcomeKind.ClearError),
                    $"{g.Key}: {g.Count(o => o.Kind == OutcomeKind.Success)} returned and {g.Count(o => o.Kind == OutcomeKind.ClearError)} clear errors of {g.Count()}");
        }
    }

    private static int CaseCount()
    {
        var text = Environment.GetEnvironmentVariable("NOTEBOOKDL_API_FUZZ_CASES");
        if (string.IsNullOrWhiteSpace(text)) return DefaultCases;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"NOTEBOOKDL_API_FUZZ_CASES must be a positive whole number, got '{text}'");
    }

    /// <summary>Case <paramref name="index"/>: its own seed, so that it is the same case whatever the count.</summary>
    private static Outcome Run(int index)
    {
        var draw = new FuzzDraw(unchecked(Seed + 7919 * index));
        var (group, run) = ApiFuzzCases.All[draw.Int(ApiFuzzCases.All.Count)];
        var task = Task.Run(() =>
        {
            try
            {
                run(draw);
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        });
        if (!task.Wait(CaseTimeout))
            return new Outcome(index, group, draw.Regime, "(still running)", OutcomeKind.Violation, Invariant($"no answer within {CaseTimeout.TotalSeconds} s"));
        var error = task.Result;
        var log = draw.Log;
        if (error is null) return new Outcome(index, group, draw.Regime, log, OutcomeKind.Success, "");
        if (error is FuzzViolation) return new Outcome(index, group, draw.Regime, log, OutcomeKind.Violation, error.Message);
        return Unclear(error) is string why
            ? new Outcome(index, group, draw.Regime, log, OutcomeKind.Violation, $"{why}: {error.GetType().Name}: {error.Message}{Environment.NewLine}{Top(error)}")
            : new Outcome(index, group, draw.Regime, log, OutcomeKind.ClearError, $"{error.GetType().Name}: {error.Message}");
    }

    /// <summary>Why <paramref name="e"/> is not a clear error, or null when it is.</summary>
    private static string? Unclear(Exception e)
    {
        if (e is not (ArgumentException or InvalidOperationException)) return "not an argument or state error";
        if (string.IsNullOrWhiteSpace(e.Message)) return "no message";
        if (DefaultMessages.FirstOrDefault(m => e.Message.Contains(m, StringComparison.Ordinal)) is string d) return $"a default message (\"{d}\")";
        // The JIT may inline an engine method that throws into the fuzz case calling it, so the throwing frame
        // is then the test's own; either way it is not .NET's or MathNet's.
        var thrower = e.TargetSite?.DeclaringType?.Assembly;
        if (thrower != typeof(Mat).Assembly && thrower != typeof(ApiFuzzTests).Assembly)
            return $"thrown by {e.TargetSite?.DeclaringType?.FullName ?? "?"}, not by the engine";
        return null;
    }

    private static string Top(Exception e) =>
        string.Join(Environment.NewLine, (e.StackTrace ?? "").Split(Environment.NewLine).Take(4));

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);

    [GeneratedRegex(@"-?\d+(\.\d+)?(E[-+]?\d+)?")]
    private static partial Regex Digits();

    private enum OutcomeKind { Success, ClearError, Violation }

    private sealed record Outcome(int Index, string Group, FuzzRegime Regime, string Log, OutcomeKind Kind, string Detail)
    {
        public override string ToString() =>
            new StringBuilder().Append(Invariant($"case #{Index} ({Group}, {Regime} values): {Log}"))
                .Append(Environment.NewLine).Append("    → ").Append(Detail).ToString();
    }
}
