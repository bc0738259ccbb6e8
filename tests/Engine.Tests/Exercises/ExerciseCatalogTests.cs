using System.Diagnostics;
using NotebookDL.Exercises;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Exercises;

/// <summary>The catalogue: every exercise passes the engine's own implementation, fast, and names cases and stubs clearly.</summary>
public class ExerciseCatalogTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names() => [.. ExerciseCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_engines_own_implementation_passes_every_case_of_its_exercise(string name)
    {
        var exercise = ExerciseCatalog.Find(name);
        var clock = Stopwatch.StartNew();
        var result = exercise.Check(exercise.Reference);
        output.WriteLine($"{result}\n({clock.ElapsedMilliseconds} ms)");
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.Cases.Count >= 3, $"{name} has only {result.Cases.Count} cases");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{name} took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_stub_that_throws_not_implemented_fails_every_case_as_not_implemented_yet(string name)
    {
        var exercise = ExerciseCatalog.Find(name);
        var stub = Stubs.NotImplemented(exercise.ImplementationType);
        var result = exercise.Check(stub);
        Assert.False(result.Passed);
        Assert.True(result.NotImplemented, result.ToString());
        Assert.All(result.Cases, c => Assert.Equal("not implemented yet", c.Hint));
        Assert.Contains("not implemented yet", result.Summary);
    }

    [Fact]
    public void The_catalogue_covers_the_curriculum_exercises_in_order()
    {
        Assert.Equal(
            ["softmax", "softmax-loss", "sigmoid-backward", "tanh-backward", "relu-backward", "leaky-relu-backward", "dense-forward", "dense-backward",
             "xavier", "he", "dropout", "batchnorm", "batchnorm-network", "momentum", "rmsprop", "adam", "log-scale", "beta-sampling"],
            ExerciseCatalog.Names);
    }

    [Fact]
    public void An_unknown_exercise_is_a_clear_error_listing_the_names()
    {
        var e = Assert.Throws<ArgumentException>(() => ExerciseCatalog.Find("sofmax"));
        Assert.Contains("unknown exercise 'sofmax'", e.Message);
        Assert.Contains("softmax-loss", e.Message);
    }

    [Fact]
    public void A_function_of_another_signature_is_one_failed_case_saying_what_is_needed()
    {
        Func<int, int> square = x => x * x;
        var result = ExerciseCatalog.Find("softmax").Check(square);
        var only = Assert.Single(result.Cases);
        Assert.Equal(CaseOutcome.Failed, only.Outcome);
        Assert.Contains("(int) → int", only.Hint);
        Assert.Contains("Matrix<double> Softmax(Matrix<double> scores)", only.Hint);
    }

    [Fact]
    public void Null_is_a_failed_case_not_an_exception()
    {
        var result = ExerciseCatalog.Find("adam").Check(null);
        Assert.False(result.Passed);
        Assert.Contains("no implementation", result.Cases[0].Hint);
    }

    [Fact]
    public void The_same_seed_gives_the_same_cases_and_errors()
    {
        var exercise = ExerciseCatalog.Find("batchnorm");
        var a = exercise.Check(exercise.Reference, seed: 3);
        var b = exercise.Check(exercise.Reference, seed: 3);
        Assert.Equal(a.Cases, b.Cases);
    }
}
