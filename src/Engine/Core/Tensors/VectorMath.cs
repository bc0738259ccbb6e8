using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Tensors;

/// <summary>
/// Vectorised element-wise functions for the activations (Math.Tanh and Math.Exp cost 10-20 ns an element;
/// these run a whole vector at a time, driven by <see cref="Elementwise"/>), for doubles or floats: the functions
/// are written once, over the element type, and only the exp core below is written per precision. Each element goes through the same
/// operations whatever its position and whatever the vector width (Vector512, Vector256, or one lane of a
/// Vector256 for an array's tail), so results are reproducible; they agree with Math's functions to a few
/// ulp. A machine without SIMD uses Math's functions.
/// <para>
/// The core is exp on y ≤ 0 by range reduction, y = k·ln2 + r with |r| ≤ ln2/2, and a degree-13 Taylor
/// polynomial for expm1(r): exp(y) = 2^k·(1 + expm1(r)), expm1(y) = 2^k·expm1(r) + (2^k - 1), each with a
/// single rounding at the end. tanh|x| = -expm1(-2|x|) / (expm1(-2|x|) + 2) keeps full relative accuracy
/// near 0; σ(x) = 1/(1 + e^-x) for x ≥ 0 and e^x/(1 + e^x) below, so neither tail overflows (e^-|x| is
/// taken as 0 past |x| = 708 in double, 87 in float, where it would be subnormal).
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
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.MapWide<T, TanhOp<T>>(x, y);

    /// <summary>y = σ(x) = 1 / (1 + e^-x).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.MapWide<T, SigmoidOp<T>>(x, y);

    /// <summary>y = e^x - 1 for x ≤ 0 (ELU's negative side); x &gt; 0 gives e^0 - 1 = 0.</summary>
    public static void Expm1OfNonPositive<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.MapWide<T, Expm1Op<T>>(x, y);

    private struct TanhOp<T> : IWideElementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T WithoutSimd(T x) => T.Tanh(x);

        public static Vector512<T> Apply(Vector512<T> x)
        {
            var sign = Vector512.Create(T.NegativeZero);
            var a = Vector512.Min(Vector512.AndNot(x, sign), Vector512.Create(C<T>(20.0))); // tanh(20) rounds to 1
            var (twoK, em) = Reduce(a * Vector512.Create(C<T>(-2.0)));
            var e = VectorFma.MultiplyAdd(twoK, em, twoK - Vector512<T>.One); // expm1(-2|x|) ≤ 0
            var t = Vector512.AndNot(e, sign) / (e + Vector512.Create(C<T>(2.0)));
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), t | (x & sign), x); // NaN stays NaN
        }

        public static Vector256<T> Apply(Vector256<T> x)
        {
            var sign = Vector256.Create(T.NegativeZero);
            var a = Vector256.Min(Vector256.AndNot(x, sign), Vector256.Create(C<T>(20.0)));
            var (twoK, em) = Reduce(a * Vector256.Create(C<T>(-2.0)));
            var e = VectorFma.MultiplyAdd(twoK, em, twoK - Vector256<T>.One);
            var t = Vector256.AndNot(e, sign) / (e + Vector256.Create(C<T>(2.0)));
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), t | (x & sign), x);
        }
    }

    private struct SigmoidOp<T> : IWideElementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T WithoutSimd(T x) => x >= T.Zero ? T.One / (T.One + T.Exp(-x)) : T.Exp(x) / (T.One + T.Exp(x));

        public static Vector512<T> Apply(Vector512<T> x)
        {
            var one = Vector512<T>.One;
            var (twoK, em) = Reduce(-Vector512.Abs(x));
            var ex = VectorFma.MultiplyAdd(twoK, em, twoK); // e^-|x|, no overflow either side
            ex = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(-ExpFloor<T>())), ex, Vector512<T>.Zero);
            var s = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<T>.Zero), one, ex) / (one + ex);
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), s, x);
        }

        public static Vector256<T> Apply(Vector256<T> x)
        {
            var one = Vector256<T>.One;
            var (twoK, em) = Reduce(-Vector256.Abs(x));
            var ex = VectorFma.MultiplyAdd(twoK, em, twoK);
            ex = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(-ExpFloor<T>())), ex, Vector256<T>.Zero);
            var s = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<T>.Zero), one, ex) / (one + ex);
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), s, x);
        }
    }

    private struct Expm1Op<T> : IWideElementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T WithoutSimd(T x) => x > T.Zero ? T.Zero : T.Exp(x) - T.One;

        public static Vector512<T> Apply(Vector512<T> x)
        {
            var (twoK, em) = Reduce(Vector512.Min(x, Vector512<T>.Zero));
            var e = VectorFma.MultiplyAdd(twoK, em, twoK - Vector512<T>.One);
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), e, x);
        }

        public static Vector256<T> Apply(Vector256<T> x)
        {
            var (twoK, em) = Reduce(Vector256.Min(x, Vector256<T>.Zero));
            var e = VectorFma.MultiplyAdd(twoK, em, twoK - Vector256<T>.One);
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), e, x);
        }
    }

    /// <summary>A constant in the element type (folded by the JIT for each precision).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T C<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);

    /// <summary>The smallest y whose 2^k stays a normal number in the precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpFloor<T>() where T : IFloatingPointIeee754<T> => C<T>(typeof(T) == typeof(float) ? MinArgumentSingle : MinArgument);

    /// <summary>For y ≤ 0: (2^k, expm1(r)) with y = k·ln2 + r, in the precision's exp core.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<T> TwoK, Vector512<T> Em) Reduce<T>(Vector512<T> y)
    {
        if (typeof(T) == typeof(double))
        {
            var (twoK, em) = Reduce(y.AsDouble());
            return (twoK.As<double, T>(), em.As<double, T>());
        }
        if (typeof(T) == typeof(float))
        {
            var (twoK, em) = Reduce(y.AsSingle());
            return (twoK.As<float, T>(), em.As<float, T>());
        }
        throw new NotSupportedException($"no exp for {typeof(T)}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<T> TwoK, Vector256<T> Em) Reduce<T>(Vector256<T> y)
    {
        if (typeof(T) == typeof(double))
        {
            var (twoK, em) = Reduce(y.AsDouble());
            return (twoK.As<double, T>(), em.As<double, T>());
        }
        if (typeof(T) == typeof(float))
        {
            var (twoK, em) = Reduce(y.AsSingle());
            return (twoK.As<float, T>(), em.As<float, T>());
        }
        throw new NotSupportedException($"no exp for {typeof(T)}");
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

    // The float core: the same reduction with float's constants (k·Ln2HiSingle is exact for |k| < 2^15, Cephes'
    // split of ln 2) and a degree-7 Taylor polynomial (its error, r^8/8! ≤ 5.2e-9, is below half a float ulp of
    // expm1(r)).
    private const float InvLn2Single = 1.44269504f;
    private const float Ln2HiSingle = 0.693359375f;
    private const float Ln2LoSingle = -2.12194440e-4f;
    private const float MagicSingle = 12582912f; // 1.5·2^23
    private const int MagicBitsSingle = 0x4B400000;
    private const float MinArgumentSingle = -87f; // 2^k stays a normal float
    private const float S7 = 1.9841270e-4f, S6 = 1.3888889e-3f, S5 = 8.3333338e-3f, S4 = 4.1666668e-2f, S3 = 0.16666667f, S2 = 0.5f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> TwoK, Vector512<float> Em) Reduce(Vector512<float> y)
    {
        y = Vector512.Max(y, Vector512.Create(MinArgumentSingle));
        var t = Vector512.FusedMultiplyAdd(y, Vector512.Create(InvLn2Single), Vector512.Create(MagicSingle));
        var k = t - Vector512.Create(MagicSingle);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2HiSingle), y);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2LoSingle), r);
        var q = Vector512.Create(S7);
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(S6));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(S5));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(S4));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(S3));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(S2));
        var em = Vector512.FusedMultiplyAdd(q, r * r, r);
        var bits = (t.AsInt32() - Vector512.Create(MagicBitsSingle) + Vector512.Create(127)) << 23;
        return (bits.AsSingle(), em);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> TwoK, Vector256<float> Em) Reduce(Vector256<float> y)
    {
        y = Vector256.Max(y, Vector256.Create(MinArgumentSingle));
        var t = Vector256.FusedMultiplyAdd(y, Vector256.Create(InvLn2Single), Vector256.Create(MagicSingle));
        var k = t - Vector256.Create(MagicSingle);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2HiSingle), y);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2LoSingle), r);
        var q = Vector256.Create(S7);
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(S6));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(S5));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(S4));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(S3));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(S2));
        var em = Vector256.FusedMultiplyAdd(q, r * r, r);
        var bits = (t.AsInt32() - Vector256.Create(MagicBitsSingle) + Vector256.Create(127)) << 23;
        return (bits.AsSingle(), em);
    }
}
