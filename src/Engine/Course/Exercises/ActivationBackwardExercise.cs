using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// The backward pass of an activation, as cs231n's <c>relu_backward(dout, cache)</c> with the cache x:
/// dx = f'(x) ⊙ dout. One exercise per activation of the lecture: sigmoid, tanh, ReLU, leaky ReLU (0.01).
/// </summary>
internal sealed class ActivationBackwardExercise : Exercise<Func<Matrix<double>, Matrix<double>, Matrix<double>>>
{
    private readonly string _kind;
    private readonly Func<Activation> _create;

    private ActivationBackwardExercise(string kind, Func<Activation> create)
    {
        _kind = kind;
        _create = create;
    }

    public static ActivationBackwardExercise Sigmoid { get; } = new("sigmoid", () => new Layers.Sigmoid<double>());
    public static ActivationBackwardExercise Tanh { get; } = new("tanh", () => new Layers.Tanh<double>());
    public static ActivationBackwardExercise ReLU { get; } = new("relu", () => new Layers.ReLU<double>());
    public static ActivationBackwardExercise LeakyReLU { get; } = new("leaky-relu", () => new Layers.LeakyReLU<double>(0.01));

    public override string Name => _kind + "-backward";
    public override string Topic => "activation functions";

    public override string Title => _kind switch
    {
        "sigmoid" => "the sigmoid's backward pass: dx = σ(x)(1 − σ(x)) ⊙ dout",
        "tanh" => "tanh's backward pass: dx = (1 − tanh²(x)) ⊙ dout",
        "relu" => "ReLU's backward pass: dx = dout where x > 0, else 0",
        _ => "leaky ReLU's backward pass: dx = dout where x > 0, else 0.01·dout",
    };

    public override string Signature =>
        $"Matrix<double> {Pascal}Backward(Matrix<double> dout, Matrix<double> x)   // dout, x (N, D) → dx (N, D)";

    public override string Task => _kind switch
    {
        "sigmoid" => "σ(x) = 1/(1 + e^−x); dx = σ(x)(1 − σ(x)) ⊙ dout (the chain rule: the local gradient times the upstream one). Keep σ finite for x = ±1000.",
        "tanh" => "dx = (1 − tanh²(x)) ⊙ dout. Use Math.Tanh, which stays finite for x = ±1000.",
        "relu" => "dx = dout ⊙ [x > 0]: the gradient passes where the unit was active and stops elsewhere (0 at x = 0, as cs231n).",
        _ => "dx = dout where x > 0, 0.01·dout where x ≤ 0: never exactly zero, so a unit cannot die.",
    };

    public override string? Replaces => $"the backward pass of the {Kind} layers of the networks #!train builds";

    /// <summary>The engine's layer kind this exercise's code replaces ("ReLU", ...).</summary>
    public string Kind => _create().Spec.Kind;

    private string Pascal => _kind switch { "sigmoid" => "Sigmoid", "tanh" => "Tanh", "relu" => "Relu", _ => "LeakyRelu" };

    protected override Func<Matrix<double>, Matrix<double>, Matrix<double>> ReferenceImplementation => (dout, x) =>
    {
        var layer = _create();
        layer.Forward(x, Mode.Train);
        return layer.Backward(dout);
    };

    protected override void AddCases(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>> f, Rng rng)
    {
        Case(book, f, "random x and dout (4, 5)", Mat.Gaussian(4, 5, rng, 2), Mat.Gaussian(4, 5, rng));
        Case(book, f, "random x and dout (10, 3)", Mat.Gaussian(10, 3, rng, 2), Mat.Gaussian(10, 3, rng));

        var xg = Mat.Gaussian(6, 4, rng, 2);
        book.Add("gradient check: your dx against centred differences of f (6, 4)", () =>
        {
            var report = GradientCheck.Layer(new LearnerActivation(_create(), f, "your " + Name), xg, Mode.Train, rng,
                new GradientCheckOptions { Threshold = Compare.Tolerance });
            var row = report.Rows[0];
            return row.Passed
                ? Verdict.Pass(row.MaxRelativeError, Compare.Tolerance)
                : Verdict.Fail($"your dx does not match the numerical gradient (at row {row.WorstRow}, column {row.WorstColumn}: " +
                               $"{Compare.Num(row.Analytic)} vs {Compare.Num(row.Numeric)}): dx = f'(x) ⊙ dout", row.MaxRelativeError, Compare.Tolerance);
        });

        if (_kind is "relu" or "leaky-relu")
            Case(book, f, "x = 0 and ±1e-12 (2, 3)", Mat.OfRows([0, 1e-12, -1e-12], [0, 0, 5]), Mat.Gaussian(2, 3, rng));
        else
            Case(book, f, "large |x| = 1000 (2, 3): finite dx ≈ 0", Mat.OfRows([1000, -1000, 800], [-800, 0, 1e4]), Mat.Gaussian(2, 3, rng));
    }

