using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Tensors;

// What Elementwise.Run needs to know of an operation's operands: how to run one vector of them and one
// element. One small ref struct per shape of operation; the loop itself is written once, in Elementwise.Run,
// and all of this is inlined into it. The operands are held as references to their first elements and read
// without bounds checks: Elementwise has checked every length once, and Run never passes the end. (Span
// fields, sliced at each vector, cost a third of the speed of the memory-bound loops such as SGD's step.)
// Input operands are only read, though held as ref T.

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
internal interface IWideElementwise<T>
{
    static abstract Vector512<T> Apply(Vector512<T> x);
    static abstract Vector256<T> Apply(Vector256<T> x);
    static abstract T WithoutSimd(T x);
}

/// <summary>The width of the <see cref="Vector{T}"/> loops.</summary>
file static class Lanes<T>
{
    public static int Width => Vector.IsHardwareAccelerated ? Vector<T>.Count : 1;
}

internal ref struct UnaryLoop<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op) : IElementLoop where TOp : struct, IElementwise<T>
{
    private TOp _op = op;
    private readonly ref T _x = ref MemoryMarshal.GetReference(x);
    private readonly ref T _y = ref MemoryMarshal.GetReference(y);

    public static int Width => Lanes<T>.Width;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i) => _op.Apply(Vector.LoadUnsafe(ref _x, (nuint)i)).StoreUnsafe(ref _y, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => Unsafe.Add(ref _y, i) = _op.Apply(Unsafe.Add(ref _x, i));
}

internal ref struct BinaryLoop<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op) : IElementLoop
    where TOp : struct, IElementwise2<T>
{
    private TOp _op = op;
    private readonly ref T _a = ref MemoryMarshal.GetReference(a);
    private readonly ref T _b = ref MemoryMarshal.GetReference(b);
    private readonly ref T _z = ref MemoryMarshal.GetReference(z);

    public static int Width => Lanes<T>.Width;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i) =>
        _op.Apply(Vector.LoadUnsafe(ref _a, (nuint)i), Vector.LoadUnsafe(ref _b, (nuint)i)).StoreUnsafe(ref _z, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => Unsafe.Add(ref _z, i) = _op.Apply(Unsafe.Add(ref _a, i), Unsafe.Add(ref _b, i));
}

internal ref struct TernaryLoop<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> z, TOp op)
    : IElementLoop where TOp : struct, IElementwise3<T>
{
    private TOp _op = op;
    private readonly ref T _a = ref MemoryMarshal.GetReference(a);
    private readonly ref T _b = ref MemoryMarshal.GetReference(b);
    private readonly ref T _c = ref MemoryMarshal.GetReference(c);
    private readonly ref T _z = ref MemoryMarshal.GetReference(z);

    public static int Width => Lanes<T>.Width;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i) =>
        _op.Apply(Vector.LoadUnsafe(ref _a, (nuint)i), Vector.LoadUnsafe(ref _b, (nuint)i), Vector.LoadUnsafe(ref _c, (nuint)i)).StoreUnsafe(ref _z, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => Unsafe.Add(ref _z, i) = _op.Apply(Unsafe.Add(ref _a, i), Unsafe.Add(ref _b, i), Unsafe.Add(ref _c, i));
}

internal ref struct UpdateLoop<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s, TOp op) : IElementLoop
    where TOp : struct, IElementwiseUpdate<T>
{
    private TOp _op = op;
    private readonly ref T _w = ref MemoryMarshal.GetReference(w);
    private readonly ref T _g = ref MemoryMarshal.GetReference(g);
    private readonly ref T _s = ref MemoryMarshal.GetReference(s);

    public static int Width => Lanes<T>.Width;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i)
    {
        var w = Vector.LoadUnsafe(ref _w, (nuint)i);
        var s = Vector.LoadUnsafe(ref _s, (nuint)i);
        _op.Apply(ref w, Vector.LoadUnsafe(ref _g, (nuint)i), ref s);
        s.StoreUnsafe(ref _s, (nuint)i);
        w.StoreUnsafe(ref _w, (nuint)i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => _op.Apply(ref Unsafe.Add(ref _w, i), Unsafe.Add(ref _g, i), ref Unsafe.Add(ref _s, i));
}

internal ref struct Update2Loop<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s1, Span<T> s2, TOp op) : IElementLoop
    where TOp : struct, IElementwiseUpdate2<T>
{
    private TOp _op = op;
    private readonly ref T _w = ref MemoryMarshal.GetReference(w);
    private readonly ref T _g = ref MemoryMarshal.GetReference(g);
    private readonly ref T _s1 = ref MemoryMarshal.GetReference(s1);
    private readonly ref T _s2 = ref MemoryMarshal.GetReference(s2);

    public static int Width => Lanes<T>.Width;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i)
    {
        var w = Vector.LoadUnsafe(ref _w, (nuint)i);
        var s1 = Vector.LoadUnsafe(ref _s1, (nuint)i);
        var s2 = Vector.LoadUnsafe(ref _s2, (nuint)i);
        _op.Apply(ref w, Vector.LoadUnsafe(ref _g, (nuint)i), ref s1, ref s2);
        s1.StoreUnsafe(ref _s1, (nuint)i);
        s2.StoreUnsafe(ref _s2, (nuint)i);
        w.StoreUnsafe(ref _w, (nuint)i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) => _op.Apply(ref Unsafe.Add(ref _w, i), Unsafe.Add(ref _g, i), ref Unsafe.Add(ref _s1, i), ref Unsafe.Add(ref _s2, i));
}

/// <summary>
/// A <see cref="VectorMath"/> function over a Vector512 of T with AVX-512 (8 doubles, 16 floats), else a Vector256. The tail runs the 256-bit form on one
/// lane (the same operations as every other element), or Math's function on a machine without SIMD.
/// </summary>
internal ref struct WideLoop<T, TOp>(ReadOnlySpan<T> x, Span<T> y) : IElementLoop where TOp : IWideElementwise<T>
{
    private readonly ref T _x = ref MemoryMarshal.GetReference(x);
    private readonly ref T _y = ref MemoryMarshal.GetReference(y);

    public static int Width => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VectorAt(int i)
    {
        if (Vector512.IsHardwareAccelerated) TOp.Apply(Vector512.LoadUnsafe(ref _x, (nuint)i)).StoreUnsafe(ref _y, (nuint)i);
        else TOp.Apply(Vector256.LoadUnsafe(ref _x, (nuint)i)).StoreUnsafe(ref _y, (nuint)i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ElementAt(int i) =>
        Unsafe.Add(ref _y, i) = Vector256.IsHardwareAccelerated ? TOp.Apply(Vector256.Create(Unsafe.Add(ref _x, i))).ToScalar() : TOp.WithoutSimd(Unsafe.Add(ref _x, i));
}
