namespace NotebookDL.Tensors;

/// <summary>
/// A seeded random source: uniform and Gaussian draws. Everything random in the engine takes one, so a
/// seed reproduces a run bit for bit. <see cref="System.Random"/> with a seed uses a fixed, documented
/// algorithm, so the stream does not change between runtime versions.
/// </summary>
public sealed class Rng
{
    private readonly Random _random;
    private double? _spareGaussian;

    public Rng(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The seed this source was created with.</summary>
    public int Seed { get; }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Uniform in [low, high).</summary>
    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int NextInt(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    /// <summary>A draw from N(0, 1) (numpy's <c>randn</c>), by the Marsaglia polar method.</summary>
    public double Gaussian()
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * _random.NextDouble() - 1;
            v = 2 * _random.NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>A random permutation of 0..n-1 (Fisher-Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle(p);
        return p;
    }

    /// <summary>Shuffles in place (Fisher-Yates).</summary>
    public void Shuffle<T>(T[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A new independent source whose seed is drawn from this one (for sub-components).</summary>
    public Rng Split() => new(_random.Next());
}
