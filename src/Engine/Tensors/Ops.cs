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
/// Determinism: every output element is computed by one thread with a fixed summation order, and parallel
/// work is split over fixed-size blocks of output columns, so results are bit-identical for a given input
/// whatever the number of threads.
/// </para>
/// </summary>
public static class Ops
{
    /// <summary>Output columns per parallel work item. Fixed, so the split never depends on the core count.</summary>
    private const int ColumnBlock = 8;

    /// <summary>Below this many multiply-adds a product runs on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 18;

    /// <summary>
    /// Upper bound on threads the kernels use; 1 runs everything on the calling thread (e.g. when many
    /// trials run in parallel). Results do not depend on it.
    /// </summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>C = A·B for A (M, K), B (K, N): a dense layer's forward <c>X·W</c>.</summary>
    public static Matrix<double> MatMul(Matrix<double> a, Matrix<double> b)
    {
        var c = Mat.Zeros(a.RowCount, b.ColumnCount);
        MatMulInto(a, b, c);
        return c;
    }

    /// <summary>C = A·B into an existing (M, N) matrix (overwritten).</summary>
    public static void MatMulInto(Matrix<double> a, Matrix<double> b, Matrix<double> c)
    {
        int m = a.RowCount, k = a.ColumnCount, n = b.ColumnCount;
        CheckShapes("A·B", a.ColumnCount == b.RowCount && c.RowCount == m && c.ColumnCount == n, a, b);
        var ad = a.Data(); var bd = b.Data(); var cd = c.Data();
        ForColumnBlocks(n, (long)m * k * n, j =>
        {
            var cj = cd.AsSpan(j * m, m);
            cj.Clear();
            for (int p = 0; p < k; p++)
            {
                Axpy(bd[j * k + p], ad.AsSpan(p * m, m), cj);
            }
        });
    }

    /// <summary>C = Aᵀ·B for A (K, M), B (K, N): a dense layer's weight gradient <c>Xᵀ·dOut</c>.</summary>
    public static Matrix<double> MatMulTransA(Matrix<double> a, Matrix<double> b)
    {
        int k = a.RowCount, m = a.ColumnCount, n = b.ColumnCount;
        CheckShapes("Aᵀ·B", b.RowCount == k, a, b);
        var c = Mat.Zeros(m, n);
        var ad = a.Data(); var bd = b.Data(); var cd = c.Data();
        ForColumnBlocks(n, (long)m * k * n, j =>
        {
            var bj = bd.AsSpan(j * k, k);
            for (int i = 0; i < m; i++)
                cd[j * m + i] = Dot(ad.AsSpan(i * k, k), bj);
        });
        return c;
    }

    /// <summary>C = A·Bᵀ for A (M, K), B (N, K): a dense layer's input gradient <c>dOut·Wᵀ</c>.</summary>
    public static Matrix<double> MatMulTransB(Matrix<double> a, Matrix<double> b)
    {
        int m = a.RowCount, k = a.ColumnCount, n = b.RowCount;
        CheckShapes("A·Bᵀ", b.ColumnCount == k, a, b);
        var c = Mat.Zeros(m, n);
        var ad = a.Data(); var bd = b.Data(); var cd = c.Data();
        ForColumnBlocks(n, (long)m * k * n, j =>
        {
            var cj = cd.AsSpan(j * m, m);
            for (int p = 0; p < k; p++)
            {
                Axpy(bd[p * n + j], ad.AsSpan(p * m, m), cj);
            }
        });
        return c;
    }

    /// <summary>Adds the (1, D) row vector <paramref name="row"/> to every row of the (N, D) matrix, in place (bias).</summary>
    public static void AddRowVector(Matrix<double> m, Matrix<double> row)
    {
        int n = m.RowCount, d = m.ColumnCount;
        if (row.RowCount != 1 || row.ColumnCount != d)
            throw new ArgumentException($"cannot add a row vector of shape {row.Shape()} to each row of a {m.Shape()} matrix");
        var md = m.Data(); var rd = row.Data();
        for (int j = 0; j < d; j++) AddScalar(md.AsSpan(j * n, n), rd[j]);
    }

