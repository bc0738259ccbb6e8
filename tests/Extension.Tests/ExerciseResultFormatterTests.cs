using System.Net;
using NotebookDL.Exercises;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

/// <summary>The check table: a badge, the error and pass mark per case, the hint where it failed, the verdict and what to implement.</summary>
public class ExerciseResultFormatterTests
{
    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public void A_passing_check_shows_a_PASS_row_per_case_with_its_error_and_the_verdict()
    {
        var exercise = ExerciseCatalog.Find("dense-forward");
        var html = Decoded(ExerciseResultFormatter.Html(exercise.Check(exercise.Reference)));
        Assert.Equal(4, html.Split(">PASS<").Length - 1);
        Assert.Contains("✓ dense-forward", html);
        Assert.Contains("dense-forward: all 4 cases pass", html);
        Assert.Contains("< 1e-6", html.Replace("1.0e-06", "1e-6"));
        Assert.Contains("implement: Matrix<double> DenseForward(", html);
    }

    [Fact]
    public void A_failing_check_shows_FAIL_with_the_hint_and_the_first_hint_as_the_verdict()
    {
        Func<MathNet.Numerics.LinearAlgebra.Matrix<double>, MathNet.Numerics.LinearAlgebra.Matrix<double>, MathNet.Numerics.LinearAlgebra.Matrix<double>, MathNet.Numerics.LinearAlgebra.Matrix<double>> noBias = (x, w, b) => x * w;
        var result = ExerciseCatalog.Find("dense-forward").Check(noBias);
        var html = Decoded(ExerciseResultFormatter.Html(result));
        Assert.Contains(">FAIL<", html);
        Assert.Contains("✗ dense-forward", html);
        Assert.Contains("First hint: forgot the bias: out = x·W + b", html);
        Assert.Contains("FAIL", ExerciseResultFormatter.Text(result));
    }

    [Fact]
    public void A_stub_is_shown_as_todo_with_not_implemented_yet()
    {
        Func<double, double, NotebookDL.Tensors.Rng, double> stub = (low, high, rng) => throw new NotImplementedException("not implemented yet");
        var html = Decoded(ExerciseResultFormatter.Html(ExerciseCatalog.Find("log-scale").Check(stub)));
        Assert.Contains(">TODO<", html);
        Assert.Contains("log-scale: not implemented yet (0 of 5 cases pass) — write your code in place of the throw", html);
    }

    [Fact]
    public void A_use_result_says_whether_the_code_is_now_in_use()
    {
        var exercise = ExerciseCatalog.Find("adam");
        var replacement = exercise.Plug(exercise.Reference, out var check, name: "adamStep");
        Assert.Contains("In use: your adamStep (adam) as the adam optimiser", Decoded(ExerciseResultFormatter.Html(new UseResult(check, replacement))));
        Assert.Contains("Not plugged in", Decoded(ExerciseResultFormatter.Html(new UseResult(check, null))));
    }

    [Fact]
    public void The_board_lists_every_exercise_with_its_last_check()
    {
        var exercise = ExerciseCatalog.Find("he");
        var board = new ExerciseBoard(ExerciseCatalog.All, new Dictionary<string, ExerciseResult> { ["he"] = exercise.Check(exercise.Reference) }, []);
        var html = Decoded(ExerciseBoardFormatter.Html(board));
        Assert.Contains("Exercises: 1 of 18 pass", html);
        foreach (var name in ExerciseCatalog.Names) Assert.Contains(name, html);
        Assert.Contains("1 of 18 exercises pass", ExerciseBoardFormatter.Text(board));
    }
}
