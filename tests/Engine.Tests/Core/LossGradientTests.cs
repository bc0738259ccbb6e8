using NotebookDL.Losses;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using Xunit.Abstractions;
using static NotebookDL.Tests.Core.TestInputs;

namespace NotebookDL.Tests.Core;

/// <summary>Every loss's dScores against centred differences of its value (h = 1e-5, relative error below 1e-7).</summary>
public sealed class LossGradientTests(ITestOutputHelper output)
{
    [Fact]
    public void Softmax_cross_entropy_passes_the_gradient_check_on_dScores()
    {
        var rng = new Rng(50);
        var scores = Mat.Gaussian(5, 4, rng);
        int[] y = [0, 3, 1, 2, 1];
        AssertPasses(GradientCheck.Loss(new SoftmaxCrossEntropy(), scores, y), output);
    }

    [Fact]
    public void Multiclass_svm_passes_the_gradient_check_on_dScores_away_from_its_margins()
    {
        var rng = new Rng(51);
        var scores = Mat.Gaussian(5, 4, rng);
        int[] y = [2, 0, 3, 1, 2];
        var svm = new MulticlassSvm();
        MoveAwayFromMargins(scores, y, svm.Margin, gap: 0.05);
        var report = GradientCheck.Loss(svm, scores, y);
        AssertPasses(report, output);
        // Some margins are active and some are not, so both branches of the hinge were checked.
        var d = svm.Compute(scores, y).DScores;
        Assert.Contains(d.Enumerate(), v => v > 0);
        Assert.Contains(d.Enumerate(), v => v == 0);
    }

    [Fact]
    public void Sigmoid_cross_entropy_with_missing_labels_passes_the_gradient_check_on_dScores()
    {
        var rng = new Rng(52);
        var scores = Mat.Gaussian(5, 4, rng, scale: 2);
        double q = double.NaN;
        var labels = Mat.OfRows([1, 0, q, 1], [0, q, 1, 0], [q, q, 0, 1], [1, 1, 1, q], [0, 0, q, 0]);
        var report = GradientCheck.Loss(new SigmoidCrossEntropy(), scores, Targets.OfLabels(labels));
        AssertPasses(report, output);
        // A missing label contributes nothing: its gradient is exactly zero.
        var d = new SigmoidCrossEntropy().Compute(scores, Targets.OfLabels(labels)).DScores;
        Assert.Equal(0.0, d[0, 2]);
        Assert.Equal(0.0, d[2, 0]);
    }

    /// <summary>Shifts wrong-class scores until every s_j - s_y + Δ is at least <paramref name="gap"/> from 0 (the hinge's kink).</summary>
    private static void MoveAwayFromMargins(MathNet.Numerics.LinearAlgebra.Matrix<double> s, int[] y, double delta, double gap)
    {
        for (int i = 0; i < s.RowCount; i++)
            for (int j = 0; j < s.ColumnCount; j++)
                while (j != y[i] && Math.Abs(s[i, j] - s[i, y[i]] + delta) < gap)
                    s[i, j] += gap;
    }
}
