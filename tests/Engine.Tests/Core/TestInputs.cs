using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Core;

/// <summary>Inputs and assertions the gradient-check tests share.</summary>
internal static class TestInputs
{
    /// <summary>randn (N, D) with every |value| at least <paramref name="gap"/>: no element within h of a ReLU kink at 0.</summary>
    public static Matrix<double> AwayFromZero(int n, int d, Rng rng, double gap = 0.1)
    {
        var x = Mat.Gaussian(n, d, rng);
        var data = x.Data();
        for (int k = 0; k < data.Length; k++) data[k] += data[k] >= 0 ? gap : -gap;
        return x;
    }

    /// <summary>Fills a parameter with N(mean, scale²) draws (a trained-looking gamma, beta, bias ...).</summary>
    public static void Randomize(Matrix<double> value, Rng rng, double mean = 0, double scale = 1)
    {
        var data = value.Data();
        for (int k = 0; k < data.Length; k++) data[k] = mean + scale * rng.Gaussian();
    }

    /// <summary>Prints the report and asserts that every tensor passed.</summary>
    public static void AssertPasses(GradientCheckReport report, ITestOutputHelper output)
    {
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }
}
