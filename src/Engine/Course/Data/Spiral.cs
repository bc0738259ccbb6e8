using NotebookDL.Tensors;

namespace NotebookDL.Data;

/// <summary>
/// The cs231n spiral: K arms of N points in 2-D that no linear classifier separates but a one-hidden-layer
/// net does. Built exactly as the course's numpy snippet, class by class:
/// <code>
/// r = linspace(0, 1, N)                                  # radius
/// t = linspace(j*4, (j+1)*4, N) + randn(N) * 0.2        # angle, with noise
/// X[j*N:(j+1)*N] = c_[r*sin(t), r*cos(t)];  y = j
/// </code>
/// (the draws come from <see cref="Rng"/>, not numpy, so the points are the course's in distribution, not bit for bit).
/// </summary>
public static class Spiral
{
    /// <summary>
    /// X (N·K, 2) with rows grouped by class (class 0 first), labels 0..K-1, class names "0".."K-1".
    /// </summary>
    /// <param name="pointsPerClass">N, points per arm (≥ 1; the course uses 100).</param>
    /// <param name="classes">K, the number of arms (≥ 2; the course uses 3).</param>
    /// <param name="seed">Seed of the angle noise: the same seed gives the same points bit for bit.</param>
    /// <param name="noise">Standard deviation of the angle noise in radians (≥ 0; the course uses 0.2).</param>
    public static Dataset Create(int pointsPerClass = 100, int classes = 3, int seed = 0, double noise = 0.2)
    {
        if (pointsPerClass < 1)
            throw new ArgumentOutOfRangeException(nameof(pointsPerClass), pointsPerClass, $"pointsPerClass must be >= 1, got {pointsPerClass}");
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"a spiral needs classes >= 2, got {classes}");
        if (!(noise >= 0) || double.IsInfinity(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"noise must be a finite number >= 0, got {noise}");

        int n = pointsPerClass, total = checked(n * classes);
        var rng = new Rng(seed);
        var x = Mat.Zeros(total, 2);
        var data = x.Data();
        var labels = new int[total];
        for (int j = 0; j < classes; j++)
        {
            for (int k = 0; k < n; k++)
            {
                int i = j * n + k;
                double r = Linspace(0.0, 1.0, n, k);
                double t = Linspace(j * 4.0, (j + 1) * 4.0, n, k) + rng.Gaussian() * noise;
                data[i] = r * Math.Sin(t);          // column 0
                data[total + i] = r * Math.Cos(t);  // column 1
                labels[i] = j;
            }
        }
        return new Dataset($"spiral ({classes} classes × {n})", x, labels);
    }

    /// <summary>numpy's linspace(start, stop, n)[k]: evenly spaced, both ends included (just start when n = 1).</summary>
    private static double Linspace(double start, double stop, int n, int k) =>
        n == 1 ? start : k == n - 1 ? stop : start + k * (stop - start) / (n - 1);
}
