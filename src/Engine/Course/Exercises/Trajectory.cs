using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>The weights an optimiser visits from W₀ with a sequence of gradients: what the optimiser checks compare.</summary>
internal static class Trajectory
{
    /// <summary>W after each step of the engine's <paramref name="optimizer"/> (fresh state).</summary>
    public static Matrix<double>[] Engine(IOptimizer optimizer, Matrix<double> w0, Matrix<double>[] gradients, double lr)
    {
        var p = new Parameter("W", w0.Clone(), regularized: true);
        var result = new Matrix<double>[gradients.Length];
        for (int s = 0; s < gradients.Length; s++)
        {
            gradients[s].Data().CopyTo(p.Grad.Data(), 0);
            optimizer.Step([p], lr);
            result[s] = p.Value.Clone();
        }
        return result;
    }

    /// <summary>Random weights and gradients (rows, cols) for <paramref name="steps"/> steps.</summary>
    public static (Matrix<double> W0, Matrix<double>[] Gradients) Random(int rows, int cols, int steps, Rng rng) =>
        (Mat.Gaussian(rows, cols, rng), Enumerable.Range(0, steps).Select(_ => Mat.Gaussian(rows, cols, rng)).ToArray());

    /// <summary>The learner's returned matrix, checked for null and shape (a case problem otherwise).</summary>
    public static Matrix<double> Checked(Matrix<double>? m, Matrix<double> like, string what)
    {
        var d = Elementwise.Required(m, what);
        if (d.RowCount != like.RowCount || d.ColumnCount != like.ColumnCount)
            throw new CaseProblem($"{what} has shape {d.Shape()}, expected {like.Shape()}");
        return d;
    }
}
