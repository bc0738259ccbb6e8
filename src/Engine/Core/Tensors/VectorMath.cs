using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Tensors;

/// <summary>
/// Vectorised element-wise functions for the activations (Math.Tanh and Math.Exp cost 10-20 ns an element;
/// these run 8 lanes at a time, driven by <see cref="Elementwise"/>). Each element goes through the same
/// operations whatever its position and whatever the vector width (Vector512, Vector256, or one lane of a
/// Vector256 for an array's tail), so results are reproducible; they agree with Math's functions to a few
/// ulp. A machine without SIMD uses Math's functions.
/// <para>
/// The core is exp on y ≤ 0 by range reduction, y = k·ln2 + r with |r| ≤ ln2/2, and a degree-13 Taylor
/// polynomial for expm1(r): exp(y) = 2^k·(1 + expm1(r)), expm1(y) = 2^k·expm1(r) + (2^k - 1), each with a
/// single rounding at the end. tanh|x| = -expm1(-2|x|) / (expm1(-2|x|) + 2) keeps full relative accuracy
/// near 0; σ(x) = 1/(1 + e^-x) for x ≥ 0 and e^x/(1 + e^x) below, so neither tail overflows (e^-|x| is
/// taken as 0 past |x| = 708, where it would be subnormal).
/// </para>
/// </summary>
internal static class VectorMath
{
    private const double InvLn2 = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01; // fdlibm: k·Ln2Hi is exact for |k| < 2^20
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Magic = 6755399441055744.0;           // 1.5·2^52: adding it rounds to an integer held in the low bits
    private const long MagicBits = 0x4338000000000000;
    private const double MinArgument = -708.0;                   // 2^k stays a normal number

    // 1/n! for n = 13 .. 2 (Horner order).
    private const double C13 = 1.6059043836821613e-10, C12 = 2.08767569878681e-09, C11 = 2.505210838544172e-08,
        C10 = 2.755731922398589e-07, C9 = 2.7557319223985893e-06, C8 = 2.48015873015873e-05, C7 = 1.984126984126984e-04,
        C6 = 1.388888888888889e-03, C5 = 8.333333333333333e-03, C4 = 4.1666666666666664e-02, C3 = 1.6666666666666666e-01,
        C2 = 0.5;

    /// <summary>y = tanh(x).</summary>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y) => Elementwise.MapWide<TanhOp>(x, y);

    /// <summary>y = σ(x) = 1 / (1 + e^-x).</summary>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y) => Elementwise.MapWide<SigmoidOp>(x, y);

    /// <summary>y = e^x - 1 for x ≤ 0 (ELU's negative side); x &gt; 0 gives e^0 - 1 = 0.</summary>
    public static void Expm1OfNonPositive(ReadOnlySpan<double> x, Span<double> y) => Elementwise.MapWide<Expm1Op>(x, y);

    private struct TanhOp : IWideElementwise
    {
        public static double WithoutSimd(double x) => Math.Tanh(x);

        public static Vector512<double> Apply(Vector512<double> x)
        {
            var sign = Vector512.Create(-0.0);
            var a = Vector512.Min(Vector512.AndNot(x, sign), Vector512.Create(20.0)); // tanh(20) rounds to 1
            var (twoK, em) = Reduce(a * Vector512.Create(-2.0));
            var e = Vector512.FusedMultiplyAdd(twoK, em, twoK - Vector512<double>.One); // expm1(-2|x|) ≤ 0
            var t = Vector512.AndNot(e, sign) / (e + Vector512.Create(2.0));
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), t | (x & sign), x); // NaN stays NaN
        }

        public static Vector256<double> Apply(Vector256<double> x)
        {
            var sign = Vector256.Create(-0.0);
            var a = Vector256.Min(Vector256.AndNot(x, sign), Vector256.Create(20.0));
            var (twoK, em) = Reduce(a * Vector256.Create(-2.0));
            var e = Vector256.FusedMultiplyAdd(twoK, em, twoK - Vector256<double>.One);
            var t = Vector256.AndNot(e, sign) / (e + Vector256.Create(2.0));
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), t | (x & sign), x);
        }
    }

    private struct SigmoidOp : IWideElementwise
    {
        public static double WithoutSimd(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

        public static Vector512<double> Apply(Vector512<double> x)
        {
            var one = Vector512<double>.One;
            var (twoK, em) = Reduce(-Vector512.Abs(x));
            var ex = Vector512.FusedMultiplyAdd(twoK, em, twoK); // e^-|x|, no overflow either side
            ex = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(-MinArgument)), ex, Vector512<double>.Zero);
            var s = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), one, ex) / (one + ex);
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), s, x);
        }

        public static Vector256<double> Apply(Vector256<double> x)
        {
            var one = Vector256<double>.One;
            var (twoK, em) = Reduce(-Vector256.Abs(x));
            var ex = Vector256.FusedMultiplyAdd(twoK, em, twoK);
            ex = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(-MinArgument)), ex, Vector256<double>.Zero);
            var s = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), one, ex) / (one + ex);
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), s, x);
        }
    }

    private struct Expm1Op : IWideElementwise
    {
        public static double WithoutSimd(double x) => x > 0 ? 0 : Math.Exp(x) - 1;

        public static Vector512<double> Apply(Vector512<double> x)
        {
            var (twoK, em) = Reduce(Vector512.Min(x, Vector512<double>.Zero));
            var e = Vector512.FusedMultiplyAdd(twoK, em, twoK - Vector512<double>.One);
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), e, x);
        }

        public static Vector256<double> Apply(Vector256<double> x)
        {
            var (twoK, em) = Reduce(Vector256.Min(x, Vector256<double>.Zero));
            var e = Vector256.FusedMultiplyAdd(twoK, em, twoK - Vector256<double>.One);
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), e, x);
        }
    }

    /// <summary>For y ≤ 0: (2^k, expm1(r)) with y = k·ln2 + r, so e^y = 2^k·(1 + expm1(r)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> TwoK, Vector512<double> Em) Reduce(Vector512<double> y)
    {
        y = Vector512.Max(y, Vector512.Create(MinArgument));
        var t = Vector512.FusedMultiplyAdd(y, Vector512.Create(InvLn2), Vector512.Create(Magic));
        var k = t - Vector512.Create(Magic);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), y);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        var q = Vector512.Create(C13);
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C12));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C11));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C10));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C9));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C8));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C7));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C6));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C5));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C4));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C3));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(C2));
        var em = Vector512.FusedMultiplyAdd(q, r * r, r);
        var bits = (t.AsInt64() - Vector512.Create(MagicBits) + Vector512.Create(1023L)) << 52;
        return (bits.AsDouble(), em);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> TwoK, Vector256<double> Em) Reduce(Vector256<double> y)
    {
        y = Vector256.Max(y, Vector256.Create(MinArgument));
        var t = Vector256.FusedMultiplyAdd(y, Vector256.Create(InvLn2), Vector256.Create(Magic));
        var k = t - Vector256.Create(Magic);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Hi), y);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Lo), r);
        var q = Vector256.Create(C13);
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C12));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C11));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C10));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C9));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C8));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C7));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C6));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C5));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C4));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C3));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(C2));
        var em = Vector256.FusedMultiplyAdd(q, r * r, r);
        var bits = (t.AsInt64() - Vector256.Create(MagicBits) + Vector256.Create(1023L)) << 52;
        return (bits.AsDouble(), em);
    }
}
