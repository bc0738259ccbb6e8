using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Vector = System.Numerics.Vector;

namespace NotebookDL.Tensors;

/// <summary>
/// The few kernels every layer's maths goes through: matrix products in a dense layer's three shapes and
/// the broadcasts and reductions around them. Layers call only these for their heavy work, so a faster
/// implementation can replace them without touching a layer.
/// <para>
/// Determinism: every output element is computed by one thread with a fixed summation order (a product's
/// element is the chain c = fma(a[i,p], b[p,j], c) in k order, see <see cref="Gemm"/>), and parallel work is
/// split over blocks of the output whose size depends only on the shape, so results are bit-identical for a
/// given input whatever the number of threads.
/// </para>
/// </summary>
public static class Ops
{
    private static int _maxThreads = Environment.ProcessorCount;
    private static readonly AsyncLocal<int> ScopedThreads = new();

    /// <summary>
    /// Upper bound on threads the kernels use; 1 runs everything on the calling thread (e.g. when many
    /// trials run in parallel). Results do not depend on it. Setting it changes the whole process's bound;
    /// inside a <see cref="UseThreads"/> scope the scope's count is read instead.
    /// </summary>
    public static int MaxThreads
    {
        get => ScopedThreads.Value is > 0 and var scoped ? scoped : _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The kernels need at least one thread.");
    }

