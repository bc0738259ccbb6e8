using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Init;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// A weight initialiser W (fan_in, fan_out) drawn from the rng it is given: Xavier as the lecture writes it
/// (randn/√fan_in) or He for ReLU (randn·√(2/fan_in)). Checked on the statistics of large draws.
/// </summary>
internal sealed class InitializerExercise : Exercise<Func<int, int, Rng, Matrix<double>>>
{
    private readonly bool _he;

    private InitializerExercise(bool he) => _he = he;

    public static InitializerExercise Xavier { get; } = new(he: false);
    public static InitializerExercise He { get; } = new(he: true);

    public override string Name => _he ? "he" : "xavier";
    public override string Topic => "weight initialisation";
    public override string Title => _he ? "He initialisation (for ReLU): W = randn·√(2/fan_in)" : "Xavier initialisation: W = randn/√fan_in";
    public override string Signature =>
        $"Matrix<double> {(_he ? "He" : "Xavier")}(int fanIn, int fanOut, Rng rng)   // W (fan_in, fan_out); draw with rng.Gaussian()";
    public override string Task => _he
        ? "W = randn(fan_in, fan_out)·√(2/fan_in): ReLU zeroes half its inputs, so He doubles Xavier's variance to keep the activations' spread from layer to layer."
        : "W = randn(fan_in, fan_out)/√fan_in (Glorot and Bengio 2010, as cs231n writes it): the variance of each unit's input stays about that of the layer's inputs.";

    protected override Func<int, int, Rng, Matrix<double>> ReferenceImplementation =>
        (fanIn, fanOut, rng) => (_he ? Initializer.He : Initializer.XavierNormal).Create(fanIn, fanOut, rng);

    private double Std(int fanIn) => _he ? Math.Sqrt(2.0 / fanIn) : 1 / Math.Sqrt(fanIn);

    protected override void AddCases(CaseBook book, Func<int, int, Rng, Matrix<double>> f, Rng rng)
    {
        int seed = rng.NextInt(int.MaxValue);
        Matrix<double> Draw(int fanIn, int fanOut, int s) => Elementwise.Required(f(fanIn, fanOut, new Rng(s)), "your W");

        book.Add("shape (fan_in, fan_out) = (300, 100)", () =>
        {
            var w = Draw(300, 100, seed);
            if (w.RowCount == 300 && w.ColumnCount == 100) return Verdict.Pass();
            return Verdict.Fail(w.RowCount == 100 && w.ColumnCount == 300
                ? "W is transposed: it is (fan_in, fan_out) — one row per input, as x (N, fan_in)·W gives (N, fan_out)"
                : $"W has shape {w.Shape()}, expected (300, 100)");
        });
        foreach (var (fanIn, fanOut) in new[] { (300, 100), (50, 400) })
        {
            book.Add($"std for fan_in {fanIn}, fan_out {fanOut} ≈ {Compare.Num(Std(fanIn))}", () =>
            {
                var w = Draw(fanIn, fanOut, seed + fanIn);
                double std = StdOf(w);
                return Compare.Statistic(std, Std(fanIn), 0.05, () => StdHint(std, fanIn, fanOut));
            });
        }
        book.Add("mean ≈ 0 (300, 100)", () =>
        {
            var w = Draw(300, 100, seed + 1);
            double mean = w.Enumerate().Average();
            double limit = 5 * Std(300) / Math.Sqrt(w.RowCount * w.ColumnCount);
            return Math.Abs(mean) < limit
                ? Verdict.Pass(Math.Abs(mean), limit)
                : Verdict.Fail($"the weights average {Compare.Num(mean)}: draw them centred on 0 (rng.Gaussian())", Math.Abs(mean), limit);
        });
        book.Add("the same seed gives the same W", () =>
            Verdict.Require(Draw(20, 10, 5).Equals(Draw(20, 10, 5)),
                "two calls with the same seed gave different weights: draw from the rng argument (not new Random()) so that a seed reproduces the run"));
    }

    private static double StdOf(Matrix<double> w)
    {
        var values = w.Enumerate().ToArray();
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    /// <summary>Names the std the learner drew when it is one of the usual wrong ones.</summary>
    private string StdHint(double std, int fanIn, int fanOut)
    {
        var candidates = new (double Std, string Hint)[]
        {
            (1 / Math.Sqrt(fanIn), "that is Xavier's 1/√fan_in; He (for ReLU, which zeroes half the units) doubles the variance: √(2/fan_in)"),
            (Math.Sqrt(2.0 / fanIn), "that is He's √(2/fan_in) (for ReLU); Xavier is 1/√fan_in"),
            (1 / Math.Sqrt(fanOut), "you scaled by fan_out: use fan_in, the number of inputs of each unit"),
            (Math.Sqrt(2.0 / fanOut), "you scaled by fan_out: use fan_in, the number of inputs of each unit"),
            (Math.Sqrt(2.0 / (fanIn + fanOut)), "that is Glorot's √(2/(fan_in + fan_out)); the lecture's " + (_he ? "He is √(2/fan_in)" : "Xavier is 1/√fan_in")),
            (_he ? 2.0 / fanIn : 1.0 / fanIn, _he ? "√(2/fan_in) is the std; 2/fan_in is the variance" : "divide by √fan_in, not by fan_in"),
            (1.0, "plain randn (std 1): scale it by " + (_he ? "√(2/fan_in)" : "1/√fan_in")),
            (0.01, "that is the lecture's small 0.01·randn, which makes activations vanish in deep nets: scale by " + (_he ? "√(2/fan_in)" : "1/√fan_in")),
        };
        foreach (var (s, hint) in candidates)
            if (Math.Abs(std - s) < 0.05 * s && Math.Abs(s - Std(fanIn)) > 0.1 * Std(fanIn)) return $"std {Compare.Num(std)}: {hint}";
        return $"std {Compare.Num(std)}, expected {(_he ? "√(2/fan_in)" : "1/√fan_in")} = {Compare.Num(Std(fanIn))}";
    }
}
