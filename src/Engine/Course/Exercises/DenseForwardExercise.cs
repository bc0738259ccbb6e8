using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>The affine (dense) layer's forward pass, cs231n's <c>affine_forward</c>: out = x·W + b.</summary>
internal sealed class DenseForwardExercise : Exercise<Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>>>
{
    public override string Name => "dense-forward";
    public override string Title => "the dense layer's forward pass: out = x·W + b";
    public override string Topic => "neural network basics";
    public override string Signature =>
        "Matrix<double> DenseForward(Matrix<double> x, Matrix<double> W, Matrix<double> b)   // x (N, D), W (D, M), b (1, M) → out (N, M)";
    public override string Task => "out = x·W + b, with b added to every row (the lecture's Z = W·A + b, written with one example per row).";

    protected override Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>> ReferenceImplementation => (x, w, b) =>
    {
        var dense = new Dense(w.Clone());
        Compare.Dense(b).Data().CopyTo(dense.B!.Value.Data(), 0);
        return dense.Forward(x, Mode.Train);
    };

    protected override void AddCases(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>> f, Rng rng)
    {
        Case(book, f, "x (2, 4), W (4, 3), b (1, 3)", Mat.Gaussian(2, 4, rng), Mat.Gaussian(4, 3, rng), Mat.Gaussian(1, 3, rng));
        Case(book, f, "x (10, 6), W (6, 2), b (1, 2)", Mat.Gaussian(10, 6, rng), Mat.Gaussian(6, 2, rng), Mat.Gaussian(1, 2, rng));
        Case(book, f, "x (3, 5), square W (5, 5), b (1, 5)", Mat.Gaussian(3, 5, rng), Mat.Gaussian(5, 5, rng), Mat.Gaussian(1, 5, rng));
        Case(book, f, "x = 0 (3, 4): every row is b", Mat.Zeros(3, 4), Mat.Gaussian(4, 2, rng), Mat.Gaussian(1, 2, rng));
    }

    private void Case(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>> f, string name,
        Matrix<double> x, Matrix<double> w, Matrix<double> b) =>
        book.Add(name, () => Compare.Matrices(f(x.Clone(), w.Clone(), b.Clone()), ReferenceImplementation(x, w, b), new Diagnosis("your out")
        {
            Mistakes =
            [
                new("forgot the bias: out = x·W + b, with b added to every row", () => x * w),
                new("use W as it is, (D, M): out = x·W + b, not x·Wᵀ + b", () => ReferenceImplementation(x, w.Transpose(), b)),
                new("b goes to every row, not only the first", () =>
                {
                    var o = x * w;
                    for (int j = 0; j < o.ColumnCount; j++) o[0, j] += b[0, j];
                    return o;
                }),
            ],
        }));
}
