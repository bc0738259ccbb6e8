using System.Numerics;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary><see cref="ElementwiseTests{T}"/> in double precision.</summary>
public class ElementwiseFloat64Tests : ElementwiseTests<double>;

/// <summary><see cref="ElementwiseTests{T}"/> in single precision.</summary>
public class ElementwiseFloat32Tests : ElementwiseTests<float>;

/// <summary>
/// The element-wise driver runs an operation's vector form over whole vectors and its scalar form on the
/// tail: an element gets the same bits wherever it sits in an array, and the output may be an input. One body
/// of tests for both precisions, run by the two classes above.
/// </summary>
public abstract class ElementwiseTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A deliberately wrong pair of forms (+2 as vectors, +1 alone), to see which form ran where.</summary>
    private readonly struct Marks : IElementwise<T>
    {
        public T Apply(T x) => x + T.One;
        public Vector<T> Apply(Vector<T> x) => x + new Vector<T>(C(2));
    }

    /// <summary>An Adam-shaped update: divisions and a square root, correctly rounded in both forms.</summary>
    private readonly struct Rule(T lr) : IElementwiseUpdate2<T>
    {
        public void Apply(ref T w, T g, ref T m, ref T v)
        {
            m = C(0.9) * m + C(0.1) * g;
            v = C(0.999) * v + C(0.001) * g * g;
            w -= lr * (m / C(0.19)) / (T.Sqrt(v / C(0.0019)) + C(1e-8));
        }

        public void Apply(ref Vector<T> w, Vector<T> g, ref Vector<T> m, ref Vector<T> v)
        {
            m = new Vector<T>(C(0.9)) * m + new Vector<T>(C(0.1)) * g;
            v = new Vector<T>(C(0.999)) * v + new Vector<T>(C(0.001)) * g * g;
            w -= new Vector<T>(lr) * (m / new Vector<T>(C(0.19))) / (Vector.SquareRoot(v / new Vector<T>(C(0.0019))) + new Vector<T>(C(1e-8)));
        }
    }

    private readonly struct Product : IElementwise3<T>
    {
        public T Apply(T a, T b, T c) => a * b / (c + C(3));
        public Vector<T> Apply(Vector<T> a, Vector<T> b, Vector<T> c) => a * b / (c + new Vector<T>(C(3)));
    }

    private static T C(double value) => T.CreateTruncating(value);

    private static T[] Gaussians(Rng rng, int count, double scale = 1) => Enumerable.Range(0, count).Select(_ => C(scale * rng.Gaussian())).ToArray();

    private static bool SameBits(ReadOnlySpan<T> a, ReadOnlySpan<T> b) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(11)]
    [InlineData(37)]
    public void The_vector_form_runs_over_whole_vectors_and_the_scalar_form_on_the_tail(int length)
    {
        var y = new T[length];
        Elementwise.Map(new T[length], y, new Marks());
        int vectors = Vector.IsHardwareAccelerated ? length / Vector<T>.Count * Vector<T>.Count : 0;
        Assert.All(y[..vectors], v => Assert.Equal(C(2), v));
        Assert.All(y[vectors..], v => Assert.Equal(T.One, v));
    }

    [Fact]
    public void An_update_gives_every_element_the_bits_it_gets_alone_whatever_the_length_and_position()
    {
        var rng = new Rng(5);
        var g = Gaussians(rng, 40);
        var start = Gaussians(rng, 40);
        for (int offset = 0; offset < 5; offset++)
        {
            for (int length = 1; offset + length <= g.Length; length += 3)
            {
                var (w, m, v) = (start[offset..(offset + length)], new T[length], new T[length]);
                for (int step = 0; step < 3; step++) Elementwise.Update(w, g.AsSpan(offset, length), m, v, new Rule(C(1e-2)));
                for (int k = 0; k < length; k++)
                {
                    var (wk, mk, vk) = (new[] { start[offset + k] }, new T[1], new T[1]); // the scalar form alone
                    for (int step = 0; step < 3; step++) Elementwise.Update(wk, g.AsSpan(offset + k, 1), mk, vk, new Rule(C(1e-2)));
                    Assert.True(SameBits(wk, w.AsSpan(k, 1)), $"w[{k}] of {length} from {offset}");
                    Assert.True(SameBits(vk, v.AsSpan(k, 1)), $"v[{k}] of {length} from {offset}");
                }
            }
        }
    }

    [Fact]
    public void The_output_may_be_one_of_the_inputs()
    {
        var rng = new Rng(6);
        var (a, b, c) = (Gaussians(rng, 23), Gaussians(rng, 23), Gaussians(rng, 23));
        var expected = new T[23];
        Elementwise.Map(a, b, c, expected, new Product());
        Elementwise.Map(a, b, c, c, new Product());
        Assert.Equal(expected, c);
    }

    [Fact]
    public void Operands_of_different_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Elementwise.Map(new T[5], new T[4], new Marks()));
        Assert.Contains("4 elements, an input 5", e.Message);
        Assert.Throws<ArgumentException>(() => Elementwise.Update(new T[5], new T[5], new T[5], new T[6], new Rule(T.One)));
    }

    [Fact]
    public void Chunks_on_two_threads_give_the_bits_of_one_pass_and_a_small_array_is_one_call()
    {
        var rng = new Rng(7);
        var x = Gaussians(rng, 5 * 32768 + 3, scale: 4);
        var whole = new T[x.Length];
        VectorMath.Tanh<T>(x, whole);
        using var _ = Ops.UseThreads(2);
        var chunked = new T[x.Length];
        int calls = 0;
        Elementwise.InChunks(x, chunked, (xs, ys) => { Interlocked.Increment(ref calls); VectorMath.Tanh(xs, ys); });
        Assert.Equal(6, calls);
        Assert.True(SameBits(whole, chunked));
        calls = 0;
        Elementwise.InChunks(new T[3 * 32768], new T[3 * 32768], (xs, ys) => calls++);
        Assert.Equal(1, calls); // three chunks are not worth a second thread
    }

    [Fact]
    public void Maps_and_updates_allocate_nothing()
    {
        var (a, b, c, z) = (new T[1001], new T[1001], new T[1001], new T[1001]);
        void Pass()
        {
            Elementwise.Map(a, z, new Marks());
            Elementwise.Map(a, b, c, z, new Product());
            Elementwise.Update(z, a, b, c, new Rule(C(1e-3)));
            VectorMath.Tanh<T>(a, z);
        }
        Pass();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Pass();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
