using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;

namespace NotebookDL.Tests.Exercises;

/// <summary>
/// Batch norm as a learner writes it with MathNet's matrix operations (the notebook's solution), with
/// switches for the usual mistakes.
/// </summary>
internal class LearnerBatchNorm : ILayer
{
    private readonly double _momentum, _eps;
    private Matrix<double> _zNorm = null!, _invStd = null!;

    public LearnerBatchNorm(int units, double momentum = 0.9, double eps = 1e-5)
    {
        _momentum = momentum;
        _eps = eps;
        Gamma = new Parameter("gamma", Matrix<double>.Build.Dense(1, units, 1.0), regularized: false);
        Beta = new Parameter("beta", Matrix<double>.Build.Dense(1, units), regularized: false);
        RunningMean = Matrix<double>.Build.Dense(1, units);
        RunningVar = Matrix<double>.Build.Dense(1, units, 1.0);
    }

    public bool ForgetRunningAverage { get; init; }
    public bool SwapMomentum { get; init; }
    public bool BatchStatsAtTest { get; init; }
    public bool Unbiased { get; init; }
    public bool ConstantStatsBackward { get; init; }
    public bool NoGammaBeta { get; init; }

    public Parameter Gamma { get; }
    public Parameter Beta { get; }
    public Matrix<double> RunningMean { get; }
    public Matrix<double> RunningVar { get; }

    public string Name => $"LearnerBatchNorm({Gamma.Value.ColumnCount})";
    public IReadOnlyList<Parameter> Parameters => [Gamma, Beta];
    public IReadOnlyDictionary<string, Matrix<double>> Buffers =>
        new Dictionary<string, Matrix<double>> { ["running_mean"] = RunningMean, ["running_var"] = RunningVar };
    public LayerSpec Spec => LayerSpec.Of("BatchNorm", ("units", Gamma.Value.ColumnCount), ("momentum", _momentum), ("eps", _eps));
    public int OutputSize(int inputSize) => inputSize;

    public Matrix<double> Forward(Matrix<double> x, Mode mode)
    {
        int n = x.RowCount;
        var ones = Matrix<double>.Build.Dense(n, 1, 1.0);
        Matrix<double> mean, variance;
        if (mode == Mode.Train || BatchStatsAtTest)
        {
            mean = x.ColumnSums().ToRowMatrix() / n;
            variance = (x - ones * mean).PointwisePower(2).ColumnSums().ToRowMatrix() / (Unbiased ? n - 1 : n);
            if (mode == Mode.Train && !ForgetRunningAverage)
            {
                double keep = SwapMomentum ? 1 - _momentum : _momentum;
                (keep * RunningMean + (1 - keep) * mean).CopyTo(RunningMean);
                (keep * RunningVar + (1 - keep) * variance).CopyTo(RunningVar);
            }
        }
        else
        {
            mean = RunningMean;
            variance = RunningVar;
        }
        _invStd = variance.Map(v => 1 / Math.Sqrt(v + _eps));
        _zNorm = (x - ones * mean).PointwiseMultiply(ones * _invStd);
        return NoGammaBeta ? _zNorm.Clone() : _zNorm.PointwiseMultiply(ones * Gamma.Value) + ones * Beta.Value;
    }

    public Matrix<double> Backward(Matrix<double> dout)
    {
        int n = dout.RowCount;
        var ones = Matrix<double>.Build.Dense(n, 1, 1.0);
        var dBeta = dout.ColumnSums().ToRowMatrix();
        var dGamma = dout.PointwiseMultiply(_zNorm).ColumnSums().ToRowMatrix();
        dBeta.CopyTo(Beta.Grad);
        dGamma.CopyTo(Gamma.Grad);
        var scale = ones * Gamma.Value.PointwiseMultiply(_invStd);
        if (ConstantStatsBackward) return dout.PointwiseMultiply(scale);
        // dx = γ/(N·σ)·(N·dout − Σdout − z_norm·Σ(dout·z_norm))
        return (n * dout - ones * dBeta - _zNorm.PointwiseMultiply(ones * dGamma)).PointwiseMultiply(scale) / n;
    }
}
