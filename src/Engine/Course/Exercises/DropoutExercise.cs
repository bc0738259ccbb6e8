using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// Inverted dropout's forward pass, as cs231n's <c>dropout_forward</c> returning the mask as its cache: in
/// training each unit is dropped with probability p and the survivors are scaled by 1/(1 − p); at test
/// time the layer does nothing.
/// </summary>
internal sealed class DropoutExercise : Exercise<Func<Matrix<double>, double, Mode, Rng, (Matrix<double> Out, Matrix<double> Mask)>>
{
    public override string Name => "dropout";
    public override string Title => "inverted dropout: drop with probability p in training, identity at test time";
    public override string Topic => "regularisation";
    public override string Signature =>
        "(Matrix<double> Out, Matrix<double> Mask) Dropout(Matrix<double> x, double p, Mode mode, Rng rng)   // x (N, D) → out = x ⊙ mask (N, D), mask of 0 and 1/(1 − p)";
    public override string Task =>
        "Mode.Train: mask = 1/(1 − p) where rng.NextDouble() ≥ p, else 0; out = x ⊙ mask. Mode.Test: out = x (return a mask of ones, or null).";

    public override string? Replaces => "the Dropout layers of the networks #!train builds";

    protected override Func<Matrix<double>, double, Mode, Rng, (Matrix<double> Out, Matrix<double> Mask)> ReferenceImplementation => (x, p, mode, rng) =>
    {
        if (mode == Mode.Test || p == 0) return (x.Clone(), Mat.Filled(x.RowCount, x.ColumnCount, 1.0));
        // The same draw, in the same (storage) order, as the engine's Dropout layer.
        var mask = Mat.Zeros(x.RowCount, x.ColumnCount);
        var md = mask.Data();
        double keep = 1 / (1 - p);
        for (int k = 0; k < md.Length; k++) md[k] = rng.NextDouble() >= p ? keep : 0;
        return (x.PointwiseMultiply(mask), mask);
    };

    protected override void AddCases(CaseBook book, Func<Matrix<double>, double, Mode, Rng, (Matrix<double> Out, Matrix<double> Mask)> f, Rng rng)
    {
        var x = Mat.Gaussian(100, 50, rng) + 1.0;
        foreach (double p in new[] { 0.5, 0.2 })
        {
            int seed = rng.NextInt(int.MaxValue);
            book.Add($"train, p = {p}: out = x ⊙ mask (100, 50)", () =>
            {
                var (o, mask) = f(x.Clone(), p, Mode.Train, new Rng(seed));
                var m = Elementwise.Required(mask, "your mask (the cache)");
                return Compare.Matrices(o, x.PointwiseMultiply(m), new Diagnosis("your out")
                {
                    Mistakes = [new("out must be x ⊙ mask with the mask you return", () => x.Clone())],
                });
            });
            book.Add($"train, p = {p}: the mask holds 0 or 1/(1 − p) = {Compare.Num(1 / (1 - p))}", () =>
                MaskValues(Elementwise.Required(f(x.Clone(), p, Mode.Train, new Rng(seed)).Mask, "your mask"), p));
            book.Add($"train, p = {p}: a share p of the units is dropped", () =>
            {
                var m = Elementwise.Required(f(x.Clone(), p, Mode.Train, new Rng(seed)).Mask, "your mask");
                double dropped = m.Enumerate().Count(v => v == 0) / (double)m.RowCount / m.ColumnCount;
                return Compare.Statistic(dropped, p, 0.1, () =>
                    Math.Abs(dropped - (1 - p)) < 0.05 * (1 - p)
                        ? $"{Compare.Num(dropped)} of the units are dropped: p is the probability of dropping a unit, you kept them with probability p (drop when rng.NextDouble() < p)"
                        : $"{Compare.Num(dropped)} of the units are dropped, expected p = {p}");
            });
        }

        book.Add("test mode: out = x (100, 50)", () =>
        {
            var o = Elementwise.Required(f(x.Clone(), 0.5, Mode.Test, new Rng(1)).Out, "your out");
            var v = Compare.Matrices(o, x, new Diagnosis("your test-mode out")
            {
                Mistakes = [new("at test time inverted dropout does nothing: the scaling by 1/(1 − p) already happened in training — return x", () => x * 0.5)],
            });
            if (!v.Passed && o.Enumerate().Count(e => e == 0) > 100)
                return Verdict.Fail("no units are dropped at test time: in Mode.Test return x unchanged", v.Error, v.Threshold);
            return v;
        });
        book.Add("train, p = 0: out = x", () => Compare.Matrices(f(x.Clone(), 0.0, Mode.Train, new Rng(2)).Out, x, new Diagnosis("your out")));
        book.Add("the same seed gives the same mask", () =>
        {
            var a = Elementwise.Required(f(x.Clone(), 0.5, Mode.Train, new Rng(7)).Out, "your out");
            var b = Elementwise.Required(f(x.Clone(), 0.5, Mode.Train, new Rng(7)).Out, "your out");
            return Verdict.Require(a.Equals(b), "two calls with the same seed dropped different units: draw from the rng argument (not new Random()) so that a seed reproduces the run");
        });
        book.Add("each call draws a new mask", () =>
        {
            var shared = new Rng(8);
            var a = Elementwise.Required(f(x.Clone(), 0.5, Mode.Train, shared).Out, "your out");
            var b = Elementwise.Required(f(x.Clone(), 0.5, Mode.Train, shared).Out, "your out");
            return Verdict.Require(!a.Equals(b), "two forward passes dropped the same units: draw a fresh mask from rng on every call");
        });
    }

    protected override Replacement? Replace(Func<Matrix<double>, double, Mode, Rng, (Matrix<double> Out, Matrix<double> Mask)> f, string description) =>
        new(Name, description, "Dropout")
        {
            Layer = builtIn => builtIn is Layers.Dropout<double> d
                ? new LearnerDropout(f, d.DropProbability, d.Seed, description)
                : throw new ArgumentException($"dropout replaces Dropout layers, not {builtIn.Name}"),
        };

    private static Verdict MaskValues(Matrix<double> mask, double p)
    {
        double keep = 1 / (1 - p);
        var values = mask.Enumerate().ToArray();
        bool Only(double a, double b) => values.All(v => Math.Abs(v - a) < 1e-12 || Math.Abs(v - b) < 1e-12);
        if (Only(0, keep)) return Verdict.Pass();
        if (Only(0, 1)) return Verdict.Fail("the survivors are not scaled: inverted dropout divides the kept units by (1 − p), so that nothing changes at test time");
        if (Only(0, 1 - p)) return Verdict.Fail("the survivors are multiplied by (1 − p): divide by it instead, mask = 1/(1 − p)");
        if (Only(0, 1 / p)) return Verdict.Fail($"scale the survivors by 1/(1 − p) = {Compare.Num(keep)}, not by 1/p");
        return Verdict.Fail($"the mask must hold only 0 and 1/(1 − p) = {Compare.Num(keep)}; it holds e.g. {Compare.Num(values.First(v => Math.Abs(v) > 1e-12 && Math.Abs(v - keep) > 1e-12))}");
    }
}
