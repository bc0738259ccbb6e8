using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using NotebookDL.Probes;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>A known wrong answer and what to tell the learner whose result equals it.</summary>
/// <param name="Hint">The hint, e.g. "forgot the bias: out = x·W + b".</param>
/// <param name="Wrong">Computes the wrong answer for the case's inputs (lazily: only when the result is wrong).</param>
internal sealed record Mistake(string Hint, Func<Matrix<double>> Wrong);

/// <summary>How to explain a wrong result: its name in hints, the batch size for factor-of-N hints, known mistakes.</summary>
/// <param name="What">The result's name in a hint, e.g. "your dx".</param>
internal sealed record Diagnosis(string What)
{
    /// <summary>N, when a result off by a factor of N means averaging over the batch was forgotten or doubled.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Wrong answers to recognise, tried in order.</summary>
    public IReadOnlyList<Mistake> Mistakes { get; init; } = [];

    /// <summary>The hint when the result holds NaN or infinity and the engine's does not (e.g. "subtract the max").</summary>
    public string? NonFinite { get; init; }
}

/// <summary>
/// Compares a learner's result with the engine's, with cs231n's relative error
/// max |a - e| / max(1e-8, |a| + |e|), and explains a mismatch: a known mistake, a wrong shape or a transpose,
/// NaN or infinity, a wrong sign, a factor of N (averaging over the batch forgotten or done twice), zeros.
/// </summary>
internal static class Compare
{
    /// <summary>
    /// The pass mark on values: 1e-6 (cs231n calls 1e-7 good for gradient checks; a learner's formula may add
    /// its terms in another order, which costs a little more than rounding).
    /// </summary>
    public const double Tolerance = 1e-6;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The largest element-wise relative error of two matrices of the same shape (NaN when a holds NaN).</summary>
    public static double RelativeError(Matrix<double> a, Matrix<double> e)
    {
        var ad = Dense(a).Data();
        var ed = Dense(e).Data();
        double worst = 0;
        for (int k = 0; k < ad.Length; k++)
        {
            if (double.IsNaN(ad[k]) && !double.IsNaN(ed[k])) return double.NaN;
            if (ad[k] == ed[k]) continue; // also equal infinities
            double r = double.IsFinite(ad[k]) && double.IsFinite(ed[k]) ? GradientCheck.RelativeError(ad[k], ed[k]) : double.PositiveInfinity;
            if (r > worst) worst = r;
        }
        return worst;
    }

    /// <summary>Passes when <paramref name="actual"/> matches <paramref name="expected"/>; otherwise says why not.</summary>
    public static Verdict Matrices(Matrix<double>? actual, Matrix<double> expected, Diagnosis d, double threshold = Tolerance)
    {
        if (actual is null) return Verdict.Fail($"{d.What} is null: return a {expected.Shape()} matrix");
        var a = Dense(actual);
        var mistake = FindMistake(a, d);
        if (a.RowCount != expected.RowCount || a.ColumnCount != expected.ColumnCount)
        {
            if (mistake is not null) return Verdict.Fail(mistake.Hint);
            if (a.RowCount == expected.ColumnCount && a.ColumnCount == expected.RowCount)
                return Verdict.Fail($"{d.What} is transposed: its shape is {a.Shape()}, expected {expected.Shape()}");
            return Verdict.Fail($"{d.What} has shape {a.Shape()}, expected {expected.Shape()}");
        }
        double error = RelativeError(a, expected);
        if (error < threshold) return Verdict.Pass(error, threshold);
        return Verdict.Fail(mistake?.Hint ?? Explain(a, expected, d), error, threshold);
    }

    /// <summary>The same for one number (a loss, a step size).</summary>
    public static Verdict Scalars(double actual, double expected, Diagnosis d, double threshold = Tolerance) =>
        Matrices(Mat.Row(actual), Mat.Row(expected), d, threshold);

