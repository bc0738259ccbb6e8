using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Probes;

/// <summary>
/// Numerical gradient checks (cs231n's gradient_check.py): the backward pass's gradient a against the
/// centred difference n = (f(x + h) - f(x - h)) / 2h, element by element, scored by the relative error
/// |a - n| / max(1e-8, |a| + |n|) and reported per tensor as the largest over its elements. In float64
/// a correct backward pass gives about 1e-7 or less; 1e-2 or more means a bug. A network can be checked in
/// float32 too (<see cref="Network{T}"/>), to see why checks are run in double: there the centred difference
/// loses most of its digits to rounding and a correct backward pass scores orders of magnitude worse.
/// <para>
/// The checks leave no trace: inputs are not modified, batch norm's running averages are restored and
/// dropout's <see cref="IStochasticLayer.Frozen"/> flag is put back. Dropout is frozen during a check so
/// that every forward pass uses the same mask (which the check draws from the layer's own random source).
/// </para>
/// </summary>
public static class GradientCheck
{
    /// <summary>|a - n| / max(1e-8, |a| + |n|): 0 when both are 0, about 1 when they disagree completely.</summary>
    public static double RelativeError(double analytic, double numeric) =>
        Math.Abs(analytic - numeric) / Math.Max(1e-8, Math.Abs(analytic) + Math.Abs(numeric));

    /// <summary>
    /// Checks one layer on an input x (N, D): with a random dOut (N, M) drawn from <paramref name="rng"/>,
    /// the scalar f = Σ out ⊙ dOut has gradient dx = Backward(dOut) and, for each parameter, its
    /// <see cref="Parameter.Grad"/>. The numerical side sums (out(x + h) - out(x - h)) ⊙ dOut before
    /// dividing, as cs231n's eval_numerical_gradient_array does, which keeps rounding error small.
    /// Rows: "x" (dx), then each parameter. Afterwards the layer's cache and gradients are those of x.
    /// </summary>
    public static GradientCheckReport Layer(ILayer layer, Matrix<double> x, Mode mode, Rng rng, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(rng);
        var o = (options ?? GradientCheckOptions.Default).Validated();
        using var guard = new SideEffectGuard<double>([layer]);

        // The first pass draws dropout's mask; every later pass reuses it.
        var out0 = layer.Forward(x, mode);
        var dOut = Mat.Gaussian(out0.RowCount, out0.ColumnCount, rng);

        var xWork = x.Clone(); // perturbed in place; the caller's x is never touched
        var numericX = new Dictionary<int, double>();
        foreach (int k in Sample(xWork.Data().Length, o.MaxElementsPerTensor, rng))
            numericX[k] = CentredDifference(xWork.Data(), k, o.Step, () => layer.Forward(xWork, mode), dOut);

        var numericParams = new List<Dictionary<int, double>>();
        foreach (var p in layer.Parameters)
        {
            var numeric = new Dictionary<int, double>();
            var v = p.Value.Data();
            foreach (int k in Sample(v.Length, o.MaxElementsPerTensor, rng))
                numeric[k] = CentredDifference(v, k, o.Step, () => layer.Forward(xWork, mode), dOut);
            numericParams.Add(numeric);
        }

        // The analytic pass comes last so the layer's cache and gradients belong to the unperturbed input.
        layer.Forward(x, mode);
        var dx = layer.Backward(dOut);
        var rows = new List<GradientCheckRow> { Compare(0, layer.Name, "x", dx, numericX, o) };
        for (int i = 0; i < layer.Parameters.Count; i++)
        {
            var p = layer.Parameters[i];
            rows.Add(Compare(0, layer.Name, p.Name, p.Grad, numericParams[i], o));
        }
        return new GradientCheckReport(rows, o.Step, o.Threshold);
    }

