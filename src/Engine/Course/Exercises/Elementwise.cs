using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>Element-wise helpers for the checkers' reference variants (the common mistakes they recognise).</summary>
internal static class Elementwise
{
    /// <summary>f applied to every element of <paramref name="a"/>, as a new matrix.</summary>
    public static Matrix<double> Map(Matrix<double> a, Func<double, double> f)
    {
        var result = Mat.Zeros(a.RowCount, a.ColumnCount);
        var ad = Compare.Dense(a).Data();
        var rd = result.Data();
        for (int k = 0; k < ad.Length; k++) rd[k] = f(ad[k]);
        return result;
    }

    /// <summary>f of the matching elements of two matrices of the same shape.</summary>
    public static Matrix<double> Zip(Matrix<double> a, Matrix<double> b, Func<double, double, double> f)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new ArgumentException($"shapes {a.Shape()} and {b.Shape()} differ");
        var result = Mat.Zeros(a.RowCount, a.ColumnCount);
        var ad = Compare.Dense(a).Data();
        var bd = Compare.Dense(b).Data();
        var rd = result.Data();
        for (int k = 0; k < ad.Length; k++) rd[k] = f(ad[k], bd[k]);
        return result;
    }

    /// <summary>Throws a <see cref="CaseProblem"/> naming <paramref name="what"/> when the learner returned null.</summary>
    public static Matrix<double> Required(Matrix<double>? m, string what) =>
        m is null ? throw new CaseProblem($"{what} is null: return a matrix") : Compare.Dense(m);
}
