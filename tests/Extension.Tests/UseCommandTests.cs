using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

/// <summary>#!use: a passing implementation plugged into the engine, so #!train builds its networks and optimisers with it.</summary>
[Collection("notebook state")]
public class UseCommandTests : IClassFixture<SharedKernel>
{
    private const string Usings = CheckCommandTests.Usings;
    private readonly NotebookKernel _kernel;

    public UseCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    /// <summary>Runs a cell that must succeed; returns its HTML as text (entities decoded).</summary>
    private async Task<string> Ok(string code)
    {
        var cell = await _kernel.SubmitAsync(code);
        Assert.True(cell.Succeeded, cell.Describe());
        return System.Net.WebUtility.HtmlDecode(cell.Html);
    }

    [Fact]
    public async Task Hash_use_plugs_a_passing_batch_norm_class_in_and_train_builds_its_networks_with_it_until_use_off()
    {
        await Ok(CheckCommandTests.MyBatchNorm);
        var use = await Ok("#!use MyBatchNorm");
        Assert.Contains("In use: your MyBatchNorm (batchnorm) for every BatchNorm layer", use);

        var train = await Ok("#!train --batchnorm --hidden 20,20 --epochs 2 --as bnRun");
        Assert.Contains("your code: MyBatchNorm for BatchNorm layers", train);
        Assert.Equal(2, _kernel.Variable<TrainingRun>("bnRun").Network.Layers.Count(l => l.GetType().Name == "MyBatchNorm"));

        var off = await Ok("#!use --off");
        Assert.Contains("back to the engine's own code for BatchNorm", off);
        var again = await Ok("#!train --batchnorm --hidden 20 --epochs 1 --as builtInRun");
        Assert.DoesNotContain("your code:", again);
        Assert.Contains(_kernel.Variable<TrainingRun>("builtInRun").Network.Layers, l => l is NotebookDL.Layers.BatchNorm<double>);
    }

    [Fact]
    public async Task Hash_use_of_a_failing_implementation_shows_its_table_and_plugs_nothing_in()
    {
        await Ok(Usings + "var badAdam = (Matrix<double> w, Matrix<double> dw, Matrix<double> m, Matrix<double> v, int t, double lr, double b1, double b2, double eps) => (w - lr * dw, m, v);");
        var cell = await Ok("#!use badAdam");
        Assert.Contains("FAIL", cell);
        Assert.Contains("Not plugged in: the engine's own code stays in use", cell);
        Assert.Empty(_kernel.Session.Learner.InUse);
    }

    [Fact]
    public async Task Hash_use_finds_the_activation_from_the_check_it_passes_and_an_adam_step_from_its_signature()
    {
        await Ok(Usings + """
            var tanhBack = (Matrix<double> dout, Matrix<double> x) => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => (1 - Math.Tanh(x[i, j]) * Math.Tanh(x[i, j])) * dout[i, j]);
            (Matrix<double> W, Matrix<double> M, Matrix<double> V) AdamStep(Matrix<double> w, Matrix<double> dw, Matrix<double> m, Matrix<double> v, int t, double lr, double beta1, double beta2, double eps)
            {
                m = beta1 * m + (1 - beta1) * dw;
                v = beta2 * v + (1 - beta2) * dw.PointwisePower(2);
                var mHat = m / (1 - Math.Pow(beta1, t));
                var vHat = v / (1 - Math.Pow(beta2, t));
                return (w - lr * mHat.PointwiseDivide(vHat.PointwiseSqrt() + eps), m, v);
            }
            var adamStep = AdamStep;
            """);
        var tanh = await Ok("#!use tanhBack");
        Assert.True(tanh.Contains("In use: your tanhBack"), tanh);
        Assert.Contains("In use: your tanhBack (tanh-backward) for every Tanh layer", tanh);
        var adam = await Ok("#!use adamStep");
        Assert.Contains("as the adam optimiser", adam);
        var train = await Ok("#!train --activation tanh --optimizer adam --hidden 10 --epochs 1 --as mine");
        Assert.Contains("your code: tanhBack for Tanh layers, adamStep as adam", train);
        var status = await Ok("#!use");
        Assert.Contains("tanhBack for Tanh layers", status);
    }


