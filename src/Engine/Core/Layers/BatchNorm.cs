using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Batch normalisation (Ioffe and Szegedy 2015), per unit over the mini-batch, for x (N, D):
/// mu = mean(x), sigma² = mean((x - mu)²), z_norm = (x - mu) / sqrt(sigma² + eps), out = gamma·z_norm + beta
/// (the lecture's z_tilde). In <see cref="Mode.Train"/> it uses the batch's statistics and updates
/// exponentially weighted running averages, running = momentum·running + (1 - momentum)·batch; in
/// <see cref="Mode.Test"/> it normalises with those running averages. gamma (1, D) starts at 1, beta (1, D)
/// at 0; neither is regularised. The running mean starts at 0 and the running variance at 1, so an
/// untrained layer is the identity at test time. T is the element type, float or double (<c>BatchNorm</c> is
/// BatchNorm&lt;double&gt;); momentum and eps are given as doubles and rounded to T once.
/// </summary>
public sealed class BatchNorm<T> : ILayer<T>, IReusesBuffers where T : unmanaged, IFloatingPointIeee754<T>
{
    private Cache? _cache;

    // What a training step writes into while the trainer reuses buffers (see IReusesBuffers).
    private bool _reuse;
    private Matrix<T>? _mean, _variance, _invStd, _normalized, _out, _dx;
    private readonly T _momentum, _oneMinusMomentum, _eps;
    private Cache? _stepCache;

