using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Training;

/// <summary>
/// Each rule's first steps on a one-scalar parameter W = 1, with gradients 0.5, 0.2, -0.3, against the
/// update formulas written out with the numbers.
/// </summary>
public class OptimizerTests
{
    private static readonly double[] Gradients = [0.5, 0.2, -0.3];

    /// <summary>Runs the optimiser on W = 1 with the gradients above and returns W after each step.</summary>
    private static double[] Run(IOptimizer optimizer, double lr)
    {
        var w = new Parameter("W", Mat.Row(1.0), regularized: true);
        var values = new double[Gradients.Length];
        for (int s = 0; s < Gradients.Length; s++)
        {
            w.Grad.Data()[0] = Gradients[s];
            optimizer.Step([w], lr);
            values[s] = w.Value.Data()[0];
        }
        return values;
    }

    private static void Equal(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    [Fact]
    public void Sgd_steps_W_minus_lr_dW()
    {
        // W = 1 - 0.1·0.5 = 0.95; 0.95 - 0.1·0.2 = 0.93; 0.93 - 0.1·(-0.3) = 0.96
        Equal([0.95, 0.93, 0.96], Run(new Sgd(), 0.1));
    }

    [Fact]
    public void Sgd_updates_a_matrix_elementwise_in_place()
    {
        var w = new Parameter("W", Mat.OfRows([1.0, -2.0], [3.0, 0.5]), regularized: true);
        var before = w.Value;
        w.Grad.Data()[0] = 1; w.Grad.Data()[1] = 2; w.Grad.Data()[2] = -1; w.Grad.Data()[3] = 0;
        new Sgd().Step([w], 0.5);
        Assert.Same(before, w.Value);
        Assert.Equal([0.5, 2.0, -1.5, 0.5], [w.Value[0, 0], w.Value[1, 0], w.Value[0, 1], w.Value[1, 1]]);
    }

    [Fact]
    public void Momentum_with_beta_0_9_follows_v_equals_beta_v_minus_lr_dW()
    {
        // v1 = 0.9·0 - 0.1·0.5 = -0.05;           W = 1 - 0.05 = 0.95
        // v2 = 0.9·(-0.05) - 0.1·0.2 = -0.065;     W = 0.95 - 0.065 = 0.885
        // v3 = 0.9·(-0.065) - 0.1·(-0.3) = -0.0285; W = 0.885 - 0.0285 = 0.8565
        Equal([0.95, 0.885, 0.8565], Run(new Momentum(0.9), 0.1));
    }

    [Fact]
    public void Nesterov_follows_cs231n_x_plus_minus_mu_v_prev_plus_1_plus_mu_v()
    {
        // v1 = -0.05;   x = 1 - 0.9·0 + 1.9·(-0.05) = 0.905
        // v2 = -0.065;  x = 0.905 - 0.9·(-0.05) + 1.9·(-0.065) = 0.905 + 0.045 - 0.1235 = 0.8265
        // v3 = -0.0285; x = 0.8265 - 0.9·(-0.065) + 1.9·(-0.0285) = 0.8265 + 0.0585 - 0.05415 = 0.83085
        Equal([0.905, 0.8265, 0.83085], Run(new Nesterov(0.9), 0.1));
    }

    [Fact]
    public void RmsProp_with_decay_0_99_divides_by_the_root_of_the_cache()
    {
        // cache1 = 0.99·0 + 0.01·0.5² = 0.0025
        double x1 = 1 - 0.01 * 0.5 / (Math.Sqrt(0.0025) + 1e-8);
        // cache2 = 0.99·0.0025 + 0.01·0.2² = 0.002475 + 0.0004 = 0.002875
        double x2 = x1 - 0.01 * 0.2 / (Math.Sqrt(0.002875) + 1e-8);
        // cache3 = 0.99·0.002875 + 0.01·0.3² = 0.00284625 + 0.0009 = 0.00374625
        double x3 = x2 - 0.01 * -0.3 / (Math.Sqrt(0.00374625) + 1e-8);
        Equal([x1, x2, x3], Run(new RmsProp(0.99, 1e-8), 0.01));
        // The first step moves by about lr / sqrt(1 - decay) = 0.01 / 0.1 = 0.1 whatever the gradient's size.
        Assert.Equal(0.9, x1, 1e-6);
    }

    [Fact]
    public void Adam_first_three_steps_match_the_bias_corrected_formulas()
    {
        // t = 1: m = 0.1·0.5 = 0.05; v = 0.001·0.25 = 0.00025;
        //        m_hat = 0.05 / (1 - 0.9) = 0.5; v_hat = 0.00025 / (1 - 0.999) = 0.25
        double w1 = 1 - 0.1 * 0.5 / (Math.Sqrt(0.25) + 1e-8);
        // t = 2: m = 0.9·0.05 + 0.1·0.2 = 0.065; v = 0.999·0.00025 + 0.001·0.04 = 0.00028975
        //        m_hat = 0.065 / (1 - 0.81); v_hat = 0.00028975 / (1 - 0.998001)
        double w2 = w1 - 0.1 * (0.065 / 0.19) / (Math.Sqrt(0.00028975 / 0.001999) + 1e-8);
        // t = 3: m = 0.9·0.065 + 0.1·(-0.3) = 0.0285; v = 0.999·0.00028975 + 0.001·0.09 = 0.00037946025
        //        m_hat = 0.0285 / (1 - 0.729); v_hat = 0.00037946025 / (1 - 0.997002999)
        double w3 = w2 - 0.1 * (0.0285 / 0.271) / (Math.Sqrt(0.00037946025 / 0.002997001) + 1e-8);
        Equal([w1, w2, w3], Run(new Adam(0.9, 0.999, 1e-8), 0.1));
        // Bias correction makes the first step lr·sign(dW): W = 1 - 0.1 = 0.9 (up to eps).
        Assert.Equal(0.9, w1, 1e-7);
    }

    [Fact]
    public void Adam_counts_steps_per_parameter()
    {
        var adam = new Adam();
        var a = new Parameter("a", Mat.Row(0.0), regularized: true);
        var b = new Parameter("b", Mat.Row(0.0), regularized: true);
        a.Grad.Data()[0] = 0.5;
        adam.Step([a], 0.1);
        adam.Step([a], 0.1);
        // b's first step is a t = 1 step (m_hat = dW, v_hat = dW²), though a has taken two: it moves by lr.
        b.Grad.Data()[0] = 0.02;
        adam.Step([a, b], 0.1);
        Assert.Equal(-0.1, b.Value[0, 0], 1e-6);
        Assert.Equal(2, adam.StateCount);
    }

    [Fact]
    public void Reset_forgets_the_velocity()
    {
        var momentum = new Momentum(0.9);
        var first = Run(momentum, 0.1);
        momentum.Reset();
        Assert.Equal(0, momentum.StateCount);
        Assert.Equal(first, Run(momentum, 0.1)); // a fresh start on a fresh parameter
    }

    [Fact]
    public void A_step_reuses_the_state_arrays_and_allocates_nothing_per_step()
    {
        var adam = new Adam();
        var w = new Parameter("W", Mat.Gaussian(50, 50, new Rng(1)), regularized: true);
        var ps = new[] { w };
        w.Grad.Data().AsSpan().Fill(0.1);
        adam.Step(ps, 1e-3); // creates the state
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) adam.Step(ps, 1e-3);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    [InlineData("rmsprop")]
    [InlineData("adam")]
    public void A_7_by_9_weight_matrix_moves_exactly_as_its_63_scalars_stepped_one_at_a_time(string rule)
    {
        // The matrix goes through the vectorised update (a whole number of vectors, then a scalar tail); a
        // one-scalar parameter only through the scalar formula the tests above check with the numbers.
        var rng = new Rng(7);
        var matrix = new Parameter("W", Mat.Gaussian(7, 9, rng), regularized: true);
        var scalars = matrix.Value.Data().Select(v => new Parameter("w", Mat.Row(v), regularized: true)).ToArray();
        IOptimizer whole = Optimizer.Parse(rule), alone = Optimizer.Parse(rule);
        for (int step = 0; step < 3; step++)
        {
            var grad = Mat.Gaussian(7, 9, rng).Data();
            grad.CopyTo(matrix.Grad.Data(), 0);
            for (int k = 0; k < grad.Length; k++) scalars[k].Grad.Data()[0] = grad[k];
            whole.Step([matrix], 0.01);
            alone.Step(scalars, 0.01);
        }
        Assert.Equal(scalars.Select(p => p.Value[0, 0]), matrix.Value.Data()); // bit for bit
        Assert.NotEqual(Mat.Gaussian(7, 9, new Rng(7)).Data(), matrix.Value.Data()); // and they did move
    }

    [Theory]
    [InlineData("sgd", typeof(Sgd))]
    [InlineData("momentum", typeof(Momentum))]
    [InlineData("Nesterov", typeof(Nesterov))]
    [InlineData("rmsprop", typeof(RmsProp))]
    [InlineData(" adam ", typeof(Adam))]
    public void Parse_knows_the_lecture_rules(string name, Type type) =>
        Assert.IsType(type, Optimizer.Parse(name));

    [Fact]
    public void Parse_gives_defaults_and_takes_overrides()
    {
        var adam = Assert.IsType<Adam>(Optimizer.Parse("adam"));
        Assert.Equal((0.9, 0.999, 1e-8), (adam.Beta1, adam.Beta2, adam.Eps));
        Assert.Equal(0.99, Assert.IsType<RmsProp>(Optimizer.Parse("rmsprop")).DecayRate);
        Assert.Equal(0.95, Assert.IsType<Momentum>(Optimizer.Parse("momentum", new OptimizerOptions { Beta = 0.95 })).Beta);
    }

    [Fact]
    public void Parse_rejects_an_unknown_name_and_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.Parse("adagrad"));
        Assert.Contains("'adagrad'", e.Message);
        Assert.Contains("rmsprop", e.Message);
    }

    [Fact]
    public void Parse_rejects_an_option_the_rule_does_not_take()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.Parse("momentum", new OptimizerOptions { Beta1 = 0.9 }));
        Assert.Contains("beta1", e.Message);
    }

    [Theory]
    [InlineData("momentum", 1.0, null, null)]
    [InlineData("nesterov", -0.1, null, null)]
    [InlineData("adam", double.NaN, null, null)]
    [InlineData("rmsprop", null, 0.0, null)]
    [InlineData("adam", null, -1e-8, null)]
    [InlineData("adam", null, null, 1.0)]
    public void Parse_rejects_beta_outside_0_1_and_eps_not_positive(string name, double? beta, double? eps, double? beta2)
    {
        var options = name == "adam"
            ? new OptimizerOptions { Beta1 = beta, Eps = eps, Beta2 = beta2 }
            : name == "rmsprop" ? new OptimizerOptions { DecayRate = beta, Eps = eps } : new OptimizerOptions { Beta = beta };
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimizer.Parse(name, options));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1e-3)]
    [InlineData(double.PositiveInfinity)]
    public void A_step_rejects_a_learning_rate_that_is_not_a_finite_non_negative_number(double lr)
    {
        var w = new Parameter("W", Mat.Row(1.0), regularized: true);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam().Step([w], lr));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd().Step([w], lr));
    }
}
