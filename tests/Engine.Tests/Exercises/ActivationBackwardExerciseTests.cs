using MathNet.Numerics.LinearAlgebra;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class ActivationBackwardExerciseTests
{
    private static Func<Matrix<double>, Matrix<double>, Matrix<double>> Backward(Func<double, double, double> f) =>
        (dout, x) => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => f(x[i, j], dout[i, j]));

    private static double Sigma(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    [Fact]
    public void Learners_backward_passes_of_all_four_activations_pass()
    {
        Passes("sigmoid-backward", Backward((x, d) => Sigma(x) * (1 - Sigma(x)) * d));
        Passes("tanh-backward", Backward((x, d) => (1 - Math.Tanh(x) * Math.Tanh(x)) * d));
        Passes("relu-backward", Backward((x, d) => x > 0 ? d : 0));
        Passes("leaky-relu-backward", Backward((x, d) => x > 0 ? d : 0.01 * d));
    }

    [Fact]
    public void Relu_masked_with_x_at_least_0_fails_only_the_x_equals_0_case()
    {
        var result = FailsWith("relu-backward", Backward((x, d) => x >= 0 ? d : 0), "at x = 0 the gradient is taken as 0");
        Assert.Single(result.Cases, c => !c.Passed);
    }

    [Fact]
    public void Relu_that_forgets_dout_is_told_the_chain_rule() =>
        FailsWith("relu-backward", Backward((x, d) => x > 0 ? 1 : 0), "multiply by dout (the chain rule");

    [Fact]
    public void Relu_that_lets_every_gradient_through_is_told_to_stop_it_where_x_is_negative() =>
        FailsWith("relu-backward", Backward((x, d) => d), "the gradient must stop where x ≤ 0");

    [Fact]
    public void Sigmoid_derivative_applied_to_x_instead_of_sigma_x_is_named() =>
        FailsWith("sigmoid-backward", Backward((x, d) => x * (1 - x) * d), "apply it to σ(x), not to x");

    [Fact]
    public void An_overflowing_sigmoid_fails_the_large_inputs_with_the_stable_formula()
    {
        var result = FailsWith("sigmoid-backward", Backward((x, d) => Math.Exp(x) / (1 + Math.Exp(x)) * (1 - Math.Exp(x) / (1 + Math.Exp(x))) * d), "σ overflowed");
        Assert.Single(result.Cases, c => !c.Passed);
    }

    [Fact]
    public void Tanh_derivative_with_x_squared_is_named() =>
        FailsWith("tanh-backward", Backward((x, d) => (1 - x * x) * d), "square tanh(x), not x");

    [Fact]
    public void Leaky_relu_written_as_relu_is_told_the_slope() =>
        FailsWith("leaky-relu-backward", Backward((x, d) => x > 0 ? d : 0), "for x ≤ 0 the gradient is 0.01·dout, not 0");

    [Fact]
    public void A_wrong_backward_fails_its_gradient_check_too()
    {
        var result = ExerciseAssert.FailsWith("tanh-backward", Backward((x, d) => (1 - Math.Tanh(x)) * d), "square it");
        Assert.False(result.Cases.Single(c => c.Name.StartsWith("gradient check")).Passed);
    }
}

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