    /// <param name="units">D, the number of units normalised.</param>
    /// <param name="momentum">Weight of the old running average (0.9: about the last 10 batches).</param>
    /// <param name="eps">Added to the variance before the square root (the lecture uses 1e-8; 1e-5 is common).</param>
    public BatchNorm(int units, double momentum = 0.9, double eps = 1e-5)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"batch norm needs a positive width, got {units}");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum must be in [0, 1), got {momentum}");
        if (!(eps > 0) || !double.IsFinite(eps)) throw new ArgumentOutOfRangeException(nameof(eps), $"eps must be a small positive number, got {eps}");
        Momentum = momentum;
        Eps = eps;
        (_momentum, _oneMinusMomentum, _eps) = (T.CreateTruncating(momentum), T.CreateTruncating(1 - momentum), T.CreateTruncating(eps));
        Gamma = new Parameter<T>("gamma", Mat.To<T>(Mat.Filled(1, units, 1.0)), regularized: false);
        Beta = new Parameter<T>("beta", Mat.Zeros<T>(1, units), regularized: false);
        RunningMean = Mat.Zeros<T>(1, units);
        RunningVariance = Mat.To<T>(Mat.Filled(1, units, 1.0));
    }

    public Parameter<T> Gamma { get; }
    public Parameter<T> Beta { get; }

    /// <summary>Exponentially weighted average of the batch means, (1, D): used in test mode.</summary>
    public Matrix<T> RunningMean { get; }

    /// <summary>Exponentially weighted average of the batch variances, (1, D): used in test mode.</summary>
    public Matrix<T> RunningVariance { get; }

    public double Momentum { get; }
    public double Eps { get; }
    public int Units => Gamma.Value.ColumnCount;

    /// <summary>The mean used by the last forward pass (the batch's in training, the running one in test), (1, D).</summary>
    public Matrix<T>? LastMean => _cache?.Mean;

    /// <summary>The variance used by the last forward pass, (1, D).</summary>
    public Matrix<T>? LastVariance => _cache?.Variance;

    /// <summary>z_norm of the last forward pass, (N, D): zero mean and unit std per unit in training.</summary>
    public Matrix<T>? LastNormalized => _cache?.Normalized;

    public string Name => $"BatchNorm({Units})";
    public IReadOnlyList<Parameter<T>> Parameters => [Gamma, Beta];
    public IReadOnlyDictionary<string, Matrix<T>> Buffers =>
        new Dictionary<string, Matrix<T>> { ["running_mean"] = RunningMean, ["running_var"] = RunningVariance };
    public LayerSpec Spec => LayerSpec.Of("BatchNorm", ("units", Units), ("momentum", Momentum), ("eps", Eps));

    public int OutputSize(int inputSize) =>
        inputSize == Units ? Units : throw new ArgumentException($"{Name} takes {Units} inputs, got {inputSize}");

    public Matrix<T> Forward(Matrix<T> x, Mode mode)
    {
        OutputSize(x.ColumnCount);
        if (x.RowCount == 0) throw new ArgumentException($"{Name}: the batch is empty");
        int n = x.RowCount, d = Units;
        bool reuse = _reuse && !ReferenceEquals(x, _out);
        var mean = Mat.ReuseIf(reuse, ref _mean, 1, d);
        var variance = Mat.ReuseIf(reuse, ref _variance, 1, d);
        if (mode == Mode.Train)
        {
            Ops.SumRowsInto(x, mean);
            var sums = mean.Data();
            var count = T.CreateTruncating(n);
            for (int j = 0; j < d; j++) sums[j] /= count; // mu = (1/m) Σ x
            ColumnVariance(x, mean, variance);
            UpdateRunning(RunningMean, mean);
            UpdateRunning(RunningVariance, variance);
        }
        else
        {
            // Copies: LastMean and LastVariance must not change with a later training step.
            RunningMean.Data().CopyTo(mean.Data(), 0);
            RunningVariance.Data().CopyTo(variance.Data(), 0);
        }

        // Every element of these is written below.
        var invStd = Mat.ReuseIf(reuse, ref _invStd, 1, d);
        var normalized = Mat.ReuseIf(reuse, ref _normalized, n, d);
        var output = Mat.ReuseIf(reuse, ref _out, n, d);
        var xd = x.Data(); var md = mean.Data(); var vd = variance.Data(); var isd = invStd.Data();
        var zn = normalized.Data(); var od = output.Data(); var g = Gamma.Value.Data(); var b = Beta.Value.Data();
        for (int j = 0; j < d; j++)
        {
            isd[j] = T.One / T.Sqrt(vd[j] + _eps);
            for (int i = j * n; i < (j + 1) * n; i++)
            {
                zn[i] = (xd[i] - md[j]) * isd[j];
                od[i] = g[j] * zn[i] + b[j];
            }
        }
        var cache = reuse ? _stepCache ??= new Cache() : new Cache();
        (cache.Mode, cache.Mean, cache.Variance, cache.InvStd, cache.Normalized) = (mode, mean, variance, invStd, normalized);
        _cache = cache;
        return output;
    }

    public Matrix<T> Backward(Matrix<T> dOut)
    {
        var c = _cache ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != c.Normalized.RowCount || dOut.ColumnCount != Units)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was {c.Normalized.Shape()}");
        int n = dOut.RowCount, d = Units;
        if (n != c.Normalized.RowCount || dOut.ColumnCount != d)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was {c.Normalized.Shape()}");
        var dx = Mat.ReuseIf(_reuse, ref _dx, n, d, dOut); // every element is written below
        var dd = dOut.Data(); var zn = c.Normalized.Data(); var isd = c.InvStd.Data(); var g = Gamma.Value.Data();
        // dgamma and dbeta go straight into the gradients: no (1, D) temporaries.
        var dxd = dx.Data(); var dg = Gamma.Grad.Data(); var db = Beta.Grad.Data();
        for (int j = 0; j < d; j++)
        {
            var dOutJ = dd.AsSpan(j * n, n);
            var znJ = zn.AsSpan(j * n, n);
            T sumD = Ops.Sum<T>(dOutJ), sumDz = Ops.Dot<T>(dOutJ, znJ);
            db[j] = sumD;
            dg[j] = sumDz;
            if (c.Mode == Mode.Train)
            {
                // dx = gamma/(N·std) · (N·dOut - Σ dOut - z_norm·Σ(dOut·z_norm)): the batch statistics depend on x.
                T count = T.CreateTruncating(n), scale = g[j] * isd[j] / count;
                for (int i = 0; i < n; i++)
                    dxd[j * n + i] = scale * (count * dOutJ[i] - sumD - znJ[i] * sumDz);
            }
            else
            {
                // In test mode mu and sigma² are constants.
                for (int i = 0; i < n; i++) dxd[j * n + i] = g[j] * isd[j] * dOutJ[i];
            }
        }
        return dx;
    }

    private void UpdateRunning(Matrix<T> running, Matrix<T> batch)
    {
        var r = running.Data(); var bd = batch.Data();
        for (int j = 0; j < r.Length; j++) r[j] = _momentum * r[j] + _oneMinusMomentum * bd[j];
    }

    bool IReusesBuffers.ReuseBuffers { get => _reuse; set => _reuse = value; }

    private static void ColumnVariance(Matrix<T> x, Matrix<T> mean, Matrix<T> variance)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var xd = x.Data(); var md = mean.Data(); var vd = variance.Data();
        for (int j = 0; j < d; j++)
        {
            T s = T.Zero;
            for (int i = j * n; i < (j + 1) * n; i++) s += (xd[i] - md[j]) * (xd[i] - md[j]);
            vd[j] = s / T.CreateTruncating(n); // biased (1/N), as the lecture's sigma² = (1/m) Σ (z - mu)²
        }
    }

    /// <summary>What the backward pass needs from the last forward pass (mutable, so a training step reuses it).</summary>
    private sealed class Cache
    {
        public Mode Mode;
        public Matrix<T> Mean = null!, Variance = null!, InvStd = null!, Normalized = null!;
    }
}
