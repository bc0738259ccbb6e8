using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Reliability;

/// <summary>What the values of one fuzz case are, which decides what its outputs must satisfy.</summary>
internal enum FuzzRegime
{
    /// <summary>Finite, |v| ≤ 1e4 (normal draws, 0 and ±1e4): every output the maths keeps finite must be finite.</summary>
    Moderate,

    /// <summary>Finite, with some ±1e308: products may overflow (IEEE), the stable functions must still give no NaN.</summary>
    Huge,

    /// <summary>Some NaN and ±∞: anything but a crash or an unclear exception.</summary>
    NonFinite,
}

/// <summary>An output property a fuzz case broke (a NaN for finite input, a wrong shape).</summary>
internal sealed class FuzzViolation(string message) : Exception(message);

/// <summary>
/// The random arguments of one fuzz case, all drawn from one seeded <see cref="Rng"/> (so a case number
/// reproduces the case), and a log of what was drawn and called, printed when the case goes wrong.
/// </summary>
internal sealed class FuzzDraw
{
    private static readonly int[] Sizes = [0, 1, 1, 2, 2, 3, 3, 4, 5, 7];
    private readonly Rng _rng;
    private readonly List<string> _log = [];

    public FuzzDraw(int seed)
    {
        _rng = new Rng(seed);
        double u = _rng.NextDouble();
        Regime = u < 0.6 ? FuzzRegime.Moderate : u < 0.8 ? FuzzRegime.Huge : FuzzRegime.NonFinite;
    }

    public FuzzRegime Regime { get; }

    /// <summary>Every value drawn is finite, so outputs must hold no NaN.</summary>
    public bool FiniteInput => Regime != FuzzRegime.NonFinite;

    /// <summary>Every value drawn is finite and at most 1e4 in size, so outputs must be finite.</summary>
    public bool ModerateInput => Regime == FuzzRegime.Moderate;

    /// <summary>The calls and arguments so far, e.g. "new Dense(3, 2, he); Forward(x (4, 3), Train)".</summary>
    public string Log => string.Join("; ", _log);

    /// <summary>Appends to the log (what is about to be called).</summary>
    public void Say(string text) => _log.Add(text);

    public bool Chance(double p) => _rng.NextDouble() < p;

    public int Int(int maxExclusive) => _rng.NextInt(maxExclusive);

    public T OneOf<T>(params T[] items) => items[_rng.NextInt(items.Length)];

    /// <summary>
    /// A setting: one of <paramref name="good"/>, or with probability 0.08 one of <paramref name="bad"/>, so that
    /// a case with many settings usually has at most one bad one and the error can name it.
    /// </summary>
    public T Setting<T>(T[] good, params T[] bad) => bad.Length > 0 && Chance(0.08) ? OneOf(bad) : OneOf(good);

    /// <summary>A matrix dimension: 0 to 7, small ones most often.</summary>
    public int Dim() => Sizes[_rng.NextInt(Sizes.Length)];

    /// <summary>A size argument: usually <see cref="Dim"/>, sometimes negative.</summary>
    public int Size() => Chance(0.06) ? OneOf(-1, -3, int.MinValue) : Dim();

    /// <summary><paramref name="good"/> most of the time, else another <see cref="Size"/>: a width that may not fit.</summary>
    public int Width(int good, double mismatch = 0.25) => Chance(mismatch) ? Dim() : good;

