using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>One RMSprop step as cs231n writes it: cache = decay·cache + (1 − decay)·dW²; W −= lr·dW/(√cache + eps).</summary>
internal sealed class RmsPropExercise : Exercise<Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, double, (Matrix<double> W, Matrix<double> Cache)>>
{
    private delegate (Matrix<double> W, Matrix<double> Cache) Step(Matrix<double> w, Matrix<double> dw, Matrix<double> cache, double lr, double decay, double eps);

    public override string Name => "rmsprop";
    public override string Title => "one RMSprop step: cache = decay·cache + (1 − decay)·dW²; W −= lr·dW/(√cache + eps)";
    public override string Topic => "optimisers";
    public override string Signature =>
        "(Matrix<double> W, Matrix<double> Cache) RmsPropStep(Matrix<double> w, Matrix<double> dw, Matrix<double> cache, double lr, double decay, double eps)   // all (D, M); cache starts at 0";
    public override string Task => "cache = decay·cache + (1 − decay)·dW² (element-wise); W = W − lr·dW / (√cache + eps). Return the new W and the new cache.";

    public override string? Replaces => "the rmsprop optimiser of #!train (--optimizer rmsprop)";

    protected override Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, double, (Matrix<double> W, Matrix<double> Cache)> ReferenceImplementation =>
        (w, dw, cache, lr, decay, eps) =>
        {
            var c = decay * cache + (1 - decay) * dw.PointwiseMultiply(dw);
            return (w - lr * Elementwise.Zip(dw, c, (g, s) => g / (Math.Sqrt(s) + eps)), c);
        };

    protected override void AddCases(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, double, (Matrix<double> W, Matrix<double> Cache)> f, Rng rng)
    {
        var (w0, grads) = Trajectory.Random(3, 4, 5, rng);
        Step learner = (w, dw, c, lr, decay, eps) => f(w, dw, c, lr, decay, eps);
        book.Add("one step from cache = 0 (3, 4), lr 0.01, decay 0.99: the step ΔW", () =>
            Displacement(learner, w0, grads[..1], 0.01, 0.99, "your ΔW"));
        book.Add("one step: the new cache = (1 − decay)·dW²", () =>
            Compare.Matrices(Run(learner, w0, grads[..1], 0.01, 0.99, 1e-8)[^1].Cache, 0.01 * grads[0].PointwiseMultiply(grads[0]), new Diagnosis("your cache")
            {
                Mistakes =
                [
                    new("swapped: cache = decay·cache + (1 − decay)·dW² (decay 0.99 keeps 99% of the old cache)", () => 0.99 * grads[0].PointwiseMultiply(grads[0])),
                    new("the cache averages the squared gradient dW², not |dW|", () => 0.01 * grads[0].PointwiseAbs()),
                ],
            }));
        book.Add("5 steps, feeding the cache back: W − W₀", () => Displacement(learner, w0, grads, 0.01, 0.99, "your W − W₀"));
        book.Add("decay 0.9 (Hinton's), 3 steps, lr 0.001: W − W₀", () => Displacement(learner, w0, grads[..3], 0.001, 0.9, "your W − W₀"));
    }

    protected override Replacement? Replace(Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, double, (Matrix<double> W, Matrix<double> Cache)> f, string description) =>
        new(Name, description, "rmsprop")
        {
            Optimizer = options =>
            {
                double decay = options?.DecayRate ?? 0.99, eps = options?.Eps ?? 1e-8;
                return new LearnerOptimizer($"rmsprop (decay={decay:G4}, {description})", 1, (w, dw, state, t, lr) =>
                {
                    var (wNew, cache) = f(w, dw, state[0], lr, decay, eps);
                    return (wNew, [cache]);
                });
            },
        };

    private static Verdict Displacement(Step learner, Matrix<double> w0, Matrix<double>[] grads, double lr, double decay, string what)
    {
        var engine = Trajectory.Engine(new RmsProp(decay, 1e-8), w0, grads, lr);
        Mistake Variant(string hint, Step step) => new(hint, () => Run(step, w0, grads, lr, decay, 1e-8)[^1].W - w0);
        return Compare.Matrices(Run(learner, w0, grads, lr, decay, 1e-8)[^1].W - w0, engine[^1] - w0, new Diagnosis(what)
        {
            Mistakes =
            [
                Variant("divide by √cache + eps, not by cache + eps", (w, dw, c, l, d, e) =>
                {
                    var cn = d * c + (1 - d) * dw.PointwiseMultiply(dw);
                    return (w - l * Elementwise.Zip(dw, cn, (g, s) => g / (s + e)), cn);
                }),
                Variant("swapped: cache = decay·cache + (1 − decay)·dW² (decay 0.99 keeps 99% of the old cache)", (w, dw, c, l, d, e) =>
                {
                    var cn = (1 - d) * c + d * dw.PointwiseMultiply(dw);
                    return (w - l * Elementwise.Zip(dw, cn, (g, s) => g / (Math.Sqrt(s) + e)), cn);
                }),
                Variant("the cache must carry over: return the new cache, the next step receives it", (w, dw, c, l, d, e) =>
                {
                    var cn = d * c + (1 - d) * dw.PointwiseMultiply(dw);
                    return (w - l * Elementwise.Zip(dw, cn, (g, s) => g / (Math.Sqrt(s) + e)), c);
                }),
                Variant("the cache averages the squared gradient dW², not |dW|", (w, dw, c, l, d, e) =>
                {
                    var cn = d * c + (1 - d) * dw.PointwiseAbs();
                    return (w - l * Elementwise.Zip(dw, cn, (g, s) => g / (Math.Sqrt(s) + e)), cn);
                }),
            ],
        });
    }

    private static (Matrix<double> W, Matrix<double> Cache)[] Run(Step step, Matrix<double> w0, Matrix<double>[] grads, double lr, double decay, double eps)
    {
        var w = w0.Clone();
        var cache = Mat.Zeros(w0.RowCount, w0.ColumnCount);
        var result = new (Matrix<double>, Matrix<double>)[grads.Length];
        for (int s = 0; s < grads.Length; s++)
        {
            var (wNew, cNew) = step(w.Clone(), grads[s].Clone(), cache.Clone(), lr, decay, eps);
            w = Trajectory.Checked(wNew, w0, "your W");
            cache = Trajectory.Checked(cNew, w0, "your cache");
            result[s] = (w, cache);
        }
        return result;
    }
}
