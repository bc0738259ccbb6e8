using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Core;

/// <summary>
/// The lecture's loss values, and every loss finite (value and dScores) for scores of ±1e4, where a naive
/// e^s or log σ(s) overflows or takes log 0.
/// </summary>
public sealed class LossExtremesTests
{
    // cs231n's three training images (cat, car, frog) and their class scores for cat, car, frog.
    private static readonly double[][] CatCarFrog = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]];
    private static readonly int[] Truth = [0, 1, 2];

    [Fact]
    public void Svm_loss_of_the_lectures_cat_car_frog_scores_is_2_9_0_12_9_mean_5_27()
    {
        var svm = new MulticlassSvm();
        var perImage = Enumerable.Range(0, 3).Select(i => svm.Compute(Mat.Row(CatCarFrog[i]), new[] { Truth[i] }).Loss).ToArray();
        Assert.Equal([2.9, 0, 12.9], perImage.Select(l => Math.Round(l, 1)));
        var batch = svm.Compute(Mat.OfRows(CatCarFrog), Truth);
        Assert.Equal(5.27, Math.Round(batch.Loss, 2));
        // The cat image: only car's margin 5.1 - 3.2 + 1 is active, so dScores = (+1 for car, -1 for cat) / N.
        Assert.Equal([-1.0 / 3, 1.0 / 3, 0], batch.DScores.Row(0).ToArray());
    }

    [Theory]
    [InlineData(1e4)]
    [InlineData(-1e4)]
    public void Svm_loss_of_cat_car_frog_shifted_by_plus_minus_1e4_is_still_5_27(double shift)
    {
        // The hinge sees only differences s_j - s_y: adding the same 1e4 to every score changes nothing.
        var scores = Mat.OfRows(CatCarFrog.Select(row => row.Select(s => s + shift).ToArray()).ToArray());
        var shifted = new MulticlassSvm().Compute(scores, Truth);
        var plain = new MulticlassSvm().Compute(Mat.OfRows(CatCarFrog), Truth);
        Assert.Equal(5.27, Math.Round(shifted.Loss, 2));
        Assert.Equal(plain.Loss, shifted.Loss, 9);
        Assert.Equal(plain.DScores.ToArray(), shifted.DScores.ToArray());
    }

    [Fact]
    public void Svm_loss_and_gradient_are_finite_for_scores_of_plus_minus_1e4()
    {
        var scores = Mat.OfRows([1e4, -1e4, 0], [-1e4, 1e4, 1e4]);
        int[] y = [1, 0]; // both true classes at -1e4
        var result = new MulticlassSvm().Compute(scores, y);
        // Σ_{j≠y} max(0, s_j - s_y + 1): (2e4 + 1) + (1e4 + 1) for the first, (2e4 + 1) twice for the second.
        double expected = ((2e4 + 1) + (1e4 + 1) + (2e4 + 1) + (2e4 + 1)) / 2;
        Assert.Equal(expected, result.Loss);
        Assert.True(result.DScores.AllFinite());
        Assert.Equal([0.5, -1, 0.5], result.DScores.Row(0).ToArray()); // every margin active: +1/N each, -2/N on the true class
        // A true class 1e4 above the rest costs nothing; a tie at 1e4 costs exactly the margin Δ = 1.
        Assert.Equal(0.0, new MulticlassSvm().Compute(Mat.Row(1e4, -1e4, 0), new[] { 0 }).Loss);
        Assert.Equal(1.0, new MulticlassSvm().Compute(Mat.Row(-1e4, 1e4, 1e4), new[] { 1 }).Loss);
    }

    [Fact]
    public void Sigmoid_cross_entropy_of_a_score_0_is_log_2_per_label()
    {
        // σ(0) = 0.5: the logistic loss -[y log ŷ + (1 - y) log(1 - ŷ)] is log 2 whatever y is.
        var result = new SigmoidCrossEntropy().Compute(Mat.Row(0, 0), Targets.OfLabels(Mat.Row(1, 0)));
        Assert.Equal(2 * Math.Log(2), result.Loss, 15);
        Assert.Equal([-0.5, 0.5], result.DScores.Row(0).ToArray()); // σ(s) - y
    }

    [Fact]
    public void Sigmoid_cross_entropy_and_its_gradient_are_finite_for_scores_of_plus_minus_1e4()
    {
        // Naively log σ(-1e4) = log 0 = -∞ and 0·log 0 = NaN; the stable max(s, 0) - s·y + log(1 + e^-|s|) gives:
        // right and sure (0), wrong and sure (1e4), and a missing label (skipped).
        double q = double.NaN;
        var scores = Mat.OfRows([1e4, -1e4], [-1e4, 1e4]);
        var labels = Targets.OfLabels(Mat.OfRows([1, 0], [1, q]));
        var result = new SigmoidCrossEntropy().Compute(scores, labels);
        Assert.Equal((0 + 0 + 1e4) / 2, result.Loss);
        Assert.True(result.DScores.AllFinite());
        // (σ(s) - y) / N: 0 where the score is right, -1/2 where σ(-1e4) = 0 but y = 1, 0 for the missing label.
        Assert.Equal([0.0, 0, -0.5, 0], result.DScores.ToRowMajorArray());
    }
}
