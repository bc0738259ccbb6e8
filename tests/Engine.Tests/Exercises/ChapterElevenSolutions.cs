using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Exercises;

/// <summary>
/// The solutions of notebooks/11-exercises.dib as the notebook writes them, one per exercise, in the shapes
/// a notebook hands them over: methods (a notebook's top-level functions), a helper of another cell
/// (Sigma, MySoftmax), the layer class (<see cref="LearnerBatchNorm"/> is the notebook's MyBatchNorm).
/// The notebook itself replays in tests/Notebooks.Tests and runs cell by cell in the extension's tests.
/// </summary>
internal static class ChapterElevenSolutions
{
    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        ["softmax"] = (Func<Matrix<double>, Matrix<double>>)MySoftmax,
        ["softmax-loss"] = (Func<Matrix<double>, int[], (double, Matrix<double>)>)MySoftmaxLoss,
        ["sigmoid-backward"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>>)SigmoidBackward,
        ["tanh-backward"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>>)TanhBackward,
        ["relu-backward"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>>)ReluBackward,
        ["leaky-relu-backward"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>>)LeakyReluBackward,
        ["dense-forward"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>>)DenseForward,
        ["dense-backward"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double>, Matrix<double>, Matrix<double>)>)DenseBackward,
        ["xavier"] = (Func<int, int, Rng, Matrix<double>>)Xavier,
        ["he"] = (Func<int, int, Rng, Matrix<double>>)He,
        ["dropout"] = (Func<Matrix<double>, double, Mode, Rng, (Matrix<double>, Matrix<double>)>)MyDropout,
        ["batchnorm"] = typeof(LearnerBatchNorm),
        ["batchnorm-network"] = (Func<int, int[], int, Rng, IReadOnlyList<ILayer>>)BatchNormNetwork,
        ["momentum"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, (Matrix<double>, Matrix<double>)>)MomentumStep,
        ["rmsprop"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>, double, double, double, (Matrix<double>, Matrix<double>)>)RmsPropStep,
        ["adam"] = (Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, int, double, double, double, double, (Matrix<double>, Matrix<double>, Matrix<double>)>)AdamStep,
        ["log-scale"] = (Func<double, double, Rng, double>)LogScale,
        ["beta-sampling"] = (Func<double, double, Rng, double>)SampleBeta,
    };

    public static Matrix<double> MySoftmax(Matrix<double> scores)
    {
        var a = scores.Clone();
        for (int i = 0; i < scores.RowCount; i++)
        {
            var t = (scores.Row(i) - scores.Row(i).Maximum()).PointwiseExp();
            a.SetRow(i, t / t.Sum());
        }
        return a;
    }

    private static (double Loss, Matrix<double> DScores) MySoftmaxLoss(Matrix<double> scores, int[] y)
    {
        int n = scores.RowCount;
        double loss = 0;
        var dScores = MySoftmax(scores);
        for (int i = 0; i < n; i++)
        {
            double max = scores.Row(i).Maximum();
            loss -= scores[i, y[i]] - max - Math.Log((scores.Row(i) - max).PointwiseExp().Sum());
            dScores[i, y[i]] -= 1;
        }
        return (loss / n, dScores / n);
    }

    private static double Sigma(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static Matrix<double> SigmoidBackward(Matrix<double> dout, Matrix<double> x) =>
        Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => Sigma(x[i, j]) * (1 - Sigma(x[i, j])) * dout[i, j]);

    private static Matrix<double> TanhBackward(Matrix<double> dout, Matrix<double> x) =>
        Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => (1 - Math.Tanh(x[i, j]) * Math.Tanh(x[i, j])) * dout[i, j]);

    private static Matrix<double> ReluBackward(Matrix<double> dout, Matrix<double> x) =>
        Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => x[i, j] > 0 ? dout[i, j] : 0);

    private static Matrix<double> LeakyReluBackward(Matrix<double> dout, Matrix<double> x) =>
        Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => x[i, j] > 0 ? dout[i, j] : 0.01 * dout[i, j]);

    private static Matrix<double> DenseForward(Matrix<double> x, Matrix<double> w, Matrix<double> b)
    {
        var ones = Matrix<double>.Build.Dense(x.RowCount, 1, 1.0);
        return x * w + ones * b;
    }

    private static (Matrix<double> Dx, Matrix<double> DW, Matrix<double> Db) DenseBackward(Matrix<double> dout, Matrix<double> x, Matrix<double> w) =>
        (dout * w.Transpose(), x.Transpose() * dout, dout.ColumnSums().ToRowMatrix());

    private static Matrix<double> Xavier(int fanIn, int fanOut, Rng rng) =>
        Matrix<double>.Build.Dense(fanIn, fanOut, (i, j) => rng.Gaussian() / Math.Sqrt(fanIn));

    private static Matrix<double> He(int fanIn, int fanOut, Rng rng) =>
        Matrix<double>.Build.Dense(fanIn, fanOut, (i, j) => rng.Gaussian() * Math.Sqrt(2.0 / fanIn));

    private static (Matrix<double> Out, Matrix<double> Mask) MyDropout(Matrix<double> x, double p, Mode mode, Rng rng)
    {
        if (mode == Mode.Test) return (x, null!);
        var mask = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => rng.NextDouble() >= p ? 1 / (1 - p) : 0);
        return (x.PointwiseMultiply(mask), mask);
    }

    private static IReadOnlyList<ILayer> BatchNormNetwork(int inputs, int[] hidden, int classes, Rng rng)
    {
        var layers = new List<ILayer>();
        int width = inputs;
        foreach (var h in hidden)
        {
            layers.Add(new Dense(width, h, Initializer.He, rng, bias: false));
            layers.Add(new BatchNorm(h));
            layers.Add(new ReLU());
            width = h;
        }
        layers.Add(new Dense(width, classes, Initializer.He, rng));
        return layers;
    }

    private static (Matrix<double> W, Matrix<double> V) MomentumStep(Matrix<double> w, Matrix<double> dw, Matrix<double> v, double lr, double beta)
    {
        var vNew = beta * v - lr * dw;
        return (w + vNew, vNew);
    }

    private static (Matrix<double> W, Matrix<double> Cache) RmsPropStep(Matrix<double> w, Matrix<double> dw, Matrix<double> cache, double lr, double decay, double eps)
    {
        var c = decay * cache + (1 - decay) * dw.PointwisePower(2);
        return (w - lr * dw.PointwiseDivide(c.PointwiseSqrt() + eps), c);
    }

    private static (Matrix<double> W, Matrix<double> M, Matrix<double> V) AdamStep(Matrix<double> w, Matrix<double> dw, Matrix<double> m, Matrix<double> v,
        int t, double lr, double beta1, double beta2, double eps)
    {
        m = beta1 * m + (1 - beta1) * dw;
        v = beta2 * v + (1 - beta2) * dw.PointwisePower(2);
        var mHat = m / (1 - Math.Pow(beta1, t));
        var vHat = v / (1 - Math.Pow(beta2, t));
        return (w - lr * mHat.PointwiseDivide(vHat.PointwiseSqrt() + eps), m, v);
    }

    private static double LogScale(double low, double high, Rng rng)
    {
        double a = Math.Log10(low), b = Math.Log10(high);
        return Math.Pow(10, a + (b - a) * rng.NextDouble());
    }

    private static double SampleBeta(double low, double high, Rng rng)
    {
        double a = Math.Log10(1 - high), b = Math.Log10(1 - low);
        return 1 - Math.Pow(10, a + (b - a) * rng.NextDouble());
    }
}
