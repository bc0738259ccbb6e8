using NotebookDL.Exercises;
using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// Exercises in a notebook: Check(...) from a C# cell and #!check naming a variable or a class of the notebook
/// (#!use is tested in <see cref="UseCommandTests"/>). Failed checks are tables, never cell errors.
/// </summary>
[Collection("notebook state")]
public class CheckCommandTests : IClassFixture<SharedKernel>
{
    internal const string Usings =
        "using MathNet.Numerics.LinearAlgebra;\nusing NotebookDL;\nusing NotebookDL.Layers;\nusing NotebookDL.Tensors;\nusing static NotebookDL.Exercise;\n";

    /// <summary>The notebook's batch-norm class, as a learner writes it.</summary>
    internal const string MyBatchNorm = Usings + """
        public class MyBatchNorm : ILayer
        {
            private readonly double _momentum, _eps;
            private Matrix<double> _zNorm, _invStd;
            public MyBatchNorm(int units, double momentum = 0.9, double eps = 1e-5)
            {
                _momentum = momentum; _eps = eps;
                Gamma = new Parameter("gamma", Matrix<double>.Build.Dense(1, units, 1.0), regularized: false);
                Beta = new Parameter("beta", Matrix<double>.Build.Dense(1, units), regularized: false);
                RunningMean = Matrix<double>.Build.Dense(1, units);
                RunningVar = Matrix<double>.Build.Dense(1, units, 1.0);
            }
            public Parameter Gamma { get; }
            public Parameter Beta { get; }
            public Matrix<double> RunningMean { get; }
            public Matrix<double> RunningVar { get; }
            public string Name => $"MyBatchNorm({Gamma.Value.ColumnCount})";
            public IReadOnlyList<Parameter> Parameters => new[] { Gamma, Beta };
            public IReadOnlyDictionary<string, Matrix<double>> Buffers => new Dictionary<string, Matrix<double>> { ["running_mean"] = RunningMean, ["running_var"] = RunningVar };
            public LayerSpec Spec => LayerSpec.Of("BatchNorm", ("units", Gamma.Value.ColumnCount), ("momentum", _momentum), ("eps", _eps));
            public int OutputSize(int inputSize) => inputSize;
            public Matrix<double> Forward(Matrix<double> x, Mode mode)
            {
                int n = x.RowCount;
                var ones = Matrix<double>.Build.Dense(n, 1, 1.0);
                Matrix<double> mean = RunningMean, variance = RunningVar;
                if (mode == Mode.Train)
                {
                    mean = x.ColumnSums().ToRowMatrix() / n;
                    variance = (x - ones * mean).PointwisePower(2).ColumnSums().ToRowMatrix() / n;
                    (_momentum * RunningMean + (1 - _momentum) * mean).CopyTo(RunningMean);
                    (_momentum * RunningVar + (1 - _momentum) * variance).CopyTo(RunningVar);
                }
                _invStd = variance.Map(v => 1 / Math.Sqrt(v + _eps));
                _zNorm = (x - ones * mean).PointwiseMultiply(ones * _invStd);
                return _zNorm.PointwiseMultiply(ones * Gamma.Value) + ones * Beta.Value;
            }
            public Matrix<double> Backward(Matrix<double> dout)
            {
                int n = dout.RowCount;
                var ones = Matrix<double>.Build.Dense(n, 1, 1.0);
                var dBeta = dout.ColumnSums().ToRowMatrix();
                var dGamma = dout.PointwiseMultiply(_zNorm).ColumnSums().ToRowMatrix();
                dBeta.CopyTo(Beta.Grad);
                dGamma.CopyTo(Gamma.Grad);
                return (n * dout - ones * dBeta - _zNorm.PointwiseMultiply(ones * dGamma)).PointwiseMultiply(ones * Gamma.Value.PointwiseMultiply(_invStd)) / n;
            }
        }
        """;

    private readonly NotebookKernel _kernel;

    public CheckCommandTests(SharedKernel shared)
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
    public async Task Check_from_a_csharp_cell_shows_a_pass_table_for_a_correct_softmax()
    {
        var cell = await Ok(Usings + """
            Matrix<double> MySoftmax(Matrix<double> z)
            {
                var a = z.Clone();
                for (int i = 0; i < z.RowCount; i++) { var t = (z.Row(i) - z.Row(i).Maximum()).PointwiseExp(); a.SetRow(i, t / t.Sum()); }
                return a;
            }
            Check("softmax", MySoftmax)
            """);
        Assert.Contains("all 5 cases pass", cell);
        Assert.Contains("PASS", cell);
        Assert.Contains("checked MySoftmax", cell);
        Assert.Contains("implement: Matrix<double> Softmax(Matrix<double> scores)", cell);
    }

