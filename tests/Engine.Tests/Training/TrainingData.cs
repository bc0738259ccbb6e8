using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Training;

/// <summary>Small data sets made in the tests (the engine's own data helpers are written elsewhere).</summary>
internal static class TrainingData
{
    /// <summary>
    /// cs231n's spiral: <paramref name="classes"/> arms of <paramref name="perClass"/> 2-D points each,
    /// r = linspace(0, 1), t = linspace(4j, 4(j + 1)) + 0.2·randn; x = (r sin t, r cos t).
    /// </summary>
    public static Dataset Spiral(int perClass, int classes, int seed)
    {
        var rng = new Rng(seed);
        int n = perClass * classes;
        var x = Mat.Zeros(n, 2);
        var d = x.Data();
        var y = new int[n];
        for (int j = 0; j < classes; j++)
        {
            for (int i = 0; i < perClass; i++)
            {
                int row = j * perClass + i;
                double r = perClass == 1 ? 0 : (double)i / (perClass - 1);
                double t = 4.0 * j + 4.0 * i / Math.Max(1, perClass - 1) + 0.2 * rng.Gaussian();
                d[row] = r * Math.Sin(t);
                d[n + row] = r * Math.Cos(t);
                y[row] = j;
            }
        }
        return new Dataset("spiral", x, y);
    }

    /// <summary>N rows of unit-Gaussian D-dim data with labels uniform in 0..C-1 (CIFAR-shaped when D = 3072, C = 10).</summary>
    public static Dataset Gaussian(int n, int features, int classes, int seed)
    {
        var rng = new Rng(seed);
        var x = Mat.Gaussian(n, features, rng);
        var y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.NextInt(classes);
        // Make sure every class name exists even if a small sample misses the last class.
        return new Dataset("gaussian", x, y, Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray());
    }
}