    /// <summary>One value of this case's regime.</summary>
    public double Value()
    {
        double u = _rng.NextDouble();
        if (Regime == FuzzRegime.NonFinite && u < 0.2) return OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity);
        if (Regime == FuzzRegime.Huge && u < 0.2) return OneOf(1e308, -1e308, double.MaxValue, -double.Epsilon);
        if (u < 0.35) return OneOf(1e4, -1e4, 0.0, 0.0, 1.0, -1.0);
        return _rng.Gaussian() * OneOf(0.1, 1.0, 3.0);
    }

    /// <summary>An (rows, cols) matrix of this regime's values.</summary>
    public Matrix<double> Matrix(int rows, int cols)
    {
        var m = Mat.Zeros(rows, cols);
        var data = m.Data();
        // A constant matrix now and then: batch norm of a constant unit, a zero-variance feature.
        double? constant = Chance(0.1) ? Value() : null;
        for (int k = 0; k < data.Length; k++) data[k] = constant ?? Value();
        return m;
    }

    /// <summary>A vector of this regime's values.</summary>
    public double[] Vector(int length) => Enumerable.Range(0, length).Select(_ => Value()).ToArray();

    /// <summary>Class labels: mostly in 0..classes-1, sometimes one out of range.</summary>
    public int[] Labels(int count, int classes, double outOfRange = 0.15)
    {
        var y = new int[count];
        for (int i = 0; i < count; i++) y[i] = classes > 0 ? _rng.NextInt(classes) : 0;
        if (count > 0 && Chance(outOfRange)) y[_rng.NextInt(count)] = OneOf(-1, classes, classes + 3, int.MaxValue);
        return y;
    }

    /// <summary>An (rows, cols) label matrix of 0, 1 and NaN (missing).</summary>
    public Matrix<double> LabelMatrix(int rows, int cols)
    {
        var m = Mat.Zeros(rows, cols);
        var data = m.Data();
        for (int k = 0; k < data.Length; k++) data[k] = OneOf(0.0, 1.0, 1.0, double.NaN);
        return m;
    }

    /// <summary>"(4, 3)" with the regime, for the log.</summary>
    public string Describe(Matrix<double> m) => $"{m.Shape()} {Regime.ToString().ToLowerInvariant()}";

    public static string Num(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    public static string Nums(IEnumerable<double> v) => "[" + string.Join(", ", v.Select(Num)) + "]";

    // Output checks: each throws a FuzzViolation naming the call when the property does not hold.

    /// <summary><paramref name="m"/> has the given shape.</summary>
    public static void Shape(Matrix<double> m, int rows, int cols, string what)
    {
        if (m.RowCount != rows || m.ColumnCount != cols)
            throw new FuzzViolation($"{what} has shape {m.Shape()}, expected ({rows}, {cols})");
    }

    /// <summary>When the input was moderate, <paramref name="m"/> is finite.</summary>
    public void FiniteIfModerate(Matrix<double> m, string what)
    {
        if (ModerateInput) Finite(m, what);
    }

    /// <summary>When the input was finite, <paramref name="m"/> is finite (the function bounds its output).</summary>
    public void FiniteIfFinite(Matrix<double> m, string what)
    {
        if (FiniteInput) Finite(m, what);
    }

    /// <summary>When the input was finite, <paramref name="m"/> holds no NaN (it may overflow to ±∞).</summary>
    public void NoNaNIfFinite(Matrix<double> m, string what)
    {
        if (!FiniteInput) return;
        var data = m.Data();
        for (int k = 0; k < data.Length; k++)
            if (double.IsNaN(data[k]))
                throw new FuzzViolation($"{what} holds NaN at row {k % m.RowCount}, column {k / m.RowCount} for finite input");
    }

    /// <summary>The number is finite for moderate input and not NaN for finite input.</summary>
    public void Scalar(double v, string what)
    {
        if (FiniteInput && double.IsNaN(v)) throw new FuzzViolation($"{what} is NaN for finite input");
        if (ModerateInput && !double.IsFinite(v)) throw new FuzzViolation($"{what} is {v} for input of at most 1e4");
    }

    private static void Finite(Matrix<double> m, string what)
    {
        var data = m.Data();
        for (int k = 0; k < data.Length; k++)
            if (!double.IsFinite(data[k]))
                throw new FuzzViolation($"{what} holds {data[k]} at row {k % m.RowCount}, column {k / m.RowCount} for finite input");
    }
}
