namespace NotebookDL.Probes;

/// <summary>
/// Counts of values in <see cref="Bins"/> equal-width bins over [<see cref="Low"/>, <see cref="High"/>]:
/// what the lecture plots for each layer's activations. Values outside the range are counted in the
/// first or last bin, so the counts always add up to the number of values.
/// </summary>
public sealed record Histogram(double Low, double High, IReadOnlyList<long> Counts)
{
    public int Bins => Counts.Count;
    public double BinWidth => (High - Low) / Bins;

    /// <summary>The number of values counted.</summary>
    public long Total => Counts.Sum();

    /// <summary>The centre of bin <paramref name="bin"/>.</summary>
    public double BinCenter(int bin) => Low + (bin + 0.5) * BinWidth;

    /// <summary>The histogram of <paramref name="values"/> (NaN values are not counted).</summary>
    public static Histogram Of(ReadOnlySpan<double> values, double low, double high, int bins)
    {
        if (bins <= 0) throw new ArgumentOutOfRangeException(nameof(bins), $"a histogram needs at least one bin, got {bins}");
        if (!(high > low) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"a histogram needs a finite range with low < high, got [{low}, {high}]");
        var counts = new long[bins];
        double scale = bins / (high - low);
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            double position = (v - low) * scale; // may be ±∞ for ±∞ values: clamped below
            int bin = position <= 0 ? 0 : position >= bins ? bins - 1 : (int)position;
            counts[bin]++;
        }
        return new Histogram(low, high, counts);
    }
}
