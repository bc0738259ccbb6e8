using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>The vectorised tanh, σ and expm1 behind the activations, against Math's functions.</summary>
public class VectorMathTests
{
    private static readonly double[] Grid = MakeGrid();

    [Fact]
    public void Tanh_agrees_with_Math_Tanh_to_a_few_ulp_from_1e_minus_300_to_800()
    {
        var y = new double[Grid.Length];
        VectorMath.Tanh(Grid, y);
        for (int i = 0; i < Grid.Length; i++) AssertClose(Math.Tanh(Grid[i]), y[i], Grid[i], "tanh");
    }

    [Fact]
    public void Sigmoid_agrees_with_the_stable_formula_and_never_overflows()
    {
        var y = new double[Grid.Length];
        VectorMath.Sigmoid(Grid, y);
        for (int i = 0; i < Grid.Length; i++)
        {
            double x = Grid[i];
            if (x < -700) { Assert.InRange(y[i], 0, 1e-300); continue; } // the reduction clamps at e^-708
            AssertClose(Layers.Sigmoid.Function(x), y[i], x, "sigmoid");
        }
    }

    [Fact]
    public void Expm1_of_non_positive_values_keeps_its_relative_accuracy_near_0()
    {
        var x = Grid.Where(v => v <= 0).ToArray();
        var y = new double[x.Length];
        VectorMath.Expm1OfNonPositive(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            // Near 0, Math.Exp(x) - 1 cancels: compare with the series Σ x^n/n! there.
            double expected = Math.Abs(x[i]) < 0.5 ? Series(x[i]) : Math.Exp(x[i]) - 1;
            AssertClose(expected, y[i], x[i], "expm1");
        }
    }

    [Fact]
    public void Zeros_infinities_and_NaN_come_out_as_tanh_and_sigmoid_define_them()
    {
        double[] x = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        var t = new double[x.Length];
        var s = new double[x.Length];
        VectorMath.Tanh(x, t);
        VectorMath.Sigmoid(x, s);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(t[0]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(t[1]));
        Assert.Equal([1.0, -1.0], t[2..4]);
        Assert.True(double.IsNaN(t[4]));
        Assert.Equal([0.5, 0.5, 1.0, 0.0], s[..4]);
        Assert.True(double.IsNaN(s[4]));
    }

    [Fact]
    public void An_element_gets_the_same_bits_whatever_the_array_length_and_its_position()
    {
        var rng = new Rng(4);
        var all = Enumerable.Range(0, 40).Select(_ => 3 * rng.Gaussian()).ToArray();
        var reference = new double[all.Length];
        VectorMath.Tanh(all, reference);
        for (int start = 0; start < 5; start++)
        {
            for (int length = 1; start + length <= all.Length; length++)
            {
                var part = new double[length];
                VectorMath.Tanh(all.AsSpan(start, length), part);
                for (int i = 0; i < length; i++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(reference[start + i]), BitConverter.DoubleToInt64Bits(part[i]));
            }
        }
        var inPlace = (double[])all.Clone();
        VectorMath.Tanh(inPlace, inPlace); // the output may be the input
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

    private static void AssertClose(double expected, double actual, double x, string what, double ulps = 4)
    {
        double tolerance = ulps * Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
        if (!(Math.Abs(actual - expected) <= tolerance))
            Assert.Fail($"{what}({x:R}) = {actual:R}, expected {expected:R} (within {ulps} ulp)");
    }

    /// <summary>±1e-300 .. ±800 on a log grid, plus uniform values in [-25, 25].</summary>
    private static double[] MakeGrid()
    {
        var values = new List<double>();
        for (double e = -300; e <= Math.Log10(800); e += 0.05)
        {
            values.Add(Math.Pow(10, e));
            values.Add(-Math.Pow(10, e));
        }
        var rng = new Rng(3);
        for (int i = 0; i < 5000; i++) values.Add(rng.Uniform(-25, 25));
        return [.. values];
    }
}
