using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookDL.Tensors;

/// <summary>
/// Dense matrix product C = op(A)·op(B) on column-major storage (MathNet's layout), of float or double
/// elements (one generic implementation: the JIT compiles it once per element type), blocked as BLIS does:
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
    /// Bytes of one row of a k-block (512 doubles, 1024 floats): a B micro-panel (48 KB) is reused from L1/L2
    /// by every A micro-panel (64 KB, streamed from L2), and each C tile is loaded and stored once per
    /// k-block. With <see cref="MC"/>, measured on a 2-core Xeon (48 KB L1d, 2 MB L2) by thread CPU time at
    /// 2048², one thread, best of 5 interleaved runs: 4096 B × 192 rows gave 73.7 / 155.2 GFLOP/s (f64 / f32)
    /// against 70.6 / 147.3 for the earlier 3072 B × 96 rows (chosen on Zen 4, where 384 and 512 doubles were
    /// ≈5% apart); the other pairs tried (2048 to 8192 B, 96 to 384 rows) were no faster. Measured on a
    /// shared machine: re-measure on another CPU. Re-measured on AMD Zen 5 (1024 to 8192 B, 96 to 480 rows,
    /// 8-12 interleaved rounds): none steadily faster. The 12-wide micro-kernel alone ran at 95 % of the peak
    /// with 1024 B but 84 % with 4096 B (its 48 KB B micro-panel no longer fits L1), yet in a whole product the
    /// smaller k-blocks lost more than that, as each one reads and writes every tile of C again; the 6-wide
    /// tile (GemmKernels) halves the B micro-panel instead.
    /// </summary>
    private const int KCBytes = 4096;

    /// <summary>Depth of a k-block in elements of T: the same bytes for either precision.</summary>
    private static int KC<T>() where T : unmanaged => KCBytes / sizeof(T);

    /// <summary>Rows of op(A) packed per work item (192 rows × KCBytes = 768 KB, within a 1 MB or larger L2).</summary>
    private const int MC = 192;

    /// <summary>
    /// Columns of C per work item at most: large, since op(B) is packed once and shared (BLIS keeps it in
    /// L3); a product is cut into column blocks only when it has too few rows to share out.
    /// </summary>
    private const int NC = 4096;

    /// <summary>Largest packed op(B) group in bytes (8 MB): beyond it, k is split into groups.</summary>
    private const int BPackBytes = 8 << 20;

    /// <summary>Below this many multiply-adds one thread does the product.</summary>
    private const long ParallelWork = 1L << 20;

    /// <summary>Below this many multiply-adds the product skips packing (direct loops, same chains).</summary>
    private const long DirectWork = 1L << 13;

    /// <summary>Work items a parallel product is cut into at least (fixed: independent of the core count).</summary>
    private const int MinItems = 4;

    [ThreadStatic] private static GemmKernel? t_forcedKernel;

    /// <summary>The kernel tests force on the calling thread (null: the best the CPU accelerates).</summary>
    internal static GemmKernel? ForcedKernel
    {
        get => t_forcedKernel;
        set => t_forcedKernel = value;
    }

    /// <summary>
    /// The kernel for an (m, n) product: the widest this CPU accelerates; with AVX-512, the tile shape that
    /// pads C least (four vectors × 6 when even, as it runs faster: 64 × 6 floats for 2048², but 32 × 12 for
    /// the 200 × 50 forward product of the 3072-50-10 net at batch 200, where 64 rows would pad 200 to 256).
    /// </summary>
    internal static GemmKernel KernelFor<T>(int m, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector512.IsHardwareAccelerated)
            return Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmKernel.Avx2 : GemmKernel.Scalar;
        return Padded<T>(GemmKernel.Avx512Tall, m, n) <= Padded<T>(GemmKernel.Avx512Wide, m, n) ? GemmKernel.Avx512Tall : GemmKernel.Avx512Wide;
    }

    /// <summary>Elements of C a kernel computes for an (m, n) product, its rows and columns rounded up to whole tiles.</summary>
    private static long Padded<T>(GemmKernel kind, int m, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (mr, nr) = GemmKernels<T>.Tile(kind);
        return (long)((m + mr - 1) / mr * mr) * ((n + nr - 1) / nr * nr);
    }

    /// <summary>
    /// C (m, n) = op(A) (m, k) · op(B) (k, n), overwriting C. A is stored (m, k), or (k, m) when
    /// <paramref name="transA"/>; B is stored (k, n), or (n, k) when <paramref name="transB"/>; all
    /// column-major. C must not share storage with A or B.
    /// </summary>
    public static void Multiply<T>(T[] a, bool transA, T[] b, bool transB, T[] c, int m, int n, int k, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c.AsSpan(0, m * n).Clear();
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            long work = (long)m * n * k;
            if (work <= DirectWork || (ForcedKernel is null && m < 4))
                Direct(pa, transA, pb, transB, pc, m, n, k);
            else
                Blocked(ForcedKernel ?? KernelFor<T>(m, n), pa, transA, pb, transB, pc, m, n, k, maxThreads > 1 && work >= ParallelWork ? maxThreads : 1);
        }
    }

    /// <summary>Small products: the same fma chains without packing or threads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Direct<T>(T* a, bool transA, T* b, bool transB, T* c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
        {
            T* cj = c + (nint)j * m;
            if (!transA)
            {
                new Span<T>(cj, m).Clear();
                for (int p = 0; p < k; p++)
                {
                    T bpj = transB ? b[(nint)p * n + j] : b[(nint)j * k + p];
                    FmaAxpy(bpj, a + (nint)p * m, cj, m);
                }
            }
            else
            {
                for (int i = 0; i < m; i++)
                {
                    T* ai = a + (nint)i * k;
                    T s = T.Zero;
                    for (int p = 0; p < k; p++)
                        s = T.FusedMultiplyAdd(ai[p], transB ? b[(nint)p * n + j] : b[(nint)j * k + p], s);
                    cj[i] = s;
                }
            }
        }
    }

    /// <summary>y[i] = fma(x[i], s, y[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FmaAxpy<T>(T s, T* x, T* y, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(s);
            for (; i <= count - Vector256<T>.Count; i += Vector256<T>.Count)
                VectorFma.MultiplyAdd(Vector256.Load(x + i), vs, Vector256.Load(y + i)).Store(y + i);
        }
        for (; i < count; i++) y[i] = T.FusedMultiplyAdd(x[i], s, y[i]);
    }

    private static void Blocked<T>(GemmKernel kind, T* a, bool transA, T* b, bool transB, T* c, int m, int n, int k, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (mr, nr) = GemmKernels<T>.Tile(kind);
        var plan = Plan.For(m, n, k, mr, nr, KC<T>(), BPackBytes / sizeof(T), threads > 1);

        var bBuffer = Rent(ref Scratch<T>.BPack, plan.GroupK * n);
        var job = Scratch<T>.Job ?? new Job<T>(); // taken from the slot: a nested product on this thread makes its own
        Scratch<T>.Job = null;
        try
        {
            T* bp = Aligned(bBuffer);
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
            Scratch<T>.BPack = bBuffer;
            Scratch<T>.Job = job;
        }
    }

    /// <summary>Packs op(B)[pg .. pg+kg, :] as consecutive k-blocks of KC (each kc × n, panel by panel).</summary>
    private static void PackGroup<T>(T* b, bool transB, int k, int n, int pg, int kg, int nr, T* bp, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int panels = (n + nr - 1) / nr;
        // Chunks of panels are independent copies: split them over threads when the group is large.
        int chunks = threads > 1 && (long)kg * n >= 1 << 16 ? Math.Min(panels, 8) : 1;
        var job = Scratch<T>.PackJob ?? new PackJob<T>();
        Scratch<T>.PackJob = null;
        try
        {
            job.Set(b, transB, k, n, pg, kg, nr, bp, panels, chunks);
            ForkJoin.For(chunks, threads, job);
        }
        finally
        {
            Scratch<T>.PackJob = job;
        }
    }

    /// <summary>Packing of one k-group of op(B): item i packs the i-th chunk of its column panels.</summary>
    private sealed class PackJob<T> : IWorkItems where T : unmanaged, IFloatingPointIeee754<T>
    {
        private nint _b, _bp;
        private bool _transB;
        private int _k, _n, _pg, _kg, _nr, _panels, _chunks;

        public void Set(T* b, bool transB, int k, int n, int pg, int kg, int nr, T* bp, int panels, int chunks) =>
            (_b, _transB, _k, _n, _pg, _kg, _nr, _bp, _panels, _chunks) = ((nint)b, transB, k, n, pg, kg, nr, (nint)bp, panels, chunks);

        public void Run(int chunk)
        {
            int first = chunk * _panels / _chunks * _nr, last = Math.Min(_n, (chunk + 1) * _panels / _chunks * _nr);
            for (int pc = _pg; pc < _pg + _kg; pc += KC<T>())
            {
                int kc = Math.Min(KC<T>(), _pg + _kg - pc);
                T* block = (T*)_bp + (nint)(pc - _pg) * _n;
                GemmPacking.PackB((T*)_b, _k, _n, _transB, pc, kc, first, last - first, _nr, block + (nint)kc * first);
            }
        }
    }

    /// <summary>How a product is cut: k-group size and the grid of work items (depends on the shape only).</summary>
    private readonly record struct Plan(int GroupK, int RowPanels, int RowBlocks, int ColPanels, int ColBlocks)
    {
        /// <summary>The plan for tiles of mr × nr, k-blocks of kc and a packed op(B) of at most bBudget elements.</summary>
        public static Plan For(int m, int n, int k, int mr, int nr, int kc, int bBudget, bool parallel)
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
            int groupK = (long)k * n <= bBudget ? k : Math.Max(kc, bBudget / n / kc * kc);
            return new Plan(groupK, rowPanels, rowBlocks, colPanels, colBlocks);
        }
    }

    /// <summary>One k-group's work: item i is (row block, column block) of C, ordered column block first.</summary>
    private sealed class Job<T> : IWorkItems where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Named as the constructor parameters they were (Run reads as before); set anew for every k-group.
        private GemmKernel kind;
        private Plan plan;
        private bool transA;
        private int m, n, k, pg, kg, mr, nr;
        private nint _a, _bp, _c;

        public void Set(GemmKernel kind, Plan plan, T* aStore, bool transA, T* bPacked, T* cStore,
            int m, int n, int k, int pg, int kg, int mr, int nr)
        {
            (this.kind, this.plan, this.transA, this.m, this.n, this.k, this.pg, this.kg, this.mr, this.nr) = (kind, plan, transA, m, n, k, pg, kg, mr, nr);
            (_a, _bp, _c) = ((nint)aStore, (nint)bPacked, (nint)cStore);
        }

        [SkipLocalsInit] // the scratch tile is written before it is read: no zeroing per item
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
            var aBuffer = Rent(ref Scratch<T>.APack, paddedRows * Math.Min(KC<T>(), kg));
            T* tile = stackalloc T[GemmKernels<T>.MaxTileElements];
            try
            {
                T* ap = Aligned(aBuffer);
                T* a = (T*)_a, bp = (T*)_bp, c = (T*)_c;
                for (int pc = pg; pc < pg + kg; pc += KC<T>())
                {
                    int kc = Math.Min(KC<T>(), pg + kg - pc);
                    GemmPacking.PackA(a, m, k, transA, i0, rows, pc, kc, mr, ap);
                    bool accumulate = pc > 0;
                    T* block = bp + (nint)(pc - pg) * n;
                    for (int jj = j0; jj < j1; jj += nr)
                    {
                        int w = Math.Min(nr, n - jj);
                        T* panel = block + (nint)kc * jj;
                        T* cj = c + (nint)jj * m;
                        for (int ii = i0; ii < i1; ii += mr)
                        {
                            T* ai = ap + (nint)(ii - i0) * kc;
                            int h = Math.Min(mr, m - ii);
                            if (ii + mr < i1) PrefetchTile(cj + ii + mr, m, mr, w);
                            else if (jj + nr < j1) PrefetchTile(c + (nint)(jj + nr) * m + i0, m, mr, Math.Min(nr, n - jj - nr));
                            if (h == mr)
                            {
                                GemmKernels<T>.Run(kind, kc, w, ai, panel, cj + ii, m, accumulate);
                            }
                            else
                            {
                                // A partial tile runs full-height in a scratch tile; only its real rows are copied.
                                for (int q = 0; q < w; q++)
                                    for (int r = 0; r < mr; r++)
                                        tile[q * mr + r] = accumulate && r < h ? cj[(nint)q * m + ii + r] : T.Zero;
                                GemmKernels<T>.Run(kind, kc, w, ai, panel, tile, mr, accumulate);
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
                Scratch<T>.APack = aBuffer;
            }
        }
    }

    /// <summary>
    /// Asks for the next tile of C (every cache line of its columns: 24 lines for either AVX-512 shape) while
    /// this one is computed: its columns lie a whole column of C apart (8 KB at 2048 rows of floats), so the
    /// loads a micro-kernel starts with would each wait for memory. At 2048² with the 12-wide tile, 12
    /// interleaved rounds on this machine (AMD Zen 5): one thread 166 → 171 GFLOP/s in float32, 81 → 83 in
    /// float64; two threads 305 → 308 and 148 → 151 (medians). A prefetch never faults, so the rows past a
    /// partial tile's edge need no care.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile<T>(T* tile, int ldc, int rows, int width) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        int bytes = rows * sizeof(T);
        for (int q = 0; q < width; q++)
        {
            byte* column = (byte*)(tile + (nint)q * ldc);
            for (int line = 0; line < bytes; line += 64) Sse.Prefetch0(column + line);
        }
    }

    /// <summary>
    /// The calling thread's reusable buffers and work objects for elements T (one set per precision), so
    /// that a product allocates nothing once warm.
    /// </summary>
    private static class Scratch<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic] public static T[]? APack;
        [ThreadStatic] public static T[]? BPack;
        [ThreadStatic] public static Job<T>? Job;
        [ThreadStatic] public static PackJob<T>? PackJob;
    }

    /// <summary>
    /// A pinned scratch array of at least <paramref name="length"/> elements (plus room to align to 64
    /// bytes), taken from the thread's slot, which the caller refills when done; a nested call on the same
    /// thread finds the slot empty and allocates its own.
    /// </summary>
    private static T[] Rent<T>(ref T[]? slot, int length) where T : unmanaged
    {
        var buffer = slot;
        slot = null;
        int room = 64 / sizeof(T);
        if (buffer is null || buffer.Length < length + room)
            buffer = GC.AllocateUninitializedArray<T>(length + room, pinned: true);
        return buffer;
    }

    /// <summary>The first 64-byte aligned element of a pinned array.</summary>
    private static T* Aligned<T>(T[] pinned) where T : unmanaged
    {
        T* p = (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return p + ((64 - ((nint)p & 63)) & 63) / sizeof(T);
    }
}
