using System.Numerics;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>
/// The element-wise driver runs an operation's vector form over whole vectors and its scalar form on the
/// tail: an element gets the same bits wherever it sits in an array, and the output may be an input.
/// </summary>
public class ElementwiseTests
{
    /// <summary>A deliberately wrong pair of forms (+2 as vectors, +1 alone), to see which form ran where.</summary>
    private readonly struct Marks : IElementwise
    {
        public double Apply(double x) => x + 1;
        public Vector<double> Apply(Vector<double> x) => x + new Vector<double>(2);
    }

    /// <summary>An Adam-shaped update: divisions and a square root, correctly rounded in both forms.</summary>
    private readonly struct Rule(double lr) : IElementwiseUpdate2
    {
        public void Apply(ref double w, double g, ref double m, ref double v)
        {
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            w -= lr * (m / 0.19) / (Math.Sqrt(v / 0.0019) + 1e-8);
        }

        public void Apply(ref Vector<double> w, Vector<double> g, ref Vector<double> m, ref Vector<double> v)
        {
            m = new Vector<double>(0.9) * m + new Vector<double>(0.1) * g;
            v = new Vector<double>(0.999) * v + new Vector<double>(0.001) * g * g;
            w -= new Vector<double>(lr) * (m / new Vector<double>(0.19)) / (Vector.SquareRoot(v / new Vector<double>(0.0019)) + new Vector<double>(1e-8));
        }
    }

    private readonly struct Product : IElementwise3
    {
        public double Apply(double a, double b, double c) => a * b / (c + 3);
        public Vector<double> Apply(Vector<double> a, Vector<double> b, Vector<double> c) => a * b / (c + new Vector<double>(3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(11)]
    [InlineData(37)]
    public void The_vector_form_runs_over_whole_vectors_and_the_scalar_form_on_the_tail(int length)
    {
        var y = new double[length];
        Elementwise.Map(new double[length], y, new Marks());
        int vectors = Vector.IsHardwareAccelerated ? length / Vector<double>.Count * Vector<double>.Count : 0;
        Assert.All(y[..vectors], v => Assert.Equal(2, v));
        Assert.All(y[vectors..], v => Assert.Equal(1, v));
    }

    [Fact]
    public void An_update_gives_every_element_the_bits_it_gets_alone_whatever_the_length_and_position()
    {
        var rng = new Rng(5);
        var g = Enumerable.Range(0, 40).Select(_ => rng.Gaussian()).ToArray();
        var start = Enumerable.Range(0, 40).Select(_ => rng.Gaussian()).ToArray();
        for (int offset = 0; offset < 5; offset++)
        {
            for (int length = 1; offset + length <= g.Length; length += 3)
            {
                var (w, m, v) = (start[offset..(offset + length)], new double[length], new double[length]);
                for (int step = 0; step < 3; step++) Elementwise.Update(w, g.AsSpan(offset, length), m, v, new Rule(1e-2));
                for (int k = 0; k < length; k++)
                {
                    var (wk, mk, vk) = (new[] { start[offset + k] }, new double[1], new double[1]); // the scalar form alone
                    for (int step = 0; step < 3; step++) Elementwise.Update(wk, g.AsSpan(offset + k, 1), mk, vk, new Rule(1e-2));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(wk[0]), BitConverter.DoubleToInt64Bits(w[k]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(vk[0]), BitConverter.DoubleToInt64Bits(v[k]));
                }
            }
        }
    }

    [Fact]
    public void The_output_may_be_one_of_the_inputs()
    {
        var rng = new Rng(6);
        var a = Enumerable.Range(0, 23).Select(_ => rng.Gaussian()).ToArray();
        var b = Enumerable.Range(0, 23).Select(_ => rng.Gaussian()).ToArray();
        var c = Enumerable.Range(0, 23).Select(_ => rng.Gaussian()).ToArray();
        var expected = new double[23];
        Elementwise.Map(a, b, c, expected, new Product());
        Elementwise.Map(a, b, c, c, new Product());
        Assert.Equal(expected, c);
    }

    [Fact]
    public void Operands_of_different_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Elementwise.Map(new double[5], new double[4], new Marks()));
        Assert.Contains("4 elements, an input 5", e.Message);
        Assert.Throws<ArgumentException>(() => Elementwise.Update(new double[5], new double[5], new double[5], new double[6], new Rule(1)));
    }

    [Fact]
    public void Chunks_on_two_threads_give_the_bits_of_one_pass_and_a_small_array_is_one_call()
    {
        var rng = new Rng(7);
        var x = Enumerable.Range(0, 5 * 32768 + 3).Select(_ => 4 * rng.Gaussian()).ToArray();
        var whole = new double[x.Length];
        VectorMath.Tanh(x, whole);
        int threads = Ops.MaxThreads;
        try
        {
            Ops.MaxThreads = 2;
            var chunked = new double[x.Length];
            int calls = 0;
            Elementwise.InChunks(x, chunked, (xs, ys) => { Interlocked.Increment(ref calls); VectorMath.Tanh(xs, ys); });
            Assert.Equal(6, calls);
            Assert.Equal(whole.Select(BitConverter.DoubleToInt64Bits), chunked.Select(BitConverter.DoubleToInt64Bits));
            calls = 0;
            Elementwise.InChunks(new double[3 * 32768], new double[3 * 32768], (xs, ys) => calls++);
            Assert.Equal(1, calls); // three chunks are not worth a second thread
        }
        finally
        {
            Ops.MaxThreads = threads;
        }
    }

    [Fact]
    public void Maps_and_updates_allocate_nothing()
    {
        var (a, b, c, z) = (new double[1001], new double[1001], new double[1001], new double[1001]);
        void Pass()
        {
            Elementwise.Map(a, z, new Marks());
            Elementwise.Map(a, b, c, z, new Product());
            Elementwise.Update(z, a, b, c, new Rule(1e-3));
            VectorMath.Tanh(a, z);
        }
        Pass();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Pass();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