    /// <summary>
    /// Kernels called from this flow (this thread, and the threads and tasks it starts) use at most
    /// <paramref name="threads"/> threads until the scope is disposed; other callers keep theirs. Scopes nest.
    /// </summary>
    public static IDisposable UseThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var scope = new ThreadsScope(ScopedThreads.Value);
        ScopedThreads.Value = threads;
        return scope;
    }

    private sealed class ThreadsScope(int previous) : IDisposable
    {
        public void Dispose() => ScopedThreads.Value = previous;
    }

    /// <summary>C = A·B for A (M, K), B (K, N): a dense layer's forward <c>X·W</c>.</summary>
    public static Matrix<T> MatMul<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = Mat.Uninitialized<T>(a.RowCount, b.ColumnCount); // the product overwrites every element
        MatMulInto(a, b, c);
        return c;
    }

    /// <summary>C = A·B into an existing (M, N) matrix (overwritten; it must not be A or B).</summary>
    public static void MatMulInto<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.RowCount, k = a.ColumnCount, n = b.ColumnCount;
        CheckShapes("A·B", b.RowCount == k, a, b);
        Multiply(a, false, b, false, c, m, n, k);
    }

    /// <summary>C = Aᵀ·B for A (K, M), B (K, N): a dense layer's weight gradient <c>Xᵀ·dOut</c>.</summary>
    public static Matrix<T> MatMulTransA<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = Mat.Uninitialized<T>(a.ColumnCount, b.ColumnCount);
        MatMulTransAInto(a, b, c);
        return c;
    }

    /// <summary>C = Aᵀ·B into an existing (M, N) matrix (overwritten; it must not be A or B).</summary>
    public static void MatMulTransAInto<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = a.RowCount, m = a.ColumnCount, n = b.ColumnCount;
        CheckShapes("Aᵀ·B", b.RowCount == k, a, b);
        Multiply(a, true, b, false, c, m, n, k);
    }

    /// <summary>C = A·Bᵀ for A (M, K), B (N, K): a dense layer's input gradient <c>dOut·Wᵀ</c>.</summary>
    public static Matrix<T> MatMulTransB<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = Mat.Uninitialized<T>(a.RowCount, b.RowCount);
        MatMulTransBInto(a, b, c);
        return c;
    }

    /// <summary>C = A·Bᵀ into an existing (M, N) matrix (overwritten; it must not be A or B).</summary>
    public static void MatMulTransBInto<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.RowCount, k = a.ColumnCount, n = b.RowCount;
        CheckShapes("A·Bᵀ", b.ColumnCount == k, a, b);
        Multiply(a, false, b, true, c, m, n, k);
    }

    private static void Multiply<T>(Matrix<T> a, bool transA, Matrix<T> b, bool transB, Matrix<T> c, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.RowCount != m || c.ColumnCount != n)
            throw new ArgumentException($"the product is ({m}, {n}) but the output matrix is {c.Shape()}");
        var cd = c.Data();
        var ad = a.Data();
        var bd = b.Data();
        if (ReferenceEquals(cd, ad) || ReferenceEquals(cd, bd))
            throw new ArgumentException("the output matrix of a product must not be one of its inputs");
        Gemm.Multiply(ad, transA, bd, transB, cd, m, n, k, MaxThreads);
    }

    /// <summary>Adds the (1, D) row vector <paramref name="row"/> to every row of the (N, D) matrix, in place (bias).</summary>
    public static void AddRowVector<T>(Matrix<T> m, Matrix<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = m.RowCount, d = m.ColumnCount;
        if (row.RowCount != 1 || row.ColumnCount != d)
            throw new ArgumentException($"cannot add a row vector of shape {row.Shape()} to each row of a {m.Shape()} matrix");
        var md = m.Data(); var rd = row.Data();
        for (int j = 0; j < d; j++) AddScalar(md.AsSpan(j * n, n), rd[j]);
    }

    /// <summary>The (1, D) sums over the rows of an (N, D) matrix (a bias gradient: <c>db = sum(dOut, axis=0)</c>).</summary>
    public static Matrix<T> SumRows<T>(Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = Mat.Zeros<T>(1, m.ColumnCount);
        SumRowsInto(m, result);
        return result;
    }

    /// <summary>The (1, D) sums over the rows of an (N, D) matrix into an existing (1, D) matrix.</summary>
    public static void SumRowsInto<T>(Matrix<T> m, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = m.RowCount, d = m.ColumnCount;
        if (result.RowCount != 1 || result.ColumnCount != d)
            throw new ArgumentException($"the sums over the rows of a {m.Shape()} matrix are (1, {d}), not {result.Shape()}");
        var md = m.Data(); var rd = result.Data();
        for (int j = 0; j < d; j++) rd[j] = Sum(md.AsSpan(j * n, n));
    }

    /// <summary>The (1, D) means over the rows of an (N, D) matrix.</summary>
    public static Matrix<T> MeanRows<T>(Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m.RowCount == 0) throw new ArgumentException($"the mean over the rows of a {m.Shape()} matrix is 0/0: there are no rows");
        var sums = SumRows(m);
        var data = sums.Data();
        var rows = T.CreateTruncating(m.RowCount);
        for (int j = 0; j < data.Length; j++) data[j] /= rows;
        return sums;
    }

    /// <summary>Sum of all elements in a fixed order.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        var acc = System.Numerics.Vector<T>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - System.Numerics.Vector<T>.Count; i += System.Numerics.Vector<T>.Count)
                acc += new System.Numerics.Vector<T>(x.Slice(i));
        }
        T s = Vector.Sum(acc);
        for (; i < x.Length; i++) s += x[i];
        return s;
    }

    /// <summary>Sum of x_i * y_i in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"Dot: x has {x.Length} elements, y {y.Length}");
        int i = 0, w = System.Numerics.Vector<T>.Count;
        var acc0 = System.Numerics.Vector<T>.Zero;
        var acc1 = System.Numerics.Vector<T>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 2 * w; i += 2 * w)
            {
                acc0 += new System.Numerics.Vector<T>(x.Slice(i)) * new System.Numerics.Vector<T>(y.Slice(i));
                acc1 += new System.Numerics.Vector<T>(x.Slice(i + w)) * new System.Numerics.Vector<T>(y.Slice(i + w));
            }
            for (; i <= x.Length - w; i += w)
                acc0 += new System.Numerics.Vector<T>(x.Slice(i)) * new System.Numerics.Vector<T>(y.Slice(i));
        }
        T s = Vector.Sum(acc0 + acc1);
        for (; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>y += a * x.</summary>
    public static void Axpy<T>(T a, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"Axpy: x has {x.Length} elements, y {y.Length}");
        Elementwise.Map(x, y, y, new PlusScaled<T>(a));
    }

    /// <summary>x += a.</summary>
    public static void AddScalar<T>(Span<T> x, T a) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Map(x, x, new Plus<T>(a));

    /// <summary>(x, y) → y + a·x.</summary>
    private readonly struct PlusScaled<T>(T a) : IElementwise2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T y) => y + a * x;
        public System.Numerics.Vector<T> Apply(System.Numerics.Vector<T> x, System.Numerics.Vector<T> y) => y + new System.Numerics.Vector<T>(a) * x;
    }

    /// <summary>x → x + a.</summary>
    private readonly struct Plus<T>(T a) : IElementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x) => x + a;
        public System.Numerics.Vector<T> Apply(System.Numerics.Vector<T> x) => x + new System.Numerics.Vector<T>(a);
    }

    private static void CheckShapes<T>(string op, bool ok, Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!ok) throw new ArgumentException($"shapes do not match for {op}: A is {a.Shape()}, B is {b.Shape()}");
    }
}