    [Fact]
    public async Task A_stub_shows_not_implemented_yet_and_the_cell_still_succeeds()
    {
        var cell = await Ok(Usings + """
            Matrix<double> Stub(Matrix<double> dout, Matrix<double> x)
            {
                throw new NotImplementedException("not implemented yet");
            }
            Check("relu-backward", Stub)
            """);
        Assert.Contains("not implemented yet", cell);
        Assert.Contains("TODO", cell);
        Assert.DoesNotContain("PASS", cell);
    }

    [Fact]
    public async Task Hash_check_runs_the_function_a_variable_holds_and_stores_the_result()
    {
        await Ok(Usings + """
            Matrix<double> ReluBackward(Matrix<double> dout, Matrix<double> x) => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => x[i, j] > 0 ? dout[i, j] : 0);
            var myReluBackward = ReluBackward;
            """);
        var cell = await Ok("#!check relu-backward --impl myReluBackward");
        Assert.Contains("all 4 cases pass", cell);
        Assert.Contains("#!check relu-backward --impl myReluBackward --seed 0", cell);
        Assert.Contains("stored as C# variable check", cell);
        Assert.True(_kernel.Variable<ExerciseResult>("check").Passed);
        Assert.True(_kernel.Session.Learner.Checks["relu-backward"].Passed);
    }

    [Fact]
    public async Task Hash_check_shows_a_broken_implementation_as_a_table_with_its_hint_not_an_error()
    {
        await Ok(Usings + "var leaky = (Matrix<double> dout, Matrix<double> x) => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => x[i, j] > 0 ? dout[i, j] : 0);");
        var cell = await Ok("#!check leaky-relu-backward --impl leaky --as leakyCheck");
        Assert.Contains("FAIL", cell);
        Assert.Contains("for x ≤ 0 the gradient is 0.01·dout, not 0", cell);
        Assert.False(_kernel.Variable<ExerciseResult>("leakyCheck").Passed);
    }

    [Fact]
    public async Task Hash_check_finds_a_layer_class_declared_in_the_notebook()
    {
        await Ok(MyBatchNorm);
        var cell = await Ok("#!check batchnorm --impl MyBatchNorm");
        Assert.Contains("all 11 cases pass", cell);
        Assert.Contains("checked MyBatchNorm", cell);
    }

    [Fact]
    public async Task Without_an_exercise_check_lists_the_exercises_and_Exercise_List_renders_the_same_board()
    {
        var cell = await Ok("#!check");
        Assert.Contains("Exercises: ", cell);
        foreach (var name in ExerciseCatalog.Names) Assert.Contains(name, cell);
        var list = await Ok("NotebookDL.Exercise.List()");
        Assert.Contains("batchnorm-network", list);
        Assert.Contains("what to write", list);
    }