    /// <summary>A measured statistic (a std, a share) within a relative tolerance of its target.</summary>
    public static Verdict Statistic(double measured, double expected, double tolerance, Func<string> hint)
    {
        double deviation = expected == 0 ? Math.Abs(measured) : Math.Abs(measured - expected) / Math.Abs(expected);
        if (double.IsNaN(deviation)) return Verdict.Fail(hint(), double.NaN, tolerance);
        return deviation < tolerance ? Verdict.Pass(deviation, tolerance) : Verdict.Fail(hint(), deviation, tolerance);
    }

    /// <summary>A number as hints print it (4 significant digits).</summary>
    public static string Num(double v)
    {
        double a = Math.Abs(v);
        return a != 0 && double.IsFinite(v) && (a < 1e-3 || a >= 1e5) ? v.ToString("0.###e+0", Inv) : v.ToString("G4", Inv);
    }

    /// <summary>A dense copy when MathNet handed over another storage (the engine's kernels need dense).</summary>
    public static Matrix<double> Dense(Matrix<double> m) => m is DenseMatrix ? m : m.ToDense();

    private static Mistake? FindMistake(Matrix<double> a, Diagnosis d)
    {
        foreach (var m in d.Mistakes)
        {
            Matrix<double> wrong;
            try
            {
                wrong = m.Wrong();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                continue; // a mistake that cannot happen for these inputs
            }
            if (wrong.RowCount == a.RowCount && wrong.ColumnCount == a.ColumnCount && RelativeError(a, wrong) < Tolerance) return m;
        }
        return null;
    }

    private static string Explain(Matrix<double> a, Matrix<double> e, Diagnosis d)
    {
        if (!a.AllFinite() && e.AllFinite())
        {
            if (d.NonFinite is not null) return d.NonFinite;
            var (ri, ci) = FirstNonFinite(a);
            return $"{d.What} holds {Num(a[ri, ci])} at row {ri}, column {ci} where the engine's is finite ({Num(e[ri, ci])}): an overflow or a division by zero?";
        }
        if (a.RowCount == a.ColumnCount && a.RowCount > 1 && RelativeError(a, e.Transpose()) < Tolerance)
            return $"{d.What} is transposed";

        var ad = a.Data();
        var ed = e.Data();
        bool scalar = ad.Length == 1;
        double ae = 0, ee = 0, aa = 0;
        for (int k = 0; k < ad.Length; k++) { ae += ad[k] * ed[k]; ee += ed[k] * ed[k]; aa += ad[k] * ad[k]; }
        if (ee > 0 && aa > 0)
        {
            double factor = ae / ee;
            double residual = 0;
            for (int k = 0; k < ad.Length; k++) residual += (ad[k] - factor * ed[k]) * (ad[k] - factor * ed[k]);
            if (Math.Sqrt(residual / aa) < 1e-6)
            {
                if (Math.Abs(factor + 1) < 1e-6) return $"wrong sign: {d.What} is −1 × the expected one";
                if (d.BatchSize is int n && n > 1)
                {
                    if (Math.Abs(factor / n - 1) < 1e-6)
                        return $"{d.What} is N = {n} times too big: did you forget to average over the batch (divide by N)?";
                    if (Math.Abs(factor * n - 1) < 1e-6)
                        return $"{d.What} is N = {n} times too small: did you average over the batch twice? (dout already holds the 1/N of the mean loss)";
                }
                if (!scalar) return $"{d.What} is {Num(factor)} × the expected one: a constant factor is off";
            }
        }
        if (aa == 0) return $"{d.What} is all zeros";
        int worst = 0;
        double worstError = -1;
        for (int k = 0; k < ad.Length; k++)
        {
            double r = GradientCheck.RelativeError(ad[k], ed[k]);
            if (r > worstError) { worstError = r; worst = k; }
        }
        return scalar
            ? $"{d.What} is {Num(ad[0])}, expected {Num(ed[0])}"
            : $"{d.What} differs from the engine's: at row {worst % a.RowCount}, column {worst / a.RowCount} yours is {Num(ad[worst])}, expected {Num(ed[worst])}";
    }

    private static (int Row, int Column) FirstNonFinite(Matrix<double> m)
    {
        var data = m.Data();
        for (int k = 0; k < data.Length; k++)
            if (!double.IsFinite(data[k])) return (k % m.RowCount, k / m.RowCount);
        return (0, 0);
    }
}
