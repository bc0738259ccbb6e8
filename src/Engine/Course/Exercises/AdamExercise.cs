using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// One Adam step with bias correction: m = β1·m + (1 − β1)·dW; v = β2·v + (1 − β2)·dW²;
/// m̂ = m/(1 − β1^t); v̂ = v/(1 − β2^t); W −= lr·m̂/(√v̂ + eps).
/// </summary>
internal sealed class AdamExercise : Exercise<Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, int, double, double, double, double, (Matrix<double> W, Matrix<double> M, Matrix<double> V)>>
{
    private delegate (Matrix<double> W, Matrix<double> M, Matrix<double> V) Step(
        Matrix<double> w, Matrix<double> dw, Matrix<double> m, Matrix<double> v, int t, double lr, double beta1, double beta2, double eps);

    private const string ZeroT = "with t = 0 the bias correction 1 − β^t is 0 — use the t you are given (it starts at 1)";

    public override string Name => "adam";
    public override string Title => "one Adam step, with bias correction";
    public override string Topic => "optimisers";
    public override string Signature =>
        "(Matrix<double> W, Matrix<double> M, Matrix<double> V) AdamStep(Matrix<double> w, Matrix<double> dw, Matrix<double> m, Matrix<double> v, int t, double lr, double beta1, double beta2, double eps)   // all (D, M); m, v start at 0; t = 1, 2, ...";
    public override string Task =>
        "m = β1·m + (1 − β1)·dW; v = β2·v + (1 − β2)·dW²; m̂ = m/(1 − β1^t); v̂ = v/(1 − β2^t); W = W − lr·m̂/(√v̂ + eps). Return the new W, m and v.";

    public override string? Replaces => "the adam optimiser of #!train (--optimizer adam)";

    protected override Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, int, double, double, double, double, (Matrix<double> W, Matrix<double> M, Matrix<double> V)> ReferenceImplementation =>
        (w, dw, m, v, t, lr, b1, b2, eps) => Formula(w, dw, m, v, t, lr, b1, b2, eps, correctM: true, correctV: true);

    protected override void AddCases(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, int, double, double, double, double, (Matrix<double> W, Matrix<double> M, Matrix<double> V)> f, Rng rng)
    {
        var (w0, grads) = Trajectory.Random(3, 4, 10, rng);
        Step learner = (w, dw, m, v, t, lr, b1, b2, eps) => f(w, dw, m, v, t, lr, b1, b2, eps);
        book.Advice = e => e is DivideByZeroException ? ZeroT : null;
        book.Add("first step t = 1 (3, 4), lr 1e-3: every weight moves by ≈ lr", () => Displacement(learner, w0, grads[..1], 1e-3, 0.9, 0.999, "your ΔW"));
        book.Add("10 steps, feeding m and v back (t = 1…10): W − W₀", () => Displacement(learner, w0, grads, 1e-3, 0.9, 0.999, "your W − W₀"));
        book.Add("after 10 steps: the moments m and v", () =>
        {
            var got = Run(learner, w0, grads, 1e-3, 0.9, 0.999)[^1];
            var want = Run((w, dw, m, v, t, lr, b1, b2, eps) => Formula(w, dw, m, v, t, lr, b1, b2, eps, true, true), w0, grads, 1e-3, 0.9, 0.999)[^1];
            var m = Compare.Matrices(got.M, want.M, new Diagnosis("your m"));
            if (!m.Passed) return m;
            var v = Compare.Matrices(got.V, want.V, new Diagnosis("your v")
            {
                Mistakes = [new("swapped betas: β1 averages dW (m), β2 averages dW² (v)", () =>
                    Run((w, dw, mm, vv, t, lr, b1, b2, eps) => Formula(w, dw, mm, vv, t, lr, b2, b1, eps, true, true), w0, grads, 1e-3, 0.9, 0.999)[^1].V)],
            });
            return v.Passed ? Verdict.Pass(Math.Max(m.Error ?? 0, v.Error ?? 0), Compare.Tolerance) : v;
        });
        book.Add("β1 = 0.5, β2 = 0.9, 3 steps, lr 0.01: W − W₀", () => Displacement(learner, w0, grads[..3], 0.01, 0.5, 0.9, "your W − W₀"));
    }