    protected override Replacement? Replace(Func<Matrix<double>, Matrix<double>, Matrix<double>> f, string description) =>
        new(Name, description, Kind)
        {
            Layer = builtIn =>
            {
                if (builtIn is not Activation activation || builtIn.Spec.Kind != Kind)
                    throw new ArgumentException($"{Name} replaces {Kind} layers, not {builtIn.Name}");
                if (builtIn is Layers.LeakyReLU<double> { Slope: not 0.01 } leaky)
                    throw new ArgumentException($"your {Name} uses the slope 0.01; this network's leaky ReLU has slope {leaky.Slope}");
                return new LearnerActivation(activation, f, description);
            },
        };

    private void Case(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>> f, string name, Matrix<double> x, Matrix<double> dout) =>
        book.Add(name, () => Compare.Matrices(f(dout.Clone(), x.Clone()), ReferenceImplementation(dout, x), new Diagnosis("your dx")
        {
            Mistakes = Mistakes(x, dout),
            NonFinite = _kind switch
            {
                "sigmoid" => "your dx holds NaN or infinity: σ overflowed — compute it as 1/(1 + e^−x) for x ≥ 0 and e^x/(1 + e^x) for x < 0",
                "tanh" => "your dx holds NaN or infinity: tanh overflowed — use Math.Tanh(x) rather than (e^x − e^−x)/(e^x + e^−x)",
                _ => null,
            },
        }));

    private List<Mistake> Mistakes(Matrix<double> x, Matrix<double> dout)
    {
        var ones = Mat.Filled(x.RowCount, x.ColumnCount, 1.0);
        var list = new List<Mistake>
        {
            new("you returned f'(x): multiply by dout (the chain rule: dx = f'(x) ⊙ dout)", () => ReferenceImplementation(ones, x)),
        };
        Func<double, double> sigma = Layers.Sigmoid<double>.Function;
        switch (_kind)
        {
            case "sigmoid":
                list.Add(new("σ'(x) = σ(x)(1 − σ(x)): apply it to σ(x), not to x", () => Elementwise.Zip(x, dout, (v, d) => v * (1 - v) * d)));
                list.Add(new("the local gradient is σ(x)(1 − σ(x)), not σ(x)", () => Elementwise.Zip(x, dout, (v, d) => sigma(v) * d)));
                break;
            case "tanh":
                list.Add(new("tanh'(x) = 1 − tanh²(x): square tanh(x), not x", () => Elementwise.Zip(x, dout, (v, d) => (1 - v * v) * d)));
                list.Add(new("square it: tanh'(x) = 1 − tanh²(x), not 1 − tanh(x)", () => Elementwise.Zip(x, dout, (v, d) => (1 - Math.Tanh(v)) * d)));
                break;
            case "relu":
                list.Add(new("at x = 0 the gradient is taken as 0 (dx = dout where x > 0, as cs231n's relu_backward), not dout", () => Elementwise.Zip(x, dout, (v, d) => v >= 0 ? d : 0)));
                list.Add(new("the gradient must stop where x ≤ 0: dx = dout where x > 0, else 0", () => dout.Clone()));
                list.Add(new("mask by the input (x > 0), not by dout", () => Elementwise.Map(dout, d => d > 0 ? d : 0)));
                break;
            default:
                list.Add(new("at x = 0 use the slope: dx = 0.01·dout where x ≤ 0", () => Elementwise.Zip(x, dout, (v, d) => v >= 0 ? d : 0.01 * d)));
                list.Add(new("for x ≤ 0 the gradient is 0.01·dout, not 0 (that is ReLU's)", () => Elementwise.Zip(x, dout, (v, d) => v > 0 ? d : 0)));
                list.Add(new("swapped: the slope is 1 for x > 0 and 0.01 for x ≤ 0", () => Elementwise.Zip(x, dout, (v, d) => v > 0 ? 0.01 * d : d)));
                break;
        }
        return list;
    }
}
