using System.Numerics;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>
/// The lecture's babysitting number for each weight matrix: the update-to-weight ratio ‖ΔW‖/‖W‖ of one optimiser step
/// (about 1e-3 is healthy; far below, the weights barely move; far above, they are thrown around). The trainer measures
/// the last step of every epoch: a copy of each W before the step, the distance after it. The copies are made once
/// per run, so measuring allocates nothing per step.
/// </summary>
internal sealed class UpdateRatioProbe<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _weights;
    private readonly T[][] _before;
    private readonly double[] _norms;

    /// <param name="parameters">The parameters the optimiser updates; the weight matrices (W) among them are measured.</param>
    public UpdateRatioProbe(IEnumerable<Parameter<T>> parameters)
    {
        _weights = [.. parameters.Where(p => p.Name == "W")];
        _before = [.. _weights.Select(p => new T[p.Count])];
        _norms = new double[_weights.Length];
    }

    /// <summary>Copies each W just before the step.</summary>
    public void Before()
    {
        for (int i = 0; i < _weights.Length; i++)
        {
            var w = _weights[i].Value.Data();
            w.CopyTo(_before[i], 0);
            _norms[i] = Norm(w);
        }
    }

    /// <summary>‖W_after − W_before‖ / ‖W_before‖ for each weight matrix in layer order; NaN where W was all zeros.</summary>
    public double[] After()
    {
        var ratios = new double[_weights.Length];
        for (int i = 0; i < _weights.Length; i++)
        {
            var w = _weights[i].Value.Data();
            var before = _before[i];
            double sum = 0;
            for (int j = 0; j < w.Length; j++)
            {
                double d = double.CreateTruncating(w[j] - before[j]);
                sum += d * d;
            }
            ratios[i] = _norms[i] > 0 ? Math.Sqrt(sum) / _norms[i] : double.NaN;
        }
        return ratios;
    }

    private static double Norm(T[] values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            double x = double.CreateTruncating(v);
            sum += x * x;
        }
        return Math.Sqrt(sum);
    }
}
