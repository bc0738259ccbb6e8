using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>One step of SGD with momentum in cs231n's form: v = β·v − lr·dW; W += v.</summary>
internal sealed class MomentumExercise : Exercise<Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, (Matrix<double> W, Matrix<double> V)>>
{
    private delegate (Matrix<double> W, Matrix<double> V) Step(Matrix<double> w, Matrix<double> dw, Matrix<double> v, double lr, double beta);

    public override string Name => "momentum";
    public override string Title => "one step of SGD with momentum: v = β·v − lr·dW; W += v";
    public override string Topic => "optimisers";
    public override string Signature =>
        "(Matrix<double> W, Matrix<double> V) MomentumStep(Matrix<double> w, Matrix<double> dw, Matrix<double> v, double lr, double beta)   // all (D, M); v starts at 0";
    public override string Task => "v = β·v − lr·dW; W = W + v (cs231n's sgd_momentum). Return the new W and the new v: the next step receives that v.";

    public override string? Replaces => "the momentum optimiser of #!train (--optimizer momentum)";

    protected override Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, (Matrix<double> W, Matrix<double> V)> ReferenceImplementation => (w, dw, v, lr, beta) =>
    {
        var vNew = beta * v - lr * dw;
        return (w + vNew, vNew);
    };

    protected override void AddCases(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, (Matrix<double> W, Matrix<double> V)> f, Rng rng)
    {
        var (w0, grads) = Trajectory.Random(3, 4, 5, rng);
        Step learner = (w, dw, v, lr, beta) => f(w, dw, v, lr, beta);
        book.Add("one step from v = 0 (3, 4), lr 0.1, β 0.9: the step ΔW", () =>
        {
            var engine = Trajectory.Engine(new Momentum(0.9), w0, grads[..1], 0.1);
            return Compare.Matrices(Run(learner, w0, grads[..1], 0.1, 0.9)[^1].W - w0, engine[0] - w0, Diagnosis("your ΔW", w0, grads[..1], 0.1, 0.9));
        });
        book.Add("one step: the new velocity v", () =>
        {
            var engine = Trajectory.Engine(new Momentum(0.9), w0, grads[..1], 0.1);
            return Compare.Matrices(Run(learner, w0, grads[..1], 0.1, 0.9)[^1].V, engine[0] - w0, new Diagnosis("your v")
            {
                Mistakes =
                [
                    new("that is deeplearning.ai's v = β·v + (1 − β)·dW; here v = β·v − lr·dW (cs231n), then W += v", () => 0.1 * grads[0]),
                    new("return the new velocity v = β·v − lr·dW, not the old one: the next step receives it", () => Mat.Zeros(w0.RowCount, w0.ColumnCount)),
                ],
            });
        });
        book.Add("5 steps, feeding v back: W − W₀", () =>
        {
            var engine = Trajectory.Engine(new Momentum(0.9), w0, grads, 0.1);
            return Compare.Matrices(Run(learner, w0, grads, 0.1, 0.9)[^1].W - w0, engine[^1] - w0, Diagnosis("your W − W₀", w0, grads, 0.1, 0.9));
        });
        book.Add("β = 0 is plain SGD: ΔW = −lr·dW (2 steps, lr 0.5)", () =>
        {
            var engine = Trajectory.Engine(new Sgd(), w0, grads[..2], 0.5);
            return Compare.Matrices(Run(learner, w0, grads[..2], 0.5, 0)[^1].W - w0, engine[^1] - w0, Diagnosis("your W − W₀", w0, grads[..2], 0.5, 0));
        });
    }

    protected override Replacement? Replace(Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, (Matrix<double> W, Matrix<double> V)> f, string description) =>
        new(Name, description, "momentum")
        {
            Optimizer = options =>
            {
                double beta = options?.Beta ?? 0.9;
                return new LearnerOptimizer($"momentum (β={beta:G4}, {description})", 1, (w, dw, state, t, lr) =>
                {
                    var (wNew, vNew) = f(w, dw, state[0], lr, beta);
                    return (wNew, [vNew]);
                });
            },
        };

    private static (Matrix<double> W, Matrix<double> V)[] Run(Step step, Matrix<double> w0, Matrix<double>[] grads, double lr, double beta)
    {
        var w = w0.Clone();
        var v = Mat.Zeros(w0.RowCount, w0.ColumnCount);
        var result = new (Matrix<double>, Matrix<double>)[grads.Length];
        for (int s = 0; s < grads.Length; s++)
        {
            var (wNew, vNew) = step(w.Clone(), grads[s].Clone(), v.Clone(), lr, beta);
            w = Trajectory.Checked(wNew, w0, "your W");
            v = Trajectory.Checked(vNew, w0, "your v");
            result[s] = (w, v);
        }
        return result;
    }

    private static Diagnosis Diagnosis(string what, Matrix<double> w0, Matrix<double>[] grads, double lr, double beta)
    {
        Mistake Variant(string hint, Step step) => new(hint, () => Run(step, w0, grads, lr, beta)[^1].W - w0);
        return new(what)
        {
            Mistakes =
            [
                Variant("that is deeplearning.ai's form (v = β·v + (1 − β)·dW; W −= lr·v); this exercise uses cs231n's: v = β·v − lr·dW; W += v",
                    (w, dw, v, l, b) => { var vn = b * v + (1 - b) * dw; return (w - l * vn, vn); }),
                Variant("no momentum builds up: v = β·v − lr·dW must accumulate — return the new v, the next step receives it",
                    (w, dw, v, l, b) => (w - l * dw, v)),
                Variant("no momentum builds up: v = β·v − lr·dW must accumulate (you stepped by −lr·dW alone)",
                    (w, dw, v, l, b) => (w - l * dw, -l * dw)),
            ],
        };
    }
}