    protected override Replacement? Replace(Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, int, double, double, double, double, (Matrix<double> W, Matrix<double> M, Matrix<double> V)> f, string description) =>
        new(Name, description, "adam")
        {
            Optimizer = options =>
            {
                double b1 = options?.Beta1 ?? 0.9, b2 = options?.Beta2 ?? 0.999, eps = options?.Eps ?? 1e-8;
                return new LearnerOptimizer($"adam (β1={b1:G4}, β2={b2:G4}, {description})", 2, (w, dw, state, t, lr) =>
                {
                    var (wNew, m, v) = f(w, dw, state[0], state[1], t, lr, b1, b2, eps);
                    return (wNew, [m, v]);
                });
            },
        };

    private static (Matrix<double> W, Matrix<double> M, Matrix<double> V) Formula(Matrix<double> w, Matrix<double> dw, Matrix<double> m, Matrix<double> v,
        int t, double lr, double b1, double b2, double eps, bool correctM, bool correctV)
    {
        var mNew = b1 * m + (1 - b1) * dw;
        var vNew = b2 * v + (1 - b2) * dw.PointwiseMultiply(dw);
        double c1 = correctM ? 1 - Math.Pow(b1, t) : 1, c2 = correctV ? 1 - Math.Pow(b2, t) : 1;
        return (w - lr * Elementwise.Zip(mNew, vNew, (a, s) => a / c1 / (Math.Sqrt(s / c2) + eps)), mNew, vNew);
    }

    private static Verdict Displacement(Step learner, Matrix<double> w0, Matrix<double>[] grads, double lr, double b1, double b2, string what)
    {
        var engine = Trajectory.Engine(new Adam(b1, b2, 1e-8), w0, grads, lr);
        Mistake Variant(string hint, Step step) => new(hint, () => Run(step, w0, grads, lr, b1, b2)[^1].W - w0);
        const string correction = "no bias correction: use m̂ = m/(1 − β1^t) and v̂ = v/(1 − β2^t) — m and v start at 0, so without it the first steps are off";
        return Compare.Matrices(Run(learner, w0, grads, lr, b1, b2)[^1].W - w0, engine[^1] - w0, new Diagnosis(what)
        {
            Mistakes =
            [
                Variant(correction, (w, dw, m, v, t, l, a, b, e) => Formula(w, dw, m, v, t, l, a, b, e, false, false)),
                Variant("correct the bias of v too: v̂ = v/(1 − β2^t)", (w, dw, m, v, t, l, a, b, e) => Formula(w, dw, m, v, t, l, a, b, e, true, false)),
                Variant("correct the bias of m too: m̂ = m/(1 − β1^t)", (w, dw, m, v, t, l, a, b, e) => Formula(w, dw, m, v, t, l, a, b, e, false, true)),
                Variant("swapped betas: β1 averages dW (m), β2 averages dW² (v)", (w, dw, m, v, t, l, a, b, e) => Formula(w, dw, m, v, t, l, b, a, e, true, true)),
                Variant("m and v must carry over: return the new m and v, the next step receives them", (w, dw, m, v, t, l, a, b, e) =>
                {
                    var r = Formula(w, dw, m, v, t, l, a, b, e, true, true);
                    return (r.W, m, v);
                }),
                Variant("the step divides by √v̂ + eps, not by v̂ + eps", (w, dw, m, v, t, l, a, b, e) =>
                {
                    var r = Formula(w, dw, m, v, t, l, a, b, e, true, true);
                    double c1 = 1 - Math.Pow(a, t), c2 = 1 - Math.Pow(b, t);
                    return (w - l * Elementwise.Zip(r.M, r.V, (mm, vv) => mm / c1 / (vv / c2 + e)), r.M, r.V);
                }),
            ],
            NonFinite = "NaN or infinity: " + ZeroT,
        });
    }

    private static (Matrix<double> W, Matrix<double> M, Matrix<double> V)[] Run(Step step, Matrix<double> w0, Matrix<double>[] grads, double lr, double b1, double b2)
    {
        var w = w0.Clone();
        var m = Mat.Zeros(w0.RowCount, w0.ColumnCount);
        var v = Mat.Zeros(w0.RowCount, w0.ColumnCount);
        var result = new (Matrix<double>, Matrix<double>, Matrix<double>)[grads.Length];
        for (int s = 0; s < grads.Length; s++)
        {
            var (wNew, mNew, vNew) = step(w.Clone(), grads[s].Clone(), m.Clone(), v.Clone(), s + 1, lr, b1, b2, 1e-8);
            w = Trajectory.Checked(wNew, w0, "your W");
            m = Trajectory.Checked(mNew, w0, "your m");
            v = Trajectory.Checked(vNew, w0, "your v");
            result[s] = (w, m, v);
        }
        return result;
    }
}
