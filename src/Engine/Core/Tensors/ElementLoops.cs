using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Tensors;

// What Elementwise.Run needs to know of an operation's operands: how to run one vector of them and one
// element. One small ref struct per shape of operation (it holds the spans); the loop itself is written
// once, in Elementwise.Run. All of it is inlined into that loop, so it costs nothing at run time.

/// <summary>One element-wise pass, as <see cref="Elementwise"/>'s loop drives it.</summary>
internal interface IElementLoop
{
    /// <summary>Elements per <see cref="VectorAt"/> step; 1 without SIMD (the loop then runs only <see cref="ElementAt"/>).</summary>
    static abstract int Width { get; }

    /// <summary>Elements i .. i + Width - 1.</summary>
    void VectorAt(int i);

    /// <summary>Element i.</summary>
    void ElementAt(int i);
}

/// <summary>
/// <see cref="VectorMath"/>'s functions, parameter-free: 512- and 256-bit forms doing the same operations
/// lane by lane, and <see cref="Math"/>'s function for machines without SIMD.
/// </summary>
internal interface IWideElementwise
{
    static abstract Vector512<double> Apply(Vector512<double> x);
    static abstract Vector256<double> Apply(Vector256<double> x);
    static abstract double WithoutSimd(double x);
}

internal ref struct UnaryLoop<TOp>(ReadOnlySpan<double> x, Span<double> y, TOp op) : IElementLoop
    where TOp : struct, IElementwise
{
    private TOp _op = op;
    private readonly ReadOnlySpan<double> _x = x;
    private readonly Span<double> _y = y;

    public static int Width => Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i) => _op.Apply(new Vector<double>(_x.Slice(i))).CopyTo(_y.Slice(i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => _y[i] = _op.Apply(_x[i]);
}

internal ref struct BinaryLoop<TOp>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> z, TOp op) : IElementLoop
    where TOp : struct, IElementwise2
{
    private TOp _op = op;
    private readonly ReadOnlySpan<double> _a = a, _b = b;
    private readonly Span<double> _z = z;

    public static int Width => Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i) => _op.Apply(new Vector<double>(_a.Slice(i)), new Vector<double>(_b.Slice(i))).CopyTo(_z.Slice(i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => _z[i] = _op.Apply(_a[i], _b[i]);
}

internal ref struct TernaryLoop<TOp>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> z, TOp op)
    : IElementLoop where TOp : struct, IElementwise3
{
    private TOp _op = op;
    private readonly ReadOnlySpan<double> _a = a, _b = b, _c = c;
    private readonly Span<double> _z = z;

    public static int Width => Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i) =>
        _op.Apply(new Vector<double>(_a.Slice(i)), new Vector<double>(_b.Slice(i)), new Vector<double>(_c.Slice(i))).CopyTo(_z.Slice(i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => _z[i] = _op.Apply(_a[i], _b[i], _c[i]);
}

internal ref struct UpdateLoop<TOp>(Span<double> w, ReadOnlySpan<double> g, Span<double> s, TOp op) : IElementLoop
    where TOp : struct, IElementwiseUpdate
{
    private TOp _op = op;
    private readonly Span<double> _w = w, _s = s;
    private readonly ReadOnlySpan<double> _g = g;

    public static int Width => Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i)
    {
        var w = new Vector<double>(_w.Slice(i));
        var s = new Vector<double>(_s.Slice(i));
        _op.Apply(ref w, new Vector<double>(_g.Slice(i)), ref s);
        s.CopyTo(_s.Slice(i));
        w.CopyTo(_w.Slice(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => _op.Apply(ref _w[i], _g[i], ref _s[i]);
}

internal ref struct Update2Loop<TOp>(Span<double> w, ReadOnlySpan<double> g, Span<double> s1, Span<double> s2, TOp op) : IElementLoop
    where TOp : struct, IElementwiseUpdate2
{
    private TOp _op = op;
    private readonly Span<double> _w = w, _s1 = s1, _s2 = s2;
    private readonly ReadOnlySpan<double> _g = g;

    public static int Width => Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i)
    {
        var w = new Vector<double>(_w.Slice(i));
        var s1 = new Vector<double>(_s1.Slice(i));
        var s2 = new Vector<double>(_s2.Slice(i));
        _op.Apply(ref w, new Vector<double>(_g.Slice(i)), ref s1, ref s2);
        s1.CopyTo(_s1.Slice(i));
        s2.CopyTo(_s2.Slice(i));
        w.CopyTo(_w.Slice(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => _op.Apply(ref _w[i], _g[i], ref _s1[i], ref _s2[i]);
}

/// <summary>
/// A <see cref="VectorMath"/> function over 8 lanes with AVX-512, else 4. The tail runs the 256-bit form on one
/// lane (the same operations as every other element), or Math's function on a machine without SIMD.
/// </summary>
internal ref struct WideLoop<TOp>(ReadOnlySpan<double> x, Span<double> y) : IElementLoop where TOp : IWideElementwise
{
    private readonly ReadOnlySpan<double> _x = x;
    private readonly Span<double> _y = y;

    public static int Width => Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i)
    {
        if (Vector512.IsHardwareAccelerated) TOp.Apply(Vector512.Create(_x.Slice(i, 8))).CopyTo(_y.Slice(i, 8));
        else TOp.Apply(Vector256.Create(_x.Slice(i, 4))).CopyTo(_y.Slice(i, 4));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) =>
        _y[i] = Vector256.IsHardwareAccelerated ? TOp.Apply(Vector256.Create(_x[i])).ToScalar() : TOp.WithoutSimd(_x[i]);
}
