using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// What a loss compares the scores with: either one class index per example (softmax, SVM) or an (N, C)
/// matrix of 0/1 labels for multi-label outputs, where NaN marks a missing label (the lecture's "?").
/// An <c>int[]</c> converts implicitly.
/// </summary>
public sealed class Targets
{
    private Targets(int[]? classes, Matrix<double>? labels)
    {
        Classes = classes;
        Labels = labels;
    }

    /// <summary>One class index per example, or null for multi-label targets.</summary>
    public int[]? Classes { get; }

    /// <summary>(N, C) labels in {0, 1, NaN = missing}, or null for class targets.</summary>
    public Matrix<double>? Labels { get; }

    /// <summary>N, the number of examples.</summary>
    public int Count => Classes?.Length ?? Labels!.RowCount;

    public static Targets OfClasses(int[] classes) => new(classes ?? throw new ArgumentNullException(nameof(classes)), null);

    public static Targets OfLabels(Matrix<double> labels)
    {
        foreach (var v in labels.Data())
            if (!(double.IsNaN(v) || v == 0 || v == 1))
                throw new ArgumentException($"multi-label targets must be 0, 1 or NaN (missing), found {v}");
        return new(null, labels);
    }

    public static implicit operator Targets(int[] classes) => OfClasses(classes);

    /// <summary>The targets of the examples <paramref name="indices"/>, in that order.</summary>
    public Targets Rows(IReadOnlyList<int> indices)
    {
        if (Labels is not null) return new Targets(null, Labels.SelectRows(indices));
        var classes = new int[indices.Count];
        for (int k = 0; k < classes.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Classes!.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), $"example {i} is outside 0..{Classes.Length - 1}");
            classes[k] = Classes[i];
        }
        return new Targets(classes, null);
    }

    /// <summary>The class indices, or a clear error for multi-label targets.</summary>
    public int[] RequireClasses(string who) =>
        Classes ?? throw new ArgumentException($"{who} needs one class index per example, got multi-label targets");
}
