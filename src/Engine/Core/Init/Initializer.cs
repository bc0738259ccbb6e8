using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Init;

/// <summary>
/// How a weight matrix W (fan_in, fan_out) starts. The lecture's choices: zeros (no learning: every unit
/// computes the same thing), 0.01 * randn ("small": activations shrink to zero in deep nets), 1.0 * randn
/// ("large": tanh units saturate), Xavier/Glorot (Glorot and Bengio 2010) and He (He et al. 2015, for ReLU).
/// </summary>
public abstract record Initializer
{
    /// <summary>A (fanIn, fanOut) weight matrix drawn from this initialiser.</summary>
    public abstract Matrix<double> Create(int fanIn, int fanOut, Rng rng);

    /// <summary>The standard deviation of the weights this initialiser draws for a layer (for tables).</summary>
    public abstract double Std(int fanIn, int fanOut);

    /// <summary>W = 0.</summary>
    public static Initializer Zeros { get; } = new ZerosInit();

    /// <summary>W = 0.01 * randn.</summary>
    public static Initializer Small { get; } = new GaussianInit(0.01);

    /// <summary>W = 1.0 * randn.</summary>
    public static Initializer Large { get; } = new GaussianInit(1.0);

    /// <summary>W = scale * randn, for a finite scale &gt;= 0.</summary>
    public static Initializer Gaussian(double scale) =>
        double.IsFinite(scale) && scale >= 0
            ? new GaussianInit(scale)
            : throw new ArgumentOutOfRangeException(nameof(scale), $"init scale must be a finite number >= 0, got {scale}");

    /// <summary>Xavier/Glorot uniform: W ~ U(-sqrt(6/(fan_in+fan_out)), +sqrt(6/(fan_in+fan_out))).</summary>
    public static Initializer XavierUniform { get; } = new XavierUniformInit();

    /// <summary>Xavier normal as cs231n writes it: W = randn / sqrt(fan_in).</summary>
    public static Initializer XavierNormal { get; } = new XavierNormalInit();

    /// <summary>He et al. 2015 for ReLU: W = randn * sqrt(2 / fan_in).</summary>
    public static Initializer He { get; } = new HeInit();

    /// <summary>The names <see cref="Parse"/> accepts: <see cref="InitializerRegistry"/>'s and "gaussian:&lt;scale&gt;".</summary>
    public static IReadOnlyList<string> Names => [.. InitializerRegistry.Names, "gaussian:<scale>"];

    /// <summary>
    /// The name <see cref="Parse"/> turns back into this initialiser exactly: a registered one's name, or
    /// "gaussian:&lt;scale&gt;" with the scale written to round-trip. Null for one that is neither (a learner's own).
    /// </summary>
    public string? ParseName => this is GaussianInit g
        ? "gaussian:" + g.Scale.ToString("R", CultureInfo.InvariantCulture)
        : InitializerRegistry.Entries.FirstOrDefault(e => e.Initializer == this)?.Name;

    /// <summary>
    /// Reads a name of <see cref="InitializerRegistry"/> ("zeros", "small" (0.01), "large" (1.0), "xavier"
    /// (uniform), "xavier-normal", "he", ...), "gaussian:0.05" or a bare scale such as "0.05".
    /// </summary>
    public static Initializer Parse(string name)
    {
        if (InitializerRegistry.Find(name) is { } entry) return entry.Initializer;
        var key = name.Trim().ToLowerInvariant();
        var scaleText = key.StartsWith("gaussian:", StringComparison.Ordinal) ? key["gaussian:".Length..] : key;
        if (double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale))
        {
            if (!double.IsFinite(scale) || scale < 0)
                throw new ArgumentException($"init scale must be a finite number >= 0, got '{name}'");
            return Gaussian(scale);
        }
        throw new ArgumentException($"unknown init '{name}': use one of {string.Join(", ", Names)}");
    }

    /// <summary>A weight matrix has at least one row and one column (fan_in and fan_out &gt; 0).</summary>
    private static void CheckFans(int fanIn, int fanOut)
    {
        if (fanIn <= 0 || fanOut <= 0)
            throw new ArgumentOutOfRangeException(nameof(fanIn), $"a weight matrix needs fan_in > 0 and fan_out > 0, got ({fanIn}, {fanOut})");
    }

    private sealed record ZerosInit : Initializer
    {
        public override Matrix<double> Create(int fanIn, int fanOut, Rng rng)
        {
            CheckFans(fanIn, fanOut);
            return Mat.Zeros(fanIn, fanOut);
        }

        public override double Std(int fanIn, int fanOut)
        {
            CheckFans(fanIn, fanOut);
            return 0;
        }

        public override string ToString() => "zeros";
    }

    private sealed record GaussianInit(double Scale) : Initializer
    {
        public override Matrix<double> Create(int fanIn, int fanOut, Rng rng)
        {
            CheckFans(fanIn, fanOut);
            return Mat.Gaussian(fanIn, fanOut, rng, Scale);
        }

        public override double Std(int fanIn, int fanOut)
        {
            CheckFans(fanIn, fanOut);
            return Scale;
        }

        public override string ToString() => Scale switch
        {
            0.01 => "small (0.01·randn)",
            1.0 => "large (1.0·randn)",
            _ => $"{Scale.ToString("G4", CultureInfo.InvariantCulture)}·randn",
        };
    }

    private sealed record XavierUniformInit : Initializer
    {
        public override Matrix<double> Create(int fanIn, int fanOut, Rng rng)
        {
            CheckFans(fanIn, fanOut);
            double limit = Math.Sqrt(6.0 / ((double)fanIn + fanOut));
            return Mat.Uniform(fanIn, fanOut, rng, -limit, limit);
        }

        public override double Std(int fanIn, int fanOut)
        {
            CheckFans(fanIn, fanOut);
            return Math.Sqrt(2.0 / ((double)fanIn + fanOut));
        }

        public override string ToString() => "xavier (uniform ±√(6/(fan_in+fan_out)))";
    }

    private sealed record XavierNormalInit : Initializer
    {
        public override Matrix<double> Create(int fanIn, int fanOut, Rng rng) => Mat.Gaussian(fanIn, fanOut, rng, Std(fanIn, fanOut));

        public override double Std(int fanIn, int fanOut)
        {
            CheckFans(fanIn, fanOut);
            return 1.0 / Math.Sqrt(fanIn);
        }

        public override string ToString() => "xavier-normal (randn/√fan_in)";
    }

    private sealed record HeInit : Initializer
    {
        public override Matrix<double> Create(int fanIn, int fanOut, Rng rng) => Mat.Gaussian(fanIn, fanOut, rng, Std(fanIn, fanOut));

        public override double Std(int fanIn, int fanOut)
        {
            CheckFans(fanIn, fanOut);
            return Math.Sqrt(2.0 / fanIn);
        }

        public override string ToString() => "he (randn·√(2/fan_in))";
    }
}
