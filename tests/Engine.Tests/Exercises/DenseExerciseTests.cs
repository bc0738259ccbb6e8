using MathNet.Numerics.LinearAlgebra;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class DenseExerciseTests
{
    private static Matrix<double> Forward(Matrix<double> x, Matrix<double> w, Matrix<double> b)
    {
        var o = x * w;
        for (int i = 0; i < o.RowCount; i++) o.SetRow(i, o.Row(i) + b.Row(0));
        return o;
    }

    private static Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double>, Matrix<double>, Matrix<double>)> Backward(
        Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>>? dW = null,
        Func<Matrix<double>, Matrix<double>>? db = null) =>
        (dout, x, w) => (dout * w.Transpose(),
            dW?.Invoke(dout, x, w) ?? x.Transpose() * dout,
            db?.Invoke(dout) ?? dout.ColumnSums().ToRowMatrix());

    [Fact]
    public void A_learners_forward_x_W_plus_b_passes() =>
        Passes("dense-forward", (Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>>)Forward);

    [Fact]
    public void Forgetting_the_bias_is_named() =>
        FailsWith("dense-forward", (Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>>)((x, w, b) => x * w), "forgot the bias");

    [Fact]
    public void A_learners_backward_passes_with_its_gradient_check() => Passes("dense-backward", Backward());

    [Fact]
    public void Dividing_dW_by_N_again_is_N_times_too_small() =>
        FailsWith("dense-backward", Backward(dW: (dout, x, w) => x.Transpose() * dout / x.RowCount),
            "your dW is N = 4 times too small: did you average over the batch twice?");

    [Fact]
    public void Db_as_the_mean_instead_of_the_sum_is_N_times_too_small() =>
        FailsWith("dense-backward", Backward(db: dout => dout.ColumnSums().ToRowMatrix() / dout.RowCount), "your db is N = 4 times too small");

    [Fact]
    public void Db_not_summed_over_the_batch_is_told_its_shape() =>
        FailsWith("dense-backward", Backward(db: dout => dout), "db must have b's shape (1, M): sum dout over the rows");

    [Fact]
    public void Dw_transposed_is_told_its_shape() =>
        FailsWith("dense-backward", Backward(dW: (dout, x, w) => dout.Transpose() * x), "dW must have W's shape (D, M)");

    [Fact]
    public void A_wrong_sign_in_dx_is_named() =>
        FailsWith("dense-backward", (Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double>, Matrix<double>, Matrix<double>)>)((dout, x, w) =>
            (-(dout * w.Transpose()), x.Transpose() * dout, dout.ColumnSums().ToRowMatrix())), "wrong sign: your dx is −1 × the expected one");
}
