using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Exercises;
using NotebookDL.Optimizers;
using NotebookDL.Training;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class OptimizerExerciseTests
{
    private delegate (Matrix<double> W, Matrix<double> V) MomentumStep(Matrix<double> w, Matrix<double> dw, Matrix<double> v, double lr, double beta);

    private static Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, (Matrix<double>, Matrix<double>)> Momentum(
        bool deepLearningAi = false, bool ascent = false, bool forgetV = false) =>
        (w, dw, v, lr, beta) =>
        {
            if (deepLearningAi)
            {
                var vd = beta * v + (1 - beta) * dw;
                return (w - lr * vd, vd);
            }
            var vn = beta * v + (ascent ? lr : -lr) * dw;
            return (w + vn, forgetV ? v : vn);
        };

    private static Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, double, (Matrix<double>, Matrix<double>)> RmsProp(
        bool noSqrt = false, bool swapped = false) =>
        (w, dw, cache, lr, decay, eps) =>
        {
            double keep = swapped ? 1 - decay : decay;
            var c = keep * cache + (1 - keep) * dw.PointwisePower(2);
            var denominator = (noSqrt ? c : c.PointwiseSqrt()) + eps;
            return (w - lr * dw.PointwiseDivide(denominator), c);
        };

    private static Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, int, double, double, double, double, (Matrix<double>, Matrix<double>, Matrix<double>)> Adam(
        bool biasCorrection = true, int tOffset = 0) =>
        (w, dw, m, v, t, lr, b1, b2, eps) =>
        {
            m = b1 * m + (1 - b1) * dw;
            v = b2 * v + (1 - b2) * dw.PointwisePower(2);
            int tt = t + tOffset;
            var mHat = biasCorrection ? m / (1 - Math.Pow(b1, tt)) : m;
            var vHat = biasCorrection ? v / (1 - Math.Pow(b2, tt)) : v;
            return (w - lr * mHat.PointwiseDivide(vHat.PointwiseSqrt() + eps), m, v);
        };

    [Fact]
    public void Learners_momentum_rmsprop_and_adam_steps_pass()
    {
        Passes("momentum", Momentum());
        Passes("rmsprop", RmsProp());
        Passes("adam", Adam());
    }

    [Fact]
    public void A_step_given_as_a_custom_delegate_type_is_accepted()
    {
        MomentumStep step = (w, dw, v, lr, beta) => { var vn = beta * v - lr * dw; return (w + vn, vn); };
        Passes("momentum", step);
    }

    [Fact]
    public void Deeplearning_ai_momentum_is_told_this_exercise_uses_cs231ns_form() =>
        FailsWith("momentum", Momentum(deepLearningAi: true), "that is deeplearning.ai's form");

    [Fact]
    public void Momentum_going_uphill_is_a_wrong_sign() =>
        FailsWith("momentum", Momentum(ascent: true), "wrong sign");

    [Fact]
    public void Momentum_that_returns_the_old_velocity_is_told_to_return_the_new_one()
    {
        var result = FailsWith("momentum", Momentum(forgetV: true), "return the new velocity v = β·v − lr·dW, not the old one");
        Assert.Contains(result.Cases, c => c.Hint?.Contains("return the new v, the next step receives it") == true);
        Assert.True(result.Cases[0].Passed); // the first step is right
    }

    [Fact]
    public void Rmsprop_without_the_square_root_is_named() =>
        FailsWith("rmsprop", RmsProp(noSqrt: true), "divide by √cache + eps, not by cache + eps");

    [Fact]
    public void Rmsprop_with_the_decay_swapped_is_named() =>
        FailsWith("rmsprop", RmsProp(swapped: true), "swapped: cache = decay·cache + (1 − decay)·dW²");

    [Fact]
    public void Adam_without_bias_correction_is_named() =>
        FailsWith("adam", Adam(biasCorrection: false), "no bias correction: use m̂ = m/(1 − β1^t) and v̂ = v/(1 − β2^t)");

    [Fact]
    public void Adam_counting_t_from_0_divides_by_zero_and_is_told_so() =>
        FailsWith("adam", Adam(tOffset: -1), "with t = 0 the bias correction 1 − β^t is 0");

    [Fact]
    public void Passing_steps_plugged_in_as_optimisers_train_exactly_as_the_engines_rules()
    {
        var data = Split.Random(Spiral.Create(30, 3, seed: 5), val: 20, seed: 0);
        var net = new MlpOptions { InputSize = 2, Classes = 3, Hidden = [10], Seed = 2 };
        foreach (var (name, step) in new (string, object)[] { ("momentum", Momentum()), ("rmsprop", RmsProp()), ("adam", Adam()) })
        {
            var replacement = ExerciseCatalog.Find(name).Plug(step, out var check)!;
            Assert.True(check.Passed, check.ToString());
            Assert.Equal(name, replacement.Target);
            var options = new OptimizerOptions { Beta = name == "momentum" ? 0.8 : null, DecayRate = name == "rmsprop" ? 0.9 : null, Beta1 = name == "adam" ? 0.85 : null };
            var train = new TrainOptions { Epochs = 3, BatchSize = 20, LearningRate = 0.01, Optimizer = name, OptimizerOptions = options };
            var a = new Trainer().Train(Mlp.Create(net), data.Train, data.Val, train);
            var b = new Trainer().Train(Mlp.Create(net), data.Train, data.Val, train with { OptimizerFactory = () => replacement.Optimizer!(options) });
            Assert.Equal(a.Costs.Count, b.Costs.Count);
            for (int i = 0; i < a.Costs.Count; i++) Assert.Equal(a.Costs[i], b.Costs[i], 1e-9);
        }
    }
}
