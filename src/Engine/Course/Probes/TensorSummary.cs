using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Probes;

/// <summary>
/// A tensor at a glance, as makemore prints a layer (<c>mean +0.01, std 0.63, saturated 4.2%</c>): its shape,
/// mean, standard deviation, range and norm, the share of exact zeros, and for an activation's output how
/// much of it is saturated (tanh |a| &gt; 0.99, sigmoid a &lt; 0.01 or &gt; 0.99) or dead (ReLU units that
/// gave 0 for every example of the batch).
/// </summary>
/// <param name="Rows">N (examples) or the first dimension.</param>
/// <param name="Columns">Units or the second dimension.</param>
/// <param name="Mean">Mean of the elements.</param>
/// <param name="Std">Population standard deviation of the elements.</param>
/// <param name="Min">Smallest element.</param>
/// <param name="Max">Largest element.</param>
/// <param name="Norm">‖T‖, the Frobenius norm (square root of the sum of squares).</param>
/// <param name="Zeros">Share of elements exactly 0 (a ReLU's inactive outputs).</param>
/// <param name="Saturated">Share of saturated elements for a tanh or sigmoid output; NaN for anything else.</param>
/// <param name="DeadUnits">Share of columns all 0 for a ReLU output (units dead on this batch); NaN for anything else.</param>
public sealed record TensorSummary(int Rows, int Columns, double Mean, double Std, double Min, double Max, double Norm,
    double Zeros, double Saturated, double DeadUnits)
{
    /// <summary>tanh counts as saturated where |a| &gt; this, sigmoid where a &lt; 1 − this or a &gt; this.</summary>
    public const double SaturationLevel = 0.99;

    /// <summary>"(N, D)".</summary>
    public string Shape => $"({Rows}, {Columns})";

    /// <summary>
    /// The summary of <paramref name="m"/>; <paramref name="activation"/>, when <paramref name="m"/> is that
    /// layer's output, says how to count saturation (tanh, sigmoid) and dead units (ReLU).
    /// </summary>
    public static TensorSummary Of(Matrix<double> m, ILayer? activation = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        var v = m.Data();
        int count = v.Length;
        if (count == 0) return new(m.RowCount, m.ColumnCount, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN);
        double mean = Ops.Sum(v) / count, min = double.PositiveInfinity, max = double.NegativeInfinity, squares = 0;
        long zeros = 0, saturated = 0;
        foreach (var x in v)
        {
            if (x < min) min = x;
            if (x > max) max = x;
            if (x == 0) zeros++;
            squares += (x - mean) * (x - mean); // about the mean: no cancellation
            if (activation is Tanh ? Math.Abs(x) > SaturationLevel : x < 1 - SaturationLevel || x > SaturationLevel) saturated++;
        }
        double saturation = activation is Tanh or Sigmoid ? (double)saturated / count : double.NaN;
        double dead = double.NaN;
        if (activation is ReLU)
        {
            int n = m.RowCount, deadUnits = 0;
            for (int j = 0; j < m.ColumnCount; j++)
            {
                int i = j * n, end = i + n;
                while (i < end && v[i] == 0) i++;
                if (i == end) deadUnits++;
            }
            dead = (double)deadUnits / m.ColumnCount;
        }
        return new TensorSummary(m.RowCount, m.ColumnCount, mean, Math.Sqrt(squares / count), min, max,
            Math.Sqrt(Ops.Dot(v, v)), (double)zeros / count, saturation, dead);
    }

    /// <summary>"(200, 100): mean +0.0123, std 0.631, min -2.1, max 2.3, saturated 4.2%".</summary>
    public override string ToString()
    {
        var line = $"{Shape}: mean {(Mean >= 0 ? "+" : "")}{Number(Mean)}, std {Number(Std)}, min {Number(Min)}, max {Number(Max)}";
        if (!double.IsNaN(Saturated)) line += $", saturated {Percent(Saturated)}";
        if (!double.IsNaN(DeadUnits)) line += $", zeros {Percent(Zeros)}, dead units {Percent(DeadUnits)}";
        return line;
    }

    /// <summary>3 significant digits, exponent form below 1e-3 (1.2e-05).</summary>
    internal static string Number(double v) =>
        v != 0 && Math.Abs(v) < 1e-3 && double.IsFinite(v) ? v.ToString("0.0#e+00", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);

    internal static string Percent(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
