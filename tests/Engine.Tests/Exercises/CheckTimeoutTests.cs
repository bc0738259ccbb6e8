using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Exercises;

namespace NotebookDL.Tests.Exercises;

/// <summary>
/// A check with a time limit returns even when the learner's code never does. The endless loops here spin
/// until the test releases them: to the check they are endless, and the test run gets its core back.
/// </summary>
public class CheckTimeoutTests
{
    private static readonly ExerciseDefinition Softmax = ExerciseCatalog.Find("softmax");

    /// <summary>A softmax that spins from its <paramref name="hangOnCall"/>-th call until released; counts its calls.</summary>
    private sealed class Runaway(int hangOnCall) : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Matrix<double> Softmax(Matrix<double> z)
        {
            if (Interlocked.Increment(ref _calls) >= hangOnCall)
                while (!_release.IsSet) { } // an endless loop, as far as the check can tell
            return SoftmaxExerciseTests.LearnerSoftmax(z);
        }

        public void Dispose() => _release.Set();
    }

    [Fact]
    public void An_endless_loop_returns_after_the_time_limit_with_a_timed_out_case_naming_the_seconds()
    {
        using var runaway = new Runaway(hangOnCall: 1);
        var clock = Stopwatch.StartNew();
        var result = Softmax.Check((Func<Matrix<double>, Matrix<double>>)runaway.Softmax, timeout: TimeSpan.FromSeconds(0.5));
        clock.Stop();
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.45), TimeSpan.FromSeconds(5));
        Assert.True(result.TimedOut);
        Assert.False(result.Passed);
        var only = Assert.Single(result.Cases);
        Assert.Equal(CaseOutcome.TimedOut, only.Outcome);
        Assert.Equal("the lecture's z = [5, 2, −1, 3]: a = [0.842, 0.042, 0.002, 0.114]", only.Name); // the case that was running
        Assert.Equal("did not return within 0.5 s (an endless loop?): the runaway code keeps one core busy until the kernel restarts, since .NET cannot abort it", only.Hint);
        Assert.Contains("timed out after 0 passing cases — did not return within 0.5 s", result.Summary);
        Assert.Contains("TIME", result.ToString());
    }

    [Fact]
    public void The_cases_finished_before_the_runaway_one_are_kept_and_no_case_runs_after_it()
    {
        var runaway = new Runaway(hangOnCall: 3);
        var result = Softmax.Check((Func<Matrix<double>, Matrix<double>>)runaway.Softmax, timeout: TimeSpan.FromSeconds(0.5));
        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.TimedOut], result.Cases.Select(c => c.Outcome));
        Assert.Equal("random scores (20, 3)", result.Cases[2].Name);
        Assert.Contains("timed out after 2 passing cases", result.Summary);

        runaway.Dispose(); // the third call returns now; the abandoned check must not start the fourth
        Thread.Sleep(300);
        Assert.Equal(3, runaway.Calls);
        Assert.Equal(3, result.Cases.Count);
    }

    [Fact]
    public void Code_that_returns_in_time_gives_the_same_result_as_a_check_without_a_limit()
    {
        Func<Matrix<double>, Matrix<double>> mine = SoftmaxExerciseTests.LearnerSoftmax;
        var limited = Softmax.Check(mine, seed: 2, timeout: TimeSpan.FromSeconds(30));
        var unlimited = Softmax.Check(mine, seed: 2);
        Assert.False(limited.TimedOut);
        Assert.True(limited.Passed, limited.ToString());
        Assert.Equal(unlimited.Cases, limited.Cases);
    }

    [Fact]
    public void With_a_limit_the_cases_run_on_a_background_thread_without_one_on_the_callers()
    {
        var threads = new List<(Thread Thread, bool Background)>();
        Func<Matrix<double>, Matrix<double>> spy = z =>
        {
            lock (threads) threads.Add((Thread.CurrentThread, Thread.CurrentThread.IsBackground));
            return SoftmaxExerciseTests.LearnerSoftmax(z);
        };
        Softmax.Check(spy);
        Assert.All(threads, t => Assert.Same(Thread.CurrentThread, t.Thread));
        threads.Clear();
        Softmax.Check(spy, timeout: TimeSpan.FromSeconds(30));
        Assert.All(threads, t => Assert.True(t.Thread != Thread.CurrentThread && t.Background));
        Assert.NotEmpty(threads);
    }

    [Fact]
    public void A_learners_exception_is_still_a_case_when_the_cases_run_on_their_own_thread()
    {
        var result = Softmax.Check((Func<Matrix<double>, Matrix<double>>)(_ => throw new InvalidOperationException("boom")), timeout: TimeSpan.FromSeconds(30));
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Threw, c.Outcome));
        Assert.Contains("boom", result.FirstHint);
    }

    [Fact]
    public void A_runaway_implementation_is_not_plugged_in()
    {
        using var runaway = new Runaway(hangOnCall: 1);
        var batchnorm = ExerciseCatalog.Find("batchnorm");
        Func<int, NotebookDL.Layers.ILayer<double>> hangs = units =>
        {
            runaway.Softmax(Matrix<double>.Build.Dense(1, 1));
            return new LearnerBatchNorm(units);
        };
        Assert.Null(batchnorm.Plug(hangs, out var check, timeout: TimeSpan.FromSeconds(0.3)));
        Assert.True(check.TimedOut);
    }

    [Theory]
    [InlineData(10, "within 10 s")]
    [InlineData(1.5, "within 1.5 s")]
    [InlineData(0.25, "within 0.25 s")]
    public void The_hint_names_the_seconds_of_the_limit(double seconds, string said) =>
        Assert.Contains(said, ExerciseDefinition.TimeoutHint(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_limit_of_zero_is_a_callers_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Softmax.Check((Func<Matrix<double>, Matrix<double>>)SoftmaxExerciseTests.LearnerSoftmax, timeout: TimeSpan.Zero));
}
