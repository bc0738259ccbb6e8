using System.Reflection;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// Batch normalisation as a layer class of the learner's (an <see cref="ILayer"/> made for D units): batch
/// statistics and running averages in training, the running averages at test time, and the backward pass
/// through the batch statistics. Checked against the engine's <see cref="BatchNorm"/> with momentum 0.9 and
/// eps 1e-5, with the same gamma and beta copied into both.
/// </summary>
internal sealed class BatchNormExercise : Exercise<Func<int, ILayer>>
{
    private const double Momentum = 0.9, Eps = 1e-5;

    public override string Name => "batchnorm";
    public override string Title => "a batch-norm layer: forward and backward, running averages, train vs test";
    public override string Topic => "batch normalisation";
    public override string Signature =>
        "class MyBatchNorm(int units) : ILayer   // x (N, D) → out (N, D); Parameters \"gamma\", \"beta\" (1, D); Buffers \"running_mean\", \"running_var\" (1, D)";
    public override string Task =>
        "Train: μ = mean(x), σ² = mean((x − μ)²) per column, z_norm = (x − μ)/√(σ² + eps), out = γ·z_norm + β, and running = 0.9·running + 0.1·batch. " +
        "Test: normalise with the running averages. Backward: dβ = Σ dout, dγ = Σ dout ⊙ z_norm, dx = γ/(N·√(σ² + eps))·(N·dout − Σdout − z_norm·Σ(dout ⊙ z_norm)).";

    public override string? Replaces => "the BatchNorm layers of the networks #!train builds (--batchnorm)";

    protected override Func<int, ILayer> ReferenceImplementation => units => new BatchNorm(units, Momentum, Eps);

