using MathNet.Numerics.LinearAlgebra;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class SoftmaxExerciseTests
{
    /// <summary>How a learner writes it: per row, subtract the max, exponentiate, divide by the sum.</summary>
    internal static Matrix<double> LearnerSoftmax(Matrix<double> z)
    {
        var a = z.Clone();
        for (int i = 0; i < z.RowCount; i++)
        {
            var t = (z.Row(i) - z.Row(i).Maximum()).PointwiseExp();
            a.SetRow(i, t / t.Sum());
        }
        return a;
    }

    [Fact]
    public void A_learners_row_by_row_softmax_passes_and_shows_the_lecture_numbers_case() =>
        Assert.Contains(Passes("softmax", (Func<Matrix<double>, Matrix<double>>)LearnerSoftmax).Cases, c => c.Name.Contains("0.842"));

    [Fact]
    public void Normalising_over_the_columns_is_told_to_normalise_each_row() =>
        FailsWith("softmax", (Func<Matrix<double>, Matrix<double>>)(z => LearnerSoftmax(z.Transpose()).Transpose()), "your columns sum to 1");

    [Fact]
    public void Forgetting_to_subtract_the_max_fails_only_the_large_scores_with_the_overflow_hint()
    {
        var result = FailsWith("softmax", (Func<Matrix<double>, Matrix<double>>)(z =>
        {
            var t = z.PointwiseExp();
            for (int i = 0; i < z.RowCount; i++) t.SetRow(i, t.Row(i) / t.Row(i).Sum());
            return t;
        }), "subtract each row's own max");
        Assert.Single(result.Cases, c => !c.Passed);
    }

    [Fact]
    public void Returning_e_to_the_z_is_told_to_divide_by_the_rows_sum() =>
        FailsWith("softmax", (Func<Matrix<double>, Matrix<double>>)(z => z.PointwiseExp()), "divide t = e^z by its row's sum");
}
