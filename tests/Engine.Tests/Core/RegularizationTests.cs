using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Regularization;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Core;

/// <summary>
/// The lecture regularises the weights only: biases, batch norm's γ and β and PReLU's α are left out of
/// λ·R(W) and its gradient (penalising a bias buys nothing and would pull γ, the learned scale, toward 0).
/// </summary>
public class RegularizationTests
{
    private static (List<Parameter> All, Parameter W) Layers()
    {
        var rng = new Rng(3);
        var dense = new Dense(4, 3, Init.Initializer.He, rng);
        var bn = new BatchNorm(3);
        var prelu = new PReLU(3);
        var all = dense.Parameters.Concat(bn.Parameters).Concat(prelu.Parameters).ToList();
        // Non-zero values everywhere, so leaving a parameter out is visible in the cost.
        foreach (var p in all.Where(p => !ReferenceEquals(p, dense.Parameters[0])))
            p.Value.MapInplace(_ => rng.Uniform(0.5, 2.0));
        return (all, dense.Parameters[0]);
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("l1")]
    [InlineData("elastic")]
    public void Only_W_counts_in_the_cost_and_only_dW_gets_the_penalty_s_gradient(string kind)
    {
        var (all, w) = Layers();
        var reg = Regularizer.Parse(kind, 0.1);
        Assert.Equal(reg.Cost([w]), reg.Cost(all), 15);
        Assert.True(reg.Cost([w]) > 0);

        foreach (var p in all) p.Grad.Clear();
        reg.AddGradients(all);
        foreach (var p in all.Where(p => !ReferenceEquals(p, w)))
            Assert.True(p.Grad.ForAll(g => g == 0), $"{p.Name} was regularised");
        Assert.Contains(w.Grad.Enumerate(), g => g != 0);
    }

    [Fact]
    public void L2_is_half_lambda_times_the_sum_of_squared_weights_and_adds_lambda_W_to_dW()
    {
        var w = new Parameter("W", Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, -2.0 }, { 3.0, 0.5 } }), regularized: true);
        var reg = Regularizer.L2(0.1);
        Assert.Equal(0.5 * 0.1 * (1 + 4 + 9 + 0.25), reg.Cost([w]), 15);
        w.Grad.Clear();
        reg.AddGradients([w]);
        Assert.Equal(0.1 * w.Value, w.Grad);
    }
}
