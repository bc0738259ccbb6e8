using System.Runtime.CompilerServices;

namespace NotebookDL.Tensors;

/// <summary>
/// The one driver of the engine's element-wise loops: an operation (<see cref="IElementwise"/> and its
/// variants) runs in its vector form over whole vectors, then in its scalar form on the tail. Layers and
/// optimisers write only the formula; the loop, the vector width and the split over threads live here.
/// <para>
/// Every element goes through the same operations whether a vector or the tail holds it, so results do not
/// depend on an array's length, an element's position or the machine's vector width. Inputs and outputs
/// have one length; an output may be one of the inputs (each vector is read before it is written).
/// </para>
/// </summary>
public static class Elementwise
{
    /// <summary>Elements per chunk of <see cref="InChunks"/>.</summary>
    private const int Chunk = 1 << 15;

    /// <summary>y = op(x), element by element.</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op) where TOp : struct, IElementwise<T> =>
        Run(new UnaryLoop<T, TOp>(x, y, op), SameLength(y.Length, x.Length));

    /// <summary>z = op(a, b), element by element.</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op) where TOp : struct, IElementwise2<T> =>
        Run(new BinaryLoop<T, TOp>(a, b, z, op), SameLength(z.Length, a.Length, b.Length));

    /// <summary>z = op(a, b, c), element by element.</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> z, TOp op)
        where TOp : struct, IElementwise3<T> =>
        Run(new TernaryLoop<T, TOp>(a, b, c, z, op), SameLength(z.Length, a.Length, b.Length, c.Length));

    /// <summary>Updates every weight of <paramref name="w"/> and its state in <paramref name="s"/> from its gradient.</summary>
    public static void Update<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s, TOp op) where TOp : struct, IElementwiseUpdate<T> =>
        Run(new UpdateLoop<T, TOp>(w, g, s, op), SameLength(w.Length, g.Length, s.Length));

    /// <summary>Updates every weight of <paramref name="w"/> and its two states from its gradient.</summary>
    public static void Update<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s1, Span<T> s2, TOp op)
        where TOp : struct, IElementwiseUpdate2<T> =>
        Run(new Update2Loop<T, TOp>(w, g, s1, s2, op), SameLength(w.Length, g.Length, s1.Length, s2.Length));

    /// <summary>
    /// y = f(x) for <see cref="VectorMath"/>'s functions, at 512 bits where the machine has them: their
    /// polynomials are compute-bound and run 1.6 times faster there than at 256 bits (the memory-bound
    /// formulas of the other operations gain nothing from it).
    /// </summary>
    internal static void MapWide<T, TOp>(ReadOnlySpan<T> x, Span<T> y) where TOp : IWideElementwise<T> =>
        Run(new WideLoop<T, TOp>(x, y), SameLength(y.Length, x.Length));

    /// <summary>A pass of an element-wise function over part of an array (see <see cref="InChunks{T}"/>).</summary>
    public delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>
    /// <paramref name="map"/> over x → y: in one call, or, for more than 3 chunks of 32,768 elements, chunk by
    /// chunk on up to <see cref="Ops.MaxThreads"/> threads. Element-wise work gives the same numbers either way.
    /// </summary>
    public static void InChunks<T>(T[] x, T[] y, SpanMap<T> map)
    {
        int chunks = (SameLength(y.Length, x.Length) + Chunk - 1) / Chunk;
        if (Ops.MaxThreads > 1 && chunks >= 4) RunChunks(x, y, map, chunks);
        else map(x, y);
    }

    /// <summary>A method of its own, so that the usual single call does not allocate the lambda's closure.</summary>
    private static void RunChunks<T>(T[] x, T[] y, SpanMap<T> map, int chunks) =>
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Ops.MaxThreads }, c =>
        {
            int start = c * Chunk, length = Math.Min(Chunk, x.Length - start);
            map(x.AsSpan(start, length), y.AsSpan(start, length));
        });

    /// <summary>The loop itself: whole vectors (when the machine has them), then the tail one element at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TLoop>(TLoop loop, int length) where TLoop : IElementLoop, allows ref struct
    {
        int i = 0, width = TLoop.Width;
        if (width > 1)
            for (; i <= length - width; i += width) loop.VectorAt(i);
        for (; i < length; i++) loop.ElementAt(i);
    }

    private static int SameLength(int output, params ReadOnlySpan<int> inputs)
    {
        foreach (int n in inputs)
            if (n != output) throw new ArgumentException($"element-wise operands differ in length: the output has {output} elements, an input {n}");
        return output;
    }
}