    /// <summary>
    /// Checks a whole network's cost J = data loss + λR(W) on a batch (x, y) against
    /// <see cref="Training.Network.ComputeGradients"/>, for every parameter of every layer (regularisation
    /// included). Forward passes run in <see cref="GradientCheckOptions.Mode"/> (Train by default). The
    /// network's parameters and buffers are restored afterwards; its gradients are those of (x, y).
    /// </summary>
    public static GradientCheckReport Network<T>(Training.Network<T> net, Matrix<T> x, Targets y, GradientCheckOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        var o = (options ?? GradientCheckOptions.Default).Validated();
        var rng = new Rng(o.Seed);
        var snapshot = net.Snapshot();
        using var guard = new SideEffectGuard<T>(net.Layers);
        try
        {
            net.Forward(x, o.Mode); // draws dropout's masks once
            var numeric = new List<(int Layer, Parameter<T> P, Dictionary<int, double> Values)>();
            for (int l = 0; l < net.Layers.Count; l++)
            {
                foreach (var p in net.Layers[l].Parameters)
                {
                    var values = new Dictionary<int, double>();
                    var v = p.Value.Data();
                    foreach (int k in Sample(v.Length, o.MaxElementsPerTensor, rng))
                        values[k] = CentredDifference(v, k, o.Step, () => net.Cost(x, y, o.Mode).Cost);
                    numeric.Add((l, p, values));
                }
            }
            net.ComputeGradients(x, y, o.Mode);
            var rows = numeric.Select(n => Compare(n.Layer, net.Layers[n.Layer].Name, n.P.Name, n.P.Grad, n.Values, o)).ToList();
            return new GradientCheckReport(rows, o.Step, o.Threshold);
        }
        finally
        {
            net.Restore(snapshot); // batch norm's running averages moved with every training-mode pass
        }
    }