    [Theory]
    [InlineData("#!use keepInt", "fits none of the exercises that can be plugged in")]
    [InlineData("#!use keepInt --layer bogus", "--layer must be one of batchnorm, dropout, relu")]
    [InlineData("#!use keepInt --layer relu --optimizer adam", "give --layer or --optimizer, not both")]
    [InlineData("#!use keepInt --off", "--off takes no implementation")]
    [InlineData("#!use --bogus", "unknown option --bogus")]
    public async Task Bad_input_gives_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        await Ok("var keepInt = 42;");
        var failed = await _kernel.SubmitAsync(line);
        Assert.False(failed.Succeeded, failed.Describe());
        Assert.Contains(message, failed.Failure!.Message);
        await Ok("keepInt + 1");
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var help = await Ok("#!use --help");
        Assert.Contains("--optimizer", help);
        Assert.Contains("--timeout", help);
    }

    [Fact]
    public async Task Hash_use_plugs_in_a_relu_backward_made_of_the_engines_relu_and_shows_the_warning()
    {
        await Ok(Usings + """
            var lazyRelu = (Matrix<double> dout, Matrix<double> x) =>
            {
                var relu = new ReLU();
                relu.Forward(x, Mode.Train);
                return relu.Backward(dout);
            };
            """);
        var cell = await Ok("#!use lazyRelu --layer relu");
        Assert.Contains("In use: your lazyRelu (relu-backward) for every ReLU layer", cell);
        Assert.Contains("lazyRelu calls new NotebookDL.Layers.ReLU, NotebookDL.Layers.Activation.Forward and NotebookDL.Layers.Activation.Backward, the engine's own code: write it yourself (a grader would give it no points)", cell);
    }

    [Fact]
    public async Task Hash_use_of_an_endless_loop_stops_after_timeout_plugs_nothing_in_and_tries_no_other_exercise()
    {
        // Spins until the last cell releases it (the test run gets its core back); to #!use it never returns.
        await Ok(Usings + """
            var release = new System.Threading.ManualResetEventSlim();
            var spinBackward = (Matrix<double> dout, Matrix<double> x) => { while (!release.IsSet) { } return dout; };
            var keepMe = 42;
            """);
        try
        {
            var cell = await Ok("#!use spinBackward --timeout 0.5");
            Assert.Contains("did not return within 0.5 s (an endless loop?)", cell);
            Assert.Contains("Not plugged in", cell);
            Assert.Empty(_kernel.Session.Learner.InUse);
            // The signature fits four activations' backward passes: after the first ran away, no other was tried.
            Assert.Single(_kernel.Session.Learner.Checks.Values, r => r.Exercise.Name.EndsWith("-backward", StringComparison.Ordinal));
            await Ok("var seen = keepMe + 1;");
            Assert.Equal(43, _kernel.Variable<int>("seen"));
        }
        finally
        {
            await _kernel.SubmitAsync("release.Set();");
        }
    }

    [Fact]
    public async Task Exercise_Use_from_a_csharp_cell_takes_timeoutSeconds()
    {
        await Ok(Usings + """
            var release = new System.Threading.ManualResetEventSlim();
            var spinAdam = (Matrix<double> w, Matrix<double> dw, Matrix<double> m, Matrix<double> v, int t, double lr, double b1, double b2, double eps) =>
            {
                while (!release.IsSet) { }
                return (w, m, v);
            };
            """);
        try
        {
            var cell = await Ok("NotebookDL.Exercise.Use(\"adam\", spinAdam, timeoutSeconds: 0.5)");
            Assert.Contains("did not return within 0.5 s", cell);
            Assert.Contains("Not plugged in", cell);
        }
        finally
        {
            await _kernel.SubmitAsync("release.Set();");
        }
    }
}