    /// <summary>Also takes the layer's class (<c>typeof(MyBatchNorm)</c>) or an instance of it: new layers come from its (int units) constructor.</summary>
    internal override bool TryAdapt(object? implementation, out Delegate? adapted, out string? problem)
    {
        var type = implementation switch
        {
            Type t => t,
            ILayer layer => layer.GetType(),
            _ => null,
        };
        if (type is null) return base.TryAdapt(implementation, out adapted, out problem);
        adapted = null;
        if (!typeof(ILayer).IsAssignableFrom(type))
        {
            problem = $"{type.Name} does not implement ILayer: write {Signature}";
            return false;
        }
        var constructor = type.GetConstructors().FirstOrDefault(c =>
        {
            var ps = c.GetParameters();
            return ps.Length >= 1 && ps[0].ParameterType == typeof(int) && ps.Skip(1).All(p => p.HasDefaultValue);
        });
        if (constructor is null)
        {
            problem = $"{type.Name} needs a public constructor taking the number of units: new {type.Name}(int units)";
            return false;
        }
        var defaults = constructor.GetParameters().Skip(1).Select(p => p.DefaultValue).ToArray();
        adapted = new Func<int, ILayer>(units =>
        {
            try
            {
                return (ILayer)constructor.Invoke([units, .. defaults]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        });
        problem = null;
        return true;
    }

    protected override void AddCases(CaseBook book, Func<int, ILayer> create, Rng rng)
    {
        book.Add("structure: gamma 1 and beta 0 (1, 5); running_mean 0 and running_var 1 (1, 5)", () => Structure(create, 5));

        foreach (var (n, d) in new[] { (8, 5), (32, 3) })
        {
            var x = Mat.Gaussian(n, d, rng, 3) + 2.0;
            var (gamma, beta) = Affine(d, rng);
            book.Add($"train forward, x ({n}, {d})", () =>
            {
                var (learner, engine) = Pair(create, gamma, beta);
                return Compare.Matrices(learner.Forward(x.Clone(), Mode.Train), engine.Forward(x, Mode.Train), new Diagnosis("your out")
                {
                    Mistakes = ForwardMistakes(x, gamma, beta),
                    NonFinite = "your out holds NaN or infinity: add eps inside the square root, √(σ² + eps)",
                });
            });
        }

        var batches = Enumerable.Range(0, 3).Select(k => Mat.Gaussian(16, 4, rng, 2) + (k + 1.0)).ToArray();
        var xTest = Mat.Gaussian(16, 4, rng, 2) + 1.5;
        var (g4, b4) = Affine(4, rng);
        book.Add("running averages after 3 training batches (16, 4)", () =>
        {
            var (learner, engine) = Trained(create, g4, b4, batches);
            var mean = Compare.Matrices(Buffer(learner, "running_mean"), engine.RunningMean, new Diagnosis("your running_mean")
            {
                Mistakes = RunningMistakes(batches, variance: false),
            });
            if (!mean.Passed) return mean;
            var variance = Compare.Matrices(Buffer(learner, "running_var"), engine.RunningVariance, new Diagnosis("your running_var")
            {
                Mistakes = RunningMistakes(batches, variance: true),
            });
            return variance.Passed ? Verdict.Pass(Math.Max(mean.Error ?? 0, variance.Error ?? 0), Compare.Tolerance) : variance;
        });
        book.Add("test mode normalises with the running averages (16, 4)", () =>
        {
            var (learner, engine) = Trained(create, g4, b4, batches);
            return Compare.Matrices(learner.Forward(xTest.Clone(), Mode.Test), engine.Forward(xTest, Mode.Test), new Diagnosis("your test-mode out")
            {
                Mistakes =
                [
                    new("used batch statistics at test time: in Mode.Test normalise with running_mean and running_var", () =>
                    {
                        var (mean, variance) = Stats(xTest);
                        return Normalize(xTest, mean, variance, g4, b4, v => 1 / Math.Sqrt(v + Eps));
                    }),
                ],
            });
        });
        book.Add("a test-mode pass leaves the running averages alone", () =>
        {
            var (learner, _) = Trained(create, g4, b4, batches);
            var mean = Buffer(learner, "running_mean").Clone();
            var variance = Buffer(learner, "running_var").Clone();
            learner.Forward(xTest.Clone(), Mode.Test);
            return Verdict.Require(mean.Equals(Buffer(learner, "running_mean")) && variance.Equals(Buffer(learner, "running_var")),
                "a test-mode pass changed the running averages: update them in Mode.Train only");
        });

        var constant = Mat.Gaussian(6, 3, rng);
        for (int i = 0; i < 6; i++) constant[i, 1] = 4.0;
        var (gc, bc) = Affine(3, rng);
        book.Add("a constant unit (zero variance) stays finite (6, 3)", () =>
        {
            var (learner, engine) = Pair(create, gc, bc);
            return Compare.Matrices(learner.Forward(constant.Clone(), Mode.Train), engine.Forward(constant, Mode.Train), new Diagnosis("your out")
            {
                NonFinite = "a unit with zero variance divides by zero: add eps inside the square root, (x − μ)/√(σ² + eps)",
            });
        });

        var xb = Mat.Gaussian(8, 5, rng, 2) - 1.0;
        var dout = Mat.Gaussian(8, 5, rng);
        var (gb, bb) = Affine(5, rng);
        book.Add("backward dx (8, 5)", () =>
        {
            var (dx, _, _, edx, _, _) = Backward(create, xb, dout, gb, bb);
            var (mean, variance) = Stats(xb);
            return Compare.Matrices(dx, edx, new Diagnosis("your dx")
            {
                BatchSize = 8,
                Mistakes =
                [
                    new("your dx treats μ and σ² as constants, as at test time: in training they depend on x — dx = γ/(N·√(σ² + eps))·(N·dout − Σdout − z_norm·Σ(dout ⊙ z_norm))",
                        () => Normalize(dout, Mat.Zeros(1, 5), variance, gb, Mat.Zeros(1, 5), v => 1 / Math.Sqrt(v + Eps))),
                ],
            });
        });
        book.Add("backward dgamma (1, 5)", () =>
        {
            var (_, dg, _, _, edg, _) = Backward(create, xb, dout, gb, bb);
            return Compare.Matrices(dg, edg, new Diagnosis("your dgamma")
            {
                BatchSize = 8,
                Mistakes = [new("dγ = Σ_rows dout ⊙ z_norm (you summed dout alone: that is dβ)", () => dout.ColumnSums().ToRowMatrix())],
            });
        });
        book.Add("backward dbeta (1, 5)", () =>
        {
            var (_, _, db, _, _, edb) = Backward(create, xb, dout, gb, bb);
            return Compare.Matrices(db, edb, new Diagnosis("your dbeta") { BatchSize = 8 });
        });

        var xg = Mat.Gaussian(6, 4, rng, 2);
        var (gg, bg) = Affine(4, rng);
        int checkSeed = rng.NextInt(int.MaxValue);
        book.Add("gradient check: dx, dgamma, dbeta against centred differences (6, 4)", () =>
        {
            var (learner, _) = Pair(create, gg, bg);
            var report = GradientCheck.Layer(learner, xg, Mode.Train, new Rng(checkSeed), new GradientCheckOptions { Threshold = Compare.Tolerance });
            var worst = report.Rows.OrderByDescending(r => double.IsNaN(r.MaxRelativeError) ? double.PositiveInfinity : r.MaxRelativeError).First();
            return report.Passed
                ? Verdict.Pass(report.MaxRelativeError, Compare.Tolerance)
                : Verdict.Fail($"your d{worst.Parameter} does not match the numerical gradient (at row {worst.WorstRow}, column {worst.WorstColumn}: " +
                               $"{Compare.Num(worst.Analytic)} vs {Compare.Num(worst.Numeric)})", worst.MaxRelativeError, Compare.Tolerance);
        });
    }

    protected override Replacement? Replace(Func<int, ILayer> create, string description) => new(Name, description, "BatchNorm")
    {
        Layer = builtIn =>
        {
            if (builtIn is not BatchNorm bn) throw new ArgumentException($"batchnorm replaces BatchNorm layers, not {builtIn.Name}");
            ILayer layer;
            try
            {
                layer = create(bn.Units);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidOperationException($"{description} could not be made for {bn.Units} units: {e.GetType().Name}: {e.Message}", e);
            }
            if (layer is null || layer.OutputSize(bn.Units) != bn.Units)
                throw new InvalidOperationException($"{description} for {bn.Units} units does not keep the width {bn.Units}");
            return layer;
        },
    };

    private static Verdict Structure(Func<int, ILayer> create, int d)
    {
        var layer = create(d) ?? throw new CaseProblem("your layer factory returned null");
        foreach (var (name, start) in new[] { ("gamma", 1.0), ("beta", 0.0) })
        {
            var p = Param(layer, name);
            if (p.Value.RowCount != 1 || p.Value.ColumnCount != d) return Verdict.Fail($"{name} has shape {p.Value.Shape()}, expected (1, {d})");
            if (p.Value.Enumerate().Any(v => v != start)) return Verdict.Fail($"{name} should start at {start} (so that a new layer only normalises)");
        }
        foreach (var (name, start) in new[] { ("running_mean", 0.0), ("running_var", 1.0) })
        {
            var b = Buffer(layer, name);
            if (b.RowCount != 1 || b.ColumnCount != d) return Verdict.Fail($"{name} has shape {b.Shape()}, expected (1, {d})");
            if (b.Enumerate().Any(v => v != start)) return Verdict.Fail($"{name} should start at {start} (so that an untrained layer is the identity at test time)");
        }
        if (layer.OutputSize(d) != d) return Verdict.Fail($"OutputSize({d}) should be {d}: batch norm keeps the width");
        return Verdict.Pass();
    }

    private static (Matrix<double> Gamma, Matrix<double> Beta) Affine(int d, Rng rng) => (Mat.Uniform(1, d, rng, 0.5, 1.5), Mat.Gaussian(1, d, rng));

    private static (ILayer Learner, BatchNorm Engine) Pair(Func<int, ILayer> create, Matrix<double> gamma, Matrix<double> beta)
    {
        int d = gamma.ColumnCount;
        var learner = create(d) ?? throw new CaseProblem("your layer factory returned null");
        var engine = new BatchNorm(d, Momentum, Eps);
        gamma.Data().CopyTo(engine.Gamma.Value.Data(), 0);
        beta.Data().CopyTo(engine.Beta.Value.Data(), 0);
        Set(Param(learner, "gamma"), gamma);
        Set(Param(learner, "beta"), beta);
        return (learner, engine);
    }

    private static (ILayer Learner, BatchNorm Engine) Trained(Func<int, ILayer> create, Matrix<double> gamma, Matrix<double> beta, Matrix<double>[] batches)
    {
        var (learner, engine) = Pair(create, gamma, beta);
        foreach (var x in batches)
        {
            learner.Forward(x.Clone(), Mode.Train);
            engine.Forward(x, Mode.Train);
        }
        return (learner, engine);
    }

    private static (Matrix<double>? Dx, Matrix<double> DGamma, Matrix<double> DBeta, Matrix<double> EDx, Matrix<double> EDGamma, Matrix<double> EDBeta) Backward(
        Func<int, ILayer> create, Matrix<double> x, Matrix<double> dout, Matrix<double> gamma, Matrix<double> beta)
    {
        var (learner, engine) = Pair(create, gamma, beta);
        learner.Forward(x.Clone(), Mode.Train);
        var dx = learner.Backward(dout.Clone());
        engine.Forward(x, Mode.Train);
        var edx = engine.Backward(dout);
        return (dx, Param(learner, "gamma").Grad.Clone(), Param(learner, "beta").Grad.Clone(), edx, engine.Gamma.Grad.Clone(), engine.Beta.Grad.Clone());
    }

    private static Parameter Param(ILayer layer, string name) =>
        layer.Parameters.FirstOrDefault(p => p.Name == name)
        ?? throw new CaseProblem($"your layer has no parameter named \"{name}\": list gamma and beta, each (1, D), in Parameters");

    private static Matrix<double> Buffer(ILayer layer, string name) =>
        layer.Buffers.TryGetValue(name, out var b) && b is not null
            ? Compare.Dense(b)
            : throw new CaseProblem($"your layer has no buffer named \"{name}\": expose the running averages as Buffers[\"running_mean\"] and Buffers[\"running_var\"], each (1, D)");

    private static void Set(Parameter p, Matrix<double> value)
    {
        if (p.Value.RowCount != value.RowCount || p.Value.ColumnCount != value.ColumnCount)
            throw new CaseProblem($"your {p.Name} has shape {p.Value.Shape()}, expected {value.Shape()}");
        value.Data().CopyTo(Compare.Dense(p.Value).Data(), 0);
    }

    /// <summary>Per-column mean and biased (1/N) variance, (1, D) each.</summary>
    private static (Matrix<double> Mean, Matrix<double> Variance) Stats(Matrix<double> x, bool unbiased = false)
    {
        int n = x.RowCount;
        var mean = x.ColumnSums().ToRowMatrix() / n;
        var variance = Mat.Zeros(1, x.ColumnCount);
        for (int j = 0; j < x.ColumnCount; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += (x[i, j] - mean[0, j]) * (x[i, j] - mean[0, j]);
            variance[0, j] = s / (unbiased ? n - 1 : n);
        }
        return (mean, variance);
    }

    private static Matrix<double> Normalize(Matrix<double> x, Matrix<double> mean, Matrix<double> variance, Matrix<double> gamma, Matrix<double> beta, Func<double, double> invStd)
    {
        var o = x.Clone();
        for (int j = 0; j < x.ColumnCount; j++)
        {
            double s = invStd(variance[0, j]);
            for (int i = 0; i < x.RowCount; i++) o[i, j] = gamma[0, j] * (x[i, j] - mean[0, j]) * s + beta[0, j];
        }
        return o;
    }

    private static List<Mistake> ForwardMistakes(Matrix<double> x, Matrix<double> gamma, Matrix<double> beta)
    {
        var (mean, variance) = Stats(x);
        var ones = Mat.Filled(1, x.ColumnCount, 1.0);
        var zeros = Mat.Zeros(1, x.ColumnCount);
        Func<double, double> right = v => 1 / Math.Sqrt(v + Eps);
        return
        [
            new("scale and shift: out = γ·z_norm + β", () => Normalize(x, mean, variance, ones, zeros, right)),
            new("use the batch variance with 1/N, not 1/(N − 1): σ² = (1/m) Σ (z − μ)²", () =>
            {
                var (_, unbiased) = Stats(x, unbiased: true);
                return Normalize(x, mean, unbiased, gamma, beta, right);
            }),
            new("eps goes inside the square root: (x − μ)/√(σ² + eps), not (x − μ)/(σ + eps)", () => Normalize(x, mean, variance, gamma, beta, v => 1 / (Math.Sqrt(v) + Eps))),
            new("add eps = 1e-5 inside the square root: (x − μ)/√(σ² + eps)", () => Normalize(x, mean, variance, gamma, beta, v => 1 / Math.Sqrt(v))),
            new("normalise each unit (column) over the batch (rows), not each example (row) over its units", () =>
            {
                var (rowMean, rowVariance) = Stats(x.Transpose());
                var z = Normalize(x.Transpose(), rowMean, rowVariance, Mat.Filled(1, x.RowCount, 1.0), Mat.Zeros(1, x.RowCount), right).Transpose();
                return Normalize(z, zeros, Mat.Filled(1, x.ColumnCount, 1.0 - Eps), gamma, beta, _ => 1.0);
            }),
        ];
    }

    private static List<Mistake> RunningMistakes(Matrix<double>[] batches, bool variance)
    {
        var stats = batches.Select(b => variance ? Stats(b).Variance : Stats(b).Mean).ToArray();
        var unbiased = batches.Select(b => Stats(b, unbiased: true).Variance).ToArray();
        Matrix<double> Start() => variance ? Mat.Filled(1, stats[0].ColumnCount, 1.0) : Mat.Zeros(1, stats[0].ColumnCount);
        Matrix<double> Average(Matrix<double>[] s, double keep)
        {
            var r = Start();
            foreach (var m in s) r = keep * r + (1 - keep) * m;
            return r;
        }
        string name = variance ? "running_var" : "running_mean";
        string stat = variance ? "σ²" : "μ";
        var list = new List<Mistake>
        {
            new($"forgot the running average: every training pass must update {name} = momentum·{name} + (1 − momentum)·{stat} (momentum 0.9)", Start),
            new($"swapped momentum: {name} = momentum·{name} + (1 − momentum)·{stat}, so 0.9 keeps 90% of the old average", () => Average(stats, 1 - Momentum)),
            new($"{name} is an average over batches, not the last batch's {stat}: {name} = momentum·{name} + (1 − momentum)·{stat}", () => stats[^1].Clone()),
        };
        if (variance)
            list.Add(new("average the same biased (1/N) batch variance the forward pass uses", () => Average(unbiased, Momentum)));
        return list;
    }
}
