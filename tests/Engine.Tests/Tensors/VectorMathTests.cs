using System.Numerics;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary><see cref="VectorMathTests{T}"/> in double precision.</summary>
public class VectorMathFloat64Tests : VectorMathTests<double>;

/// <summary><see cref="VectorMathTests{T}"/> in single precision.</summary>
public class VectorMathFloat32Tests : VectorMathTests<float>;

/// <summary>
/// The vectorised tanh, σ and expm1 behind the activations, against Math's functions computed in double and
/// rounded to the precision: one body of tests for both precisions, run by the two classes above.
/// </summary>
public abstract class VectorMathTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly bool Single = typeof(T) == typeof(float);

    /// <summary>Where the exp core clamps (e^-708 in double, e^-87 in float: below, 2^k would be subnormal).</summary>
    private static readonly double ExpFloor = Single ? -87 : -708;

    private static readonly T[] Grid = MakeGrid();

    [Fact]
    public void Tanh_agrees_with_Math_Tanh_to_a_few_ulp_from_the_smallest_normal_numbers_to_800()
    {
        var y = new T[Grid.Length];
        VectorMath.Tanh<T>(Grid, y);
        for (int i = 0; i < Grid.Length; i++) AssertClose(Math.Tanh(D(Grid[i])), y[i], Grid[i], "tanh");
    }

    [Fact]
    public void Sigmoid_agrees_with_the_stable_formula_and_never_overflows()
    {
        var y = new T[Grid.Length];
        VectorMath.Sigmoid<T>(Grid, y);
        for (int i = 0; i < Grid.Length; i++)
        {
            double x = D(Grid[i]);
            if (x < ExpFloor + 8) { Assert.InRange(D(y[i]), 0, Math.Exp(ExpFloor + 9)); continue; } // the reduction clamps there
            AssertClose(Layers.Sigmoid<double>.Function(x), y[i], Grid[i], "sigmoid");
        }
    }

    [Fact]
    public void Expm1_of_non_positive_values_keeps_its_relative_accuracy_near_0()
    {
        var x = Grid.Where(v => v <= T.Zero).ToArray();
        var y = new T[x.Length];
        VectorMath.Expm1OfNonPositive<T>(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            // Near 0, Math.Exp(x) - 1 cancels: compare with the series Σ x^n/n! there.
            double v = D(x[i]);
            double expected = Math.Abs(v) < 0.5 ? Series(v) : Math.Exp(v) - 1;
            AssertClose(expected, y[i], x[i], "expm1");
        }
    }

    [Fact]
    public void Zeros_infinities_and_NaN_come_out_as_tanh_and_sigmoid_define_them()
    {
        T[] x = [T.Zero, T.NegativeZero, T.PositiveInfinity, T.NegativeInfinity, T.NaN];
        var t = new T[x.Length];
        var s = new T[x.Length];
        VectorMath.Tanh<T>(x, t);
        VectorMath.Sigmoid<T>(x, s);
        Assert.True(T.IsPositive(t[0]) && T.IsZero(t[0]), "tanh(+0) = +0");
        Assert.True(T.IsNegative(t[1]) && T.IsZero(t[1]), "tanh(-0) = -0");
        Assert.Equal([T.One, -T.One], t[2..4]);
        Assert.True(T.IsNaN(t[4]));
        Assert.Equal([C(0.5), C(0.5), T.One, T.Zero], s[..4]);
        Assert.True(T.IsNaN(s[4]));
    }

    [Fact]
    public void An_element_gets_the_same_bits_whatever_the_array_length_and_its_position()
    {
        var rng = new Rng(4);
        var all = Enumerable.Range(0, 40).Select(_ => C(3 * rng.Gaussian())).ToArray();
        var reference = new T[all.Length];
        VectorMath.Tanh<T>(all, reference);
        for (int start = 0; start < 5; start++)
        {
            for (int length = 1; start + length <= all.Length; length++)
            {
                var part = new T[length];
                VectorMath.Tanh<T>(all.AsSpan(start, length), part);
                Assert.True(SameBits(reference.AsSpan(start, length), part), $"elements {start}..{start + length - 1} alone");
            }
        }
        var inPlace = (T[])all.Clone();
        VectorMath.Tanh<T>(inPlace, inPlace); // the output may be the input
        Assert.Equal(reference, inPlace);
    }

    private static double Series(double x)
    {
        var terms = new double[30];
        double term = 1;
        for (int n = 1; n < terms.Length; n++) terms[n] = term *= x / n;
        double sum = 0;
        for (int n = terms.Length - 1; n >= 1; n--) sum += terms[n]; // smallest first
        return sum;
    }

    /// <summary>Within <paramref name="ulps"/> units in the last place of T of the exact value rounded to T.</summary>
    private static void AssertClose(double exact, T actual, T x, string what, int ulps = 4)
    {
        T expected = C(exact);
        T tolerance = T.CreateTruncating(ulps) * T.Max(T.BitIncrement(T.Abs(expected)) - T.Abs(expected), T.Epsilon);
        if (!(T.Abs(actual - expected) <= tolerance))
            Assert.Fail($"{what}({x}) = {actual:R}, expected {expected:R} (within {ulps} ulp of {typeof(T).Name})");
    }

    private static bool SameBits(ReadOnlySpan<T> a, ReadOnlySpan<T> b) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b));

    private static T C(double value) => T.CreateTruncating(value);
    private static double D(T value) => double.CreateTruncating(value);

    /// <summary>± the smallest normal numbers (1e-300 in double, 1e-37 in float) .. ±800 on a log grid, plus uniform values in [-25, 25].</summary>
    private static T[] MakeGrid()
    {
        var values = new List<T>();
        for (double e = Single ? -37 : -300; e <= Math.Log10(800); e += 0.05)
        {
            values.Add(C(Math.Pow(10, e)));
            values.Add(C(-Math.Pow(10, e)));
        }
        var rng = new Rng(3);
        for (int i = 0; i < 5000; i++) values.Add(C(rng.Uniform(-25, 25)));
        return [.. values];
    }
}
