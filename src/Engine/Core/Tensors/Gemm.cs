using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookDL.Tensors;

/// <summary>
/// Dense matrix product C = op(A)·op(B) on column-major storage (MathNet's layout), blocked as BLIS does:
/// op(B) is packed a k-group at a time into micro-panels shared by all threads; the output is cut into
/// blocks of rows × columns whose size depends on the shape (and on whether threads are allowed at all,
/// never on how many); each block packs its rows of op(A) per k-block (kept in L2) and runs a
/// register-blocked micro-kernel over them.
/// <para>
/// Determinism: each element of C is one chain of fused multiply-adds in k order starting from 0,
/// computed by one thread; blocking, kernel width and thread count only decide who computes it and when,
/// never how, so the result is bit-identical for any <c>maxThreads</c> and equal to the naive
/// <c>c = fma(a[i,p], b[p,j], c)</c> loop.
/// </para>
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>
    /// Depth of a k-block: its A and B micro-panels (48 KB and 36 KB) stream from L2, and each C tile is
    /// loaded and stored once per 384 steps. Measured on Zen 4 against 256/192 and 512/64 (≈5% apart).
    /// </summary>
    private const int KC = 384;

    /// <summary>Rows of op(A) packed per work item (96 × 384 doubles = 288 KB, within L2).</summary>
    private const int MC = 96;

    /// <summary>
    /// Columns of C per work item at most: large, since op(B) is packed once and shared (BLIS keeps it in
    /// L3); a product is cut into column blocks only when it has too few rows to share out.
    /// </summary>
    private const int NC = 4096;

    /// <summary>Largest packed op(B) group in doubles (8 MB): beyond it, k is split into groups.</summary>
    private const int BPackBudget = 1 << 20;

    /// <summary>Below this many multiply-adds one thread does the product.</summary>
    private const long ParallelWork = 1L << 20;

    /// <summary>Below this many multiply-adds the product skips packing (direct loops, same chains).</summary>
    private const long DirectWork = 1L << 13;

    /// <summary>Work items a parallel product is cut into at least (fixed: independent of the core count).</summary>
    private const int MinItems = 4;

    [ThreadStatic] private static double[]? t_aPack;
    [ThreadStatic] private static double[]? t_bPack;
    [ThreadStatic] private static Job? t_job;          // reused, so that a product allocates nothing
    [ThreadStatic] private static PackJob? t_packJob;

    [ThreadStatic] private static GemmKernel? t_forcedKernel;

    /// <summary>The kernel tests force on the calling thread (null: the best the CPU accelerates).</summary>
    internal static GemmKernel? ForcedKernel
    {
        get => t_forcedKernel;
        set => t_forcedKernel = value;
    }

    /// <summary>The widest kernel this CPU accelerates.</summary>
    internal static GemmKernel BestKernel { get; } =
        Vector512.IsHardwareAccelerated ? GemmKernel.Avx512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmKernel.Avx2
        : GemmKernel.Scalar;

    /// <summary>
    /// C (m, n) = op(A) (m, k) · op(B) (k, n), overwriting C. A is stored (m, k), or (k, m) when
    /// <paramref name="transA"/>; B is stored (k, n), or (n, k) when <paramref name="transB"/>; all
    /// column-major. C must not share storage with A or B.
    /// </summary>
    public static void Multiply(double[] a, bool transA, double[] b, bool transB, double[] c, int m, int n, int k, int maxThreads)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c.AsSpan(0, m * n).Clear();
            return;
        }
        fixed (double* pa = a, pb = b, pc = c)
        {
            long work = (long)m * n * k;
            if (work <= DirectWork || (ForcedKernel is null && m < 4))
                Direct(pa, transA, pb, transB, pc, m, n, k);
            else
                Blocked(ForcedKernel ?? BestKernel, pa, transA, pb, transB, pc, m, n, k, maxThreads > 1 && work >= ParallelWork ? maxThreads : 1);
        }
    }

    /// <summary>Small products: the same fma chains without packing or threads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Direct(double* a, bool transA, double* b, bool transB, double* c, int m, int n, int k)
    {
        for (int j = 0; j < n; j++)
        {
            double* cj = c + (nint)j * m;
            if (!transA)
            {
                new Span<double>(cj, m).Clear();
                for (int p = 0; p < k; p++)
                {
                    double bpj = transB ? b[(nint)p * n + j] : b[(nint)j * k + p];
                    FmaAxpy(bpj, a + (nint)p * m, cj, m);
                }
            }
            else
            {
                for (int i = 0; i < m; i++)
                {
                    double* ai = a + (nint)i * k;
                    double s = 0;
                    for (int p = 0; p < k; p++)
                        s = Math.FusedMultiplyAdd(ai[p], transB ? b[(nint)p * n + j] : b[(nint)j * k + p], s);
                    cj[i] = s;
                }
            }
        }
    }

    /// <summary>y[i] = fma(x[i], s, y[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FmaAxpy(double s, double* x, double* y, int count)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(s);
            for (; i <= count - 4; i += 4)
                Vector256.FusedMultiplyAdd(Vector256.Load(x + i), vs, Vector256.Load(y + i)).Store(y + i);
        }
        for (; i < count; i++) y[i] = Math.FusedMultiplyAdd(x[i], s, y[i]);
    }

    private static void Blocked(GemmKernel kind, double* a, bool transA, double* b, bool transB, double* c, int m, int n, int k, int threads)
    {
        var (mr, nr) = kind switch
        {
            GemmKernel.Avx512 => (GemmKernels.MR512, GemmKernels.NR512),
            GemmKernel.Avx2 => (GemmKernels.MR256, GemmKernels.NR256),
            _ => (GemmKernels.MRScalar, GemmKernels.NRScalar),
        };
        var plan = Plan.For(m, n, k, mr, nr, threads > 1);

        var bBuffer = Rent(ref t_bPack, plan.GroupK * n);
        var job = t_job ?? new Job(); // taken from the slot: a nested product on this thread makes its own
        t_job = null;
        try
        {
            double* bp = Aligned(bBuffer);
            for (int pg = 0; pg < k; pg += plan.GroupK)
            {
                int kg = Math.Min(plan.GroupK, k - pg);
                PackGroup(b, transB, k, n, pg, kg, nr, bp, threads);
                job.Set(kind, plan, a, transA, bp, c, m, n, k, pg, kg, mr, nr);
                ForkJoin.For(plan.RowBlocks * plan.ColBlocks, threads, job);
            }
        }
        finally
        {
            t_bPack = bBuffer;
            t_job = job;
        }
    }

    /// <summary>Packs op(B)[pg .. pg+kg, :] as consecutive k-blocks of KC (each kc × n, panel by panel).</summary>
    private static void PackGroup(double* b, bool transB, int k, int n, int pg, int kg, int nr, double* bp, int threads)
    {
        int panels = (n + nr - 1) / nr;
        // Chunks of panels are independent copies: split them over threads when the group is large.
        int chunks = threads > 1 && (long)kg * n >= 1 << 16 ? Math.Min(panels, 8) : 1;
        var job = t_packJob ?? new PackJob();
        t_packJob = null;
        try
        {
            job.Set(b, transB, k, n, pg, kg, nr, bp, panels, chunks);
            ForkJoin.For(chunks, threads, job);
        }
        finally
        {
            t_packJob = job;
        }
    }

    /// <summary>Packing of one k-group of op(B): item i packs the i-th chunk of its column panels.</summary>
    private sealed class PackJob : IWorkItems
    {
        private nint _b, _bp;
        private bool _transB;
        private int _k, _n, _pg, _kg, _nr, _panels, _chunks;

        public void Set(double* b, bool transB, int k, int n, int pg, int kg, int nr, double* bp, int panels, int chunks) =>
            (_b, _transB, _k, _n, _pg, _kg, _nr, _bp, _panels, _chunks) = ((nint)b, transB, k, n, pg, kg, nr, (nint)bp, panels, chunks);

        public void Run(int chunk)
        {
            int first = chunk * _panels / _chunks * _nr, last = Math.Min(_n, (chunk + 1) * _panels / _chunks * _nr);
            for (int pc = _pg; pc < _pg + _kg; pc += KC)
            {
                int kc = Math.Min(KC, _pg + _kg - pc);
                double* block = (double*)_bp + (nint)(pc - _pg) * _n;
                GemmPacking.PackB((double*)_b, _k, _n, _transB, pc, kc, first, last - first, _nr, block + (nint)kc * first);
            }
        }
    }

    /// <summary>How a product is cut: k-group size and the grid of work items (depends on the shape only).</summary>
    private readonly record struct Plan(int GroupK, int RowPanels, int RowBlocks, int ColPanels, int ColBlocks)
    {
        public static Plan For(int m, int n, int k, int mr, int nr, bool parallel)
        {
            int rowPanels = (m + mr - 1) / mr, colPanels = (n + nr - 1) / nr;
            int rowBlocks = Math.Max(1, (rowPanels * mr + MC - 1) / MC);
            int colBlocks = Math.Max(1, (colPanels * nr + NC - 1) / NC);
            if (parallel)
            {
                // A multiple of MinItems row blocks of near-equal size, so that 2 or 4 threads get even shares.
                rowBlocks = Math.Min(rowPanels, (rowBlocks + MinItems - 1) / MinItems * MinItems);
                if (rowBlocks * colBlocks < MinItems)
                    colBlocks = Math.Min(colPanels, (MinItems + rowBlocks - 1) / rowBlocks);
            }
            // All of k in one group when op(B) fits the budget (one parallel region per product).
            int groupK = (long)k * n <= BPackBudget ? k : Math.Max(KC, BPackBudget / n / KC * KC);
            return new Plan(groupK, rowPanels, rowBlocks, colPanels, colBlocks);
        }
    }

    /// <summary>One k-group's work: item i is (row block, column block) of C, ordered column block first.</summary>
    private sealed class Job : IWorkItems
    {
        // Named as the constructor parameters they were (Run reads as before); set anew for every k-group.
        private GemmKernel kind;
        private Plan plan;
        private bool transA;
        private int m, n, k, pg, kg, mr, nr;
        private nint _a, _bp, _c;

        public void Set(GemmKernel kind, Plan plan, double* aStore, bool transA, double* bPacked, double* cStore,
            int m, int n, int k, int pg, int kg, int mr, int nr)
        {
            (this.kind, this.plan, this.transA, this.m, this.n, this.k, this.pg, this.kg, this.mr, this.nr) = (kind, plan, transA, m, n, k, pg, kg, mr, nr);
            (_a, _bp, _c) = ((nint)aStore, (nint)bPacked, (nint)cStore);
        }

        public void Run(int item)
        {
            int rb = item % plan.RowBlocks, cb = item / plan.RowBlocks;
            int i0 = rb * plan.RowPanels / plan.RowBlocks * mr;
            int i1 = Math.Min(m, (rb + 1) * plan.RowPanels / plan.RowBlocks * mr);
            int j0 = cb * plan.ColPanels / plan.ColBlocks * nr;
            int j1 = Math.Min(n, (cb + 1) * plan.ColPanels / plan.ColBlocks * nr);
            if (i0 >= i1 || j0 >= j1) return;

            int rows = i1 - i0;
            int paddedRows = (rows + mr - 1) / mr * mr;
            var aBuffer = Rent(ref t_aPack, paddedRows * Math.Min(KC, kg));
            double* tile = stackalloc double[GemmKernels.MR512 * GemmKernels.NR512];
            try
            {
                double* ap = Aligned(aBuffer);
                double* a = (double*)_a, bp = (double*)_bp, c = (double*)_c;
                for (int pc = pg; pc < pg + kg; pc += KC)
                {
                    int kc = Math.Min(KC, pg + kg - pc);
                    GemmPacking.PackA(a, m, k, transA, i0, rows, pc, kc, mr, ap);
                    bool accumulate = pc > 0;
                    double* block = bp + (nint)(pc - pg) * n;
                    for (int jj = j0; jj < j1; jj += nr)
                    {
                        int w = Math.Min(nr, n - jj);
                        double* panel = block + (nint)kc * jj;
                        double* cj = c + (nint)jj * m;
                        for (int ii = i0; ii < i1; ii += mr)
                        {
                            double* ai = ap + (nint)(ii - i0) * kc;
                            int h = Math.Min(mr, m - ii);
                            if (h == mr)
                            {
                                GemmKernels.Run(kind, kc, w, ai, panel, cj + ii, m, accumulate);
                            }
                            else
                            {
                                // A partial tile runs full-height in a scratch tile; only its real rows are copied.
                                for (int q = 0; q < w; q++)
                                    for (int r = 0; r < mr; r++)
                                        tile[q * mr + r] = accumulate && r < h ? cj[(nint)q * m + ii + r] : 0.0;
                                GemmKernels.Run(kind, kc, w, ai, panel, tile, mr, accumulate);
                                for (int q = 0; q < w; q++)
                                    for (int r = 0; r < h; r++)
                                        cj[(nint)q * m + ii + r] = tile[q * mr + r];
                            }
                        }
                    }
                }
            }
            finally
            {
                t_aPack = aBuffer;
            }
        }
    }

    /// <summary>
    /// A pinned scratch array of at least <paramref name="length"/> doubles (plus room to align to 64
    /// bytes), taken from the thread's slot, which the caller refills when done; a nested call on the same
    /// thread finds the slot empty and allocates its own.
    /// </summary>
    private static double[] Rent(ref double[]? slot, int length)
    {
        var buffer = slot;
        slot = null;
        if (buffer is null || buffer.Length < length + 8)
            buffer = GC.AllocateUninitializedArray<double>(length + 8, pinned: true);
        return buffer;
    }

    /// <summary>The first 64-byte aligned element of a pinned array.</summary>
    private static double* Aligned(double[] pinned)
    {
        double* p = (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return p + (((64 - ((nint)p & 63)) & 63) >> 3);
    }
}