    /// <summary>The (1, D) sums over the rows of an (N, D) matrix (a bias gradient: <c>db = sum(dOut, axis=0)</c>).</summary>
    public static Matrix<double> SumRows(Matrix<double> m)
    {
        int n = m.RowCount, d = m.ColumnCount;
        var result = Mat.Zeros(1, d);
        var md = m.Data(); var rd = result.Data();
        for (int j = 0; j < d; j++) rd[j] = Sum(md.AsSpan(j * n, n));
        return result;
    }

    /// <summary>The (1, D) means over the rows of an (N, D) matrix.</summary>
    public static Matrix<double> MeanRows(Matrix<double> m)
    {
        var sums = SumRows(m);
        var data = sums.Data();
        for (int j = 0; j < data.Length; j++) data[j] /= m.RowCount;
        return sums;
    }

    /// <summary>Sum of all elements in a fixed order.</summary>
    public static double Sum(ReadOnlySpan<double> x)
    {
        int i = 0;
        var acc = System.Numerics.Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - System.Numerics.Vector<double>.Count; i += System.Numerics.Vector<double>.Count)
                acc += new System.Numerics.Vector<double>(x.Slice(i));
        }
        double s = Vector.Sum(acc);
        for (; i < x.Length; i++) s += x[i];
        return s;
    }

    /// <summary>Sum of x_i * y_i in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int i = 0, w = System.Numerics.Vector<double>.Count;
        var acc0 = System.Numerics.Vector<double>.Zero;
        var acc1 = System.Numerics.Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 2 * w; i += 2 * w)
            {
                acc0 += new System.Numerics.Vector<double>(x.Slice(i)) * new System.Numerics.Vector<double>(y.Slice(i));
                acc1 += new System.Numerics.Vector<double>(x.Slice(i + w)) * new System.Numerics.Vector<double>(y.Slice(i + w));
            }
            for (; i <= x.Length - w; i += w)
                acc0 += new System.Numerics.Vector<double>(x.Slice(i)) * new System.Numerics.Vector<double>(y.Slice(i));
        }
        double s = Vector.Sum(acc0 + acc1);
        for (; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>y += a * x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0, w = System.Numerics.Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new System.Numerics.Vector<double>(a);
            for (; i <= x.Length - w; i += w)
                (new System.Numerics.Vector<double>(y.Slice(i)) + va * new System.Numerics.Vector<double>(x.Slice(i))).CopyTo(y.Slice(i));
        }
        for (; i < x.Length; i++) y[i] += a * x[i];
    }

    /// <summary>x += a.</summary>
    public static void AddScalar(Span<double> x, double a)
    {
        int i = 0, w = System.Numerics.Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new System.Numerics.Vector<double>(a);
            for (; i <= x.Length - w; i += w)
                (new System.Numerics.Vector<double>(x.Slice(i)) + va).CopyTo(x.Slice(i));
        }
        for (; i < x.Length; i++) x[i] += a;
    }

    private static void ForColumnBlocks(int columns, long work, Action<int> column)
    {
        int blocks = (columns + ColumnBlock - 1) / ColumnBlock;
        if (MaxThreads <= 1 || work < ParallelThreshold || blocks == 1)
        {
            for (int j = 0; j < columns; j++) column(j);
            return;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxThreads };
        Parallel.For(0, blocks, options, b =>
        {
            int end = Math.Min(columns, (b + 1) * ColumnBlock);
            for (int j = b * ColumnBlock; j < end; j++) column(j);
        });
    }

    private static void CheckShapes(string op, bool ok, Matrix<double> a, Matrix<double> b)
    {
        if (!ok) throw new ArgumentException($"shapes do not match for {op}: A is {a.Shape()}, B is {b.Shape()}");
    }
}
