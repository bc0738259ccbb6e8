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