    /// <summary>
    /// <see cref="Network"/> on a batch of <paramref name="batchSize"/> random examples, as cs231n checks a net
    /// before it has data: X = randn(N, D) and labels uniform in 0..C−1 (C = the net's outputs, so for a softmax
    /// or SVM net), drawn with seed <paramref name="seed"/> + 1 so they differ from weights drawn with
    /// <paramref name="seed"/>.
    /// <code>
    /// var net = Mlp.Create(new MlpOptions { InputSize = 10, Classes = 4, Hidden = [10], Activation = "tanh", Init = Initializer.XavierNormal });
    /// Console.WriteLine(GradientCheck.OnRandomBatch(net, batchSize: 8, seed: 0).Passed);   // true: below 1e-7
    /// </code>
    /// </summary>
    public static GradientCheckReport OnRandomBatch<T>(Training.Network<T> net, int batchSize, int seed, GradientCheckOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "at least one example");
        var rng = new Rng(seed + 1);
        var x = Mat.To<T>(Mat.Gaussian(batchSize, net.InputSize, rng));
        var y = Enumerable.Range(0, batchSize).Select(_ => rng.NextInt(net.OutputSize)).ToArray();
        return Network(net, x, y, options);
    }

    /// <summary>
    /// Checks a loss's dScores (N, C) against centred differences of its value on (scores, y). The caller
    /// keeps scores away from the loss's kinks (the SVM's margins) where the gradient is not defined.
    /// </summary>
    public static GradientCheckReport Loss(ILoss loss, Matrix<double> scores, Targets y, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var o = (options ?? GradientCheckOptions.Default).Validated();
        var rng = new Rng(o.Seed);
        var work = scores.Clone();
        var numeric = new Dictionary<int, double>();
        foreach (int k in Sample(work.Data().Length, o.MaxElementsPerTensor, rng))
            numeric[k] = CentredDifference(work.Data(), k, o.Step, () => loss.Compute(work, y).Loss);
        var analytic = loss.Compute(scores, y).DScores;
        return new GradientCheckReport([Compare(0, loss.Name, "scores", analytic, numeric, o)], o.Step, o.Threshold);
    }

    /// <summary>(f(v_k + h) - f(v_k - h)) / 2h for a scalar f, restoring v_k exactly (v_k ± h rounded to T).</summary>
    private static double CentredDifference<T>(T[] v, int k, double h, Func<double> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T old = v[k];
        try
        {
            v[k] = T.CreateTruncating(double.CreateTruncating(old) + h);
            double plus = f();
            v[k] = T.CreateTruncating(double.CreateTruncating(old) - h);
            double minus = f();
            return (plus - minus) / (2 * h);
        }
        finally
        {
            v[k] = old;
        }
    }

    /// <summary>Σ (out(v_k + h) - out(v_k - h)) ⊙ dOut / 2h, restoring v_k exactly.</summary>
    private static double CentredDifference(double[] v, int k, double h, Func<Matrix<double>> forward, Matrix<double> dOut)
    {
        double old = v[k];
        double[] plus, minus;
        try
        {
            v[k] = old + h;
            plus = forward().Data();
            v[k] = old - h;
            minus = forward().Data();
        }
        finally
        {
            v[k] = old;
        }
        var d = dOut.Data();
        double sum = 0;
        for (int i = 0; i < d.Length; i++) sum += (plus[i] - minus[i]) * d[i];
        return sum / (2 * h);
    }

    private static GradientCheckRow Compare<T>(int layerIndex, string layerName, string parameter, Matrix<T> analytic,
        Dictionary<int, double> numeric, GradientCheckOptions o) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = analytic.Data();
        double A(int k) => double.CreateTruncating(data[k]);
        double worst = 0, worstAbsolute = 0, largest = 0;
        int worstK = numeric.Count > 0 ? numeric.Keys.First() : 0;
        foreach (var (k, n) in numeric)
        {
            double e = RelativeError(A(k), n);
            worstAbsolute = Math.Max(worstAbsolute, Math.Abs(A(k) - n));
            largest = Math.Max(largest, Math.Max(Math.Abs(A(k)), Math.Abs(n)));
            if (double.IsNaN(e)) { worst = e; worstK = k; break; }
            if (e > worst) { worst = e; worstK = k; }
        }
        int rows = analytic.RowCount;
        return new GradientCheckRow(layerIndex, layerName, parameter, analytic.Shape(), numeric.Count, data.Length,
            worst, worstAbsolute, worstK % rows, worstK / rows, data.Length > 0 ? A(worstK) : 0, numeric.GetValueOrDefault(worstK), o.Threshold)
        {
            MaxGradient = numeric.Count == 0 || double.IsNaN(worst) ? double.PositiveInfinity : largest,
        };
    }

    /// <summary>All indices 0..count-1, or a seeded sample of <paramref name="max"/> of them in increasing order.</summary>
    private static int[] Sample(int count, int max, Rng rng)
    {
        if (count <= max) return Enumerable.Range(0, count).ToArray();
        var chosen = rng.Permutation(count).AsSpan(0, max).ToArray();
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>Freezes stochastic layers and keeps copies of the buffers; puts both back on dispose.</summary>
    private sealed class SideEffectGuard<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly List<(IStochasticLayer Layer, bool WasFrozen)> _frozen = [];
        private readonly List<(Matrix<T> Buffer, Matrix<T> Copy)> _buffers = [];

        public SideEffectGuard(IEnumerable<ILayer<T>> layers)
        {
            foreach (var layer in layers)
            {
                if (layer is IStochasticLayer s)
                {
                    _frozen.Add((s, s.Frozen));
                    s.Frozen = true;
                }
                foreach (var buffer in layer.Buffers.Values) _buffers.Add((buffer, buffer.Clone()));
            }
        }

        public void Dispose()
        {
            foreach (var (layer, wasFrozen) in _frozen) layer.Frozen = wasFrozen;
            foreach (var (buffer, copy) in _buffers) copy.Data().CopyTo(buffer.Data(), 0);
        }
    }
}