    [Theory]
    [InlineData("#!check sofmax --impl x", "unknown exercise 'sofmax'")]
    [InlineData("#!check softmax", "--impl is required")]
    [InlineData("#!check softmax --impl nothingHere", "there is no C# variable or class named 'nothingHere'")]
    [InlineData("#!check softmax --impl 3x", "--impl must name a C# variable or class")]
    [InlineData("#!check --impl x", "say which exercise to check")]
    [InlineData("#!check softmax --impl x --seed abc", "--seed must be a whole number")]
    public async Task Bad_input_gives_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        await Ok("var keepInt = 42;");
        var failed = await _kernel.SubmitAsync(line);
        Assert.False(failed.Succeeded, failed.Describe());
        Assert.Contains(message, failed.Failure!.Message);
        await Ok("keepInt + 1");
    }

    [Fact]
    public async Task A_variable_of_another_type_is_a_failed_signature_case_not_an_error()
    {
        await Ok("var notAFunction = \"hello\";");
        var cell = await Ok("#!check softmax --impl notAFunction");
        Assert.Contains("that is a string, not a function", cell);
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var help = await Ok("#!check --help");
        Assert.Contains("--impl", help);
        Assert.Contains("--timeout", help);
    }

    private const string Grader = "a grader would give it no points";

    [Fact]
    public async Task A_softmax_that_only_calls_the_engines_passes_with_a_warning_that_it_is_not_your_own_code()
    {
        var cell = await Ok(Usings + """
            Matrix<double> MySoftmax(Matrix<double> s) => NotebookDL.Losses.Softmax.Rows(s);
            Check("softmax", MySoftmax)
            """);
        Assert.Contains("all 5 cases pass", cell);
        Assert.Contains("⚠ MySoftmax calls NotebookDL.Losses.Softmax.Rows, the engine's own code: write it yourself (a grader would give it no points)", cell);
        Assert.Single(_kernel.Session.Learner.Checks["softmax"].Warnings);
        Assert.Contains("pass (!)", (await _kernel.SubmitAsync("#!check --list")).Text);
    }

    [Fact]
    public async Task Hash_check_follows_a_lambda_into_a_function_of_an_earlier_cell_that_calls_the_engine()
    {
        await Ok(Usings + "Matrix<double> Helper(Matrix<double> s) => NotebookDL.Losses.Softmax.Rows(s);");
        await Ok(Usings + "var lazy = (Matrix<double> s) => Helper(s.Clone());");
        var cell = await Ok("#!check softmax --impl lazy");
        Assert.Contains("all 5 cases pass", cell);
        Assert.Contains("lazy calls NotebookDL.Losses.Softmax.Rows, the engine's own code", cell);
        Assert.Contains(Grader, _kernel.Variable<ExerciseResult>("check").ToString());
    }

    [Fact]
    public async Task A_genuine_softmax_and_the_notebooks_batch_norm_class_get_no_warning()
    {
        var softmax = await Ok(Usings + """
            Matrix<double> Genuine(Matrix<double> z)
            {
                var a = z.Clone();
                for (int i = 0; i < z.RowCount; i++) { var t = (z.Row(i) - z.Row(i).Maximum()).PointwiseExp(); a.SetRow(i, t / t.Sum()); }
                return a;
            }
            Check("softmax", Genuine)
            """);
        Assert.Contains("all 5 cases pass", softmax);
        Assert.DoesNotContain(Grader, softmax);
        await Ok(MyBatchNorm);
        var batchnorm = await Ok("#!check batchnorm --impl MyBatchNorm");
        Assert.Contains("all 11 cases pass", batchnorm);
        Assert.DoesNotContain(Grader, batchnorm);
    }

    /// <summary>
    /// A learner's endless loop. It spins until a later cell sets <c>release</c>, so that the test run gets its
    /// core back; to the check, which gives up after the time limit, it is the same as <c>while (true) {}</c>.
    /// </summary>
    private const string Runaway = Usings + """
        var release = new System.Threading.ManualResetEventSlim();
        Matrix<double> Spin(Matrix<double> s) { while (!release.IsSet) { } return s; }
        var spin = Spin;
        var keepMe = 42;
        """;

    [Fact]
    public async Task An_endless_loop_checked_with_timeout_1_returns_in_about_a_second_and_the_notebook_keeps_its_variables()
    {
        await Ok(Runaway);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cell = await Ok("#!check softmax --impl spin --timeout 1");
            clock.Stop();
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
            Assert.Contains("TIMEOUT", cell);
            Assert.Contains("did not return within 1 s (an endless loop?): the runaway code keeps one core busy until the kernel restarts, since .NET cannot abort it", cell);
            Assert.Contains("the notebook's variables are all still there", cell);
            Assert.True(_kernel.Variable<ExerciseResult>("check").TimedOut);
            Assert.Contains("timed out", (await _kernel.SubmitAsync("#!check --list")).Text);

            await Ok("var seen = keepMe + 1;"); // a later cell still sees a variable of an earlier one
            Assert.Equal(43, _kernel.Variable<int>("seen"));
        }
        finally
        {
            await _kernel.SubmitAsync("release.Set();");
        }
    }

    [Fact]
    public async Task Check_from_a_csharp_cell_takes_timeoutSeconds_and_returns_the_timed_out_table()
    {
        await Ok(Runaway);
        try
        {
            var cell = await Ok("Check(\"softmax\", Spin, timeoutSeconds: 0.5)");
            Assert.Contains("did not return within 0.5 s", cell);
            Assert.Contains("✗ softmax", cell);
            await Ok("var seen = keepMe + 1;");
            Assert.Equal(43, _kernel.Variable<int>("seen"));
        }
        finally
        {
            await _kernel.SubmitAsync("release.Set();");
        }
    }

    [Fact]
    public async Task A_time_limit_that_is_not_positive_is_a_clear_error()
    {
        var magic = await _kernel.SubmitAsync("#!check softmax --impl x --timeout 0");
        Assert.Contains("--timeout must be a number", magic.Failure!.Message);
        await Ok(Usings + "Matrix<double> Same(Matrix<double> s) => s;");
        var csharp = await _kernel.SubmitAsync("Check(\"softmax\", Same, timeoutSeconds: -1)");
        Assert.Contains("timeoutSeconds must be a positive number of seconds", csharp.Failure!.Message);
    }
}
