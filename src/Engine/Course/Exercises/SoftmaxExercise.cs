using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>Softmax of a batch of scores, row by row: the lecture's t = e^z, a = t / Σt, made stable.</summary>
internal sealed class SoftmaxExercise : Exercise<Func<Matrix<double>, Matrix<double>>>
{
    public override string Name => "softmax";
    public override string Title => "softmax of a batch of scores, row by row";
    public override string Topic => "softmax";
    public override string Signature => "Matrix<double> Softmax(Matrix<double> scores)   // scores (N, C) → probabilities (N, C), each row sums to 1";
    public override string Task => "For each row z: t = e^(z − max z), a = t / Σt. Subtracting the row's max changes nothing but keeps e^z from overflowing.";

    protected override Func<Matrix<double>, Matrix<double>> ReferenceImplementation => Softmax.Rows;

    protected override void AddCases(CaseBook book, Func<Matrix<double>, Matrix<double>> softmax, Rng rng)
    {
        Case(book, softmax, "the lecture's z = [5, 2, −1, 3]: a = [0.842, 0.042, 0.002, 0.114]", Mat.Row(5, 2, -1, 3));
        Case(book, softmax, "random scores (8, 10)", Mat.Gaussian(8, 10, rng, 3));
        Case(book, softmax, "random scores (20, 3)", Mat.Gaussian(20, 3, rng, 3));
        Case(book, softmax, "all-zero scores (4, 5): 1/C each", Mat.Zeros(4, 5));
        Case(book, softmax, "large scores ±1000 (3, 4): no overflow", Mat.OfRows(
            [1000, 999, 998, 1001], [-1000, -1001, -999, -1002], [0, 500, -500, 1000]));
    }

    private static void Case(CaseBook book, Func<Matrix<double>, Matrix<double>> softmax, string name, Matrix<double> z) =>
        book.Add(name, () => Compare.Matrices(softmax(z.Clone()), Softmax.Rows(z), new Diagnosis("your softmax")
        {
            Mistakes =
            [
                new("your columns sum to 1: normalise each row (one example per row) over its C classes",
                    () => Softmax.Rows(z.Transpose()).Transpose()),
                new("the rows do not sum to 1: divide t = e^z by its row's sum Σt", () => Elementwise.Map(z, Math.Exp)),
                new("the rows do not sum to 1: divide t = e^(z − max) by its row's sum Σt", () => ShiftedExp(z)),
                new("you divided by the sum over the whole batch: divide each row by its own sum", () =>
                {
                    var t = Elementwise.Map(z, Math.Exp);
                    return t / t.Enumerate().Sum();
                }),
            ],
            NonFinite = "NaN or infinity: e^1000 overflows — subtract each row's own max before exponentiating (the probabilities stay the same)",
        }));

    private static Matrix<double> ShiftedExp(Matrix<double> z)
    {
        var t = z.Clone();
        for (int i = 0; i < z.RowCount; i++)
        {
            double max = z.Row(i).Maximum();
            for (int j = 0; j < z.ColumnCount; j++) t[i, j] = Math.Exp(z[i, j] - max);
        }
        return t;
    }
}
