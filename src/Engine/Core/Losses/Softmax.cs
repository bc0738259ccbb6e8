using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Softmax and its relatives as plain functions, with the lecture's steps: t = e^z, a = t / Σt. The
/// stable form subtracts max(z) first (the result is the same; e^1000 would overflow).
/// </summary>
public static class Softmax
{
    /// <summary>softmax(z) for one vector of scores.</summary>
    public static double[] Of(IReadOnlyList<double> z) => Steps(z).A;

    /// <summary>
    /// The lecture's steps for one vector: t = e^z, Σt, a = t/Σt, and the stable variant's shift. For
    /// z = [5, 2, -1, 3]: t = [148.4, 7.39, 0.368, 20.1], Σt = 176.3, a = [0.842, 0.042, 0.002, 0.114].
    /// When e^z would overflow, T and Sum are reported for the shifted scores z - max(z).
    /// </summary>
    public static SoftmaxSteps Steps(IReadOnlyList<double> z)
    {
        if (z.Count == 0) throw new ArgumentException("softmax needs at least one score");
        for (int i = 0; i < z.Count; i++)
            if (!double.IsFinite(z[i])) throw new ArgumentException($"score {i} is {z[i]}: softmax needs finite scores");
        double max = z.Max();
        // Show the unshifted t = e^z as the lecture does whenever it is representable; otherwise shift.
        double shift = max > 700 || z.Min() < -700 ? max : 0;
        var t = z.Select(v => Math.Exp(v - shift)).ToArray();
        double sum = t.Sum();
        var stable = z.Select(v => Math.Exp(v - max)).ToArray();
        double stableSum = stable.Sum();
        var a = stable.Select(v => v / stableSum).ToArray();
        return new SoftmaxSteps(z.ToArray(), shift, t, sum, a, Hardmax(z));
    }

    /// <summary>Hardmax: 1 at the (first) largest score, 0 elsewhere; [5, 2, -1, 3] → [1, 0, 0, 0].</summary>
    public static double[] Hardmax(IReadOnlyList<double> z)
    {
        if (z.Count == 0) throw new ArgumentException("hardmax needs at least one score");
        var h = new double[z.Count];
        int best = 0;
        for (int i = 1; i < z.Count; i++) if (z[i] > z[best]) best = i;
        h[best] = 1;
        return h;
    }

    /// <summary>Row-wise softmax of an (N, C) score matrix, stable for any finite scores.</summary>
    public static Matrix<T> Rows<T>(Matrix<T> scores) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = LogRows(scores);
        var pd = p.Data();
        for (int k = 0; k < pd.Length; k++) pd[k] = T.Exp(pd[k]);
        return p;
    }

    /// <summary>Row-wise log-softmax z - max - log Σ e^(z - max): finite even for scores of ±1e4.</summary>
    public static Matrix<T> LogRows<T>(Matrix<T> scores) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = Mat.Zeros<T>(scores.RowCount, scores.ColumnCount);
        LogRowsInto(scores, result);
        return result;
    }

    /// <summary><see cref="LogRows"/> into an existing matrix of the scores' shape (every element overwritten; it must not be the scores).</summary>
    internal static void LogRowsInto<T>(Matrix<T> scores, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = scores.RowCount, c = scores.ColumnCount;
        if (c == 0) throw new ArgumentException("softmax needs at least one class column");
        if (result.RowCount != n || result.ColumnCount != c)
            throw new ArgumentException($"log-softmax of {scores.Shape()} scores does not fit a {result.Shape()} matrix");
        var sd = scores.Data(); var rd = result.Data();
        for (int i = 0; i < n; i++)
        {
            T max = T.NegativeInfinity;
            for (int j = 0; j < c; j++) max = T.Max(max, sd[j * n + i]);
            T sum = T.Zero;
            for (int j = 0; j < c; j++) sum += T.Exp(sd[j * n + i] - max);
            T logSum = T.Log(sum);
            for (int j = 0; j < c; j++) rd[j * n + i] = sd[j * n + i] - max - logSum;
        }
    }

    /// <summary>The index of the largest score in each row.</summary>
    public static int[] ArgmaxRows<T>(Matrix<T> scores) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = scores.RowCount, c = scores.ColumnCount;
        if (c == 0) throw new ArgumentException($"argmax needs at least one class column, got scores {scores.Shape()}");
        var sd = scores.Data();
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 1; j < c; j++) if (sd[j * n + i] > sd[best * n + i]) best = j;
            result[i] = best;
        }
        return result;
    }
}

/// <summary>The steps of one softmax as the lecture writes them.</summary>
/// <param name="Z">The scores.</param>
/// <param name="Shift">What was subtracted from z before e^z (0 unless e^z would overflow).</param>
/// <param name="T">t = e^(z - Shift).</param>
/// <param name="Sum">Σ t (176.3 for [5, 2, -1, 3]).</param>
/// <param name="A">a = t / Σ t, the probabilities.</param>
/// <param name="Hardmax">1 at the largest score, 0 elsewhere.</param>
public sealed record SoftmaxSteps(double[] Z, double Shift, double[] T, double Sum, double[] A, double[] Hardmax)
{
    /// <summary>The cross-entropy loss -log a_y for the true class y.</summary>
    public double Loss(int y) =>
        y >= 0 && y < Z.Length
            ? -(Z[y] - Z.Max() - Math.Log(Z.Sum(v => Math.Exp(v - Z.Max()))))
            : throw new ArgumentOutOfRangeException(nameof(y), $"class {y} is outside 0..{Z.Length - 1}");

    /// <summary>dZ = a - y for the true class y (the lecture's dZ[L] = Y_hat - Y for one example).</summary>
    public double[] DZ(int y)
    {
        if (y < 0 || y >= Z.Length) throw new ArgumentOutOfRangeException(nameof(y), $"class {y} is outside 0..{Z.Length - 1}");
        var dz = (double[])A.Clone();
        dz[y] -= 1;
        return dz;
    }
}
