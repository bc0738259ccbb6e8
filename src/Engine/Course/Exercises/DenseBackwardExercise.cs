using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// The dense layer's backward pass, cs231n's <c>affine_backward</c>: dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ_rows dout.
/// dout already holds the loss's 1/N, so nothing here divides by N.
/// </summary>
internal sealed class DenseBackwardExercise : Exercise<Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double> Dx, Matrix<double> DW, Matrix<double> Db)>>
{
    public override string Name => "dense-backward";
    public override string Title => "the dense layer's backward pass: dx, dW and db";
    public override string Topic => "neural network basics";
    public override string Signature =>
        "(Matrix<double> Dx, Matrix<double> DW, Matrix<double> Db) DenseBackward(Matrix<double> dout, Matrix<double> x, Matrix<double> W)   // dout (N, M), x (N, D), W (D, M) → dx (N, D), dW (D, M), db (1, M)";
    public override string Task =>
        "dx = dout·Wᵀ, dW = xᵀ·dout, db = the sum of dout over the rows. dout already carries the 1/N of the mean loss: do not divide again.";

    protected override Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double> Dx, Matrix<double> DW, Matrix<double> Db)> ReferenceImplementation => (dout, x, w) =>
    {
        var dense = new Dense(w.Clone());
        dense.Forward(x, Mode.Train);
        var dx = dense.Backward(dout);
        return (dx, dense.W.Grad.Clone(), dense.B!.Grad.Clone());
    };

    protected override void AddCases(CaseBook book, Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double> Dx, Matrix<double> DW, Matrix<double> Db)> f, Rng rng)
    {
        foreach (var (n, d, m) in new[] { (4, 5, 3), (10, 2, 6) })
        {
            var x = Mat.Gaussian(n, d, rng);
            var w = Mat.Gaussian(d, m, rng);
            var dout = Mat.Gaussian(n, m, rng);
            var (edx, edw, edb) = ReferenceImplementation(dout, x, w);
            book.Add($"dx, x ({n}, {d}) → out ({n}, {m})", () => Compare.Matrices(f(dout.Clone(), x.Clone(), w.Clone()).Dx, edx, new Diagnosis("your dx")
            {
                BatchSize = n,
                Mistakes = [new("dx = dout·Wᵀ (N, D); you multiplied by W without transposing it", () => dout * w)],
            }));
            book.Add($"dW ({d}, {m})", () => Compare.Matrices(f(dout.Clone(), x.Clone(), w.Clone()).DW, edw, new Diagnosis("your dW")
            {
                BatchSize = n,
                Mistakes = [new("dW must have W's shape (D, M): dW = xᵀ·dout, not doutᵀ·x", () => dout.TransposeThisAndMultiply(x))],
            }));
            book.Add($"db (1, {m})", () => Compare.Matrices(f(dout.Clone(), x.Clone(), w.Clone()).Db, edb, new Diagnosis("your db")
            {
                BatchSize = n,
                Mistakes = [new("db must have b's shape (1, M): sum dout over the rows (the batch)", () => dout.Clone())],
            }));
        }

        var xg = Mat.Gaussian(3, 4, rng);
        var wg = Mat.Gaussian(4, 2, rng);
        book.Add("gradient check: your dx, dW, db against centred differences (3, 4) → (3, 2)", () =>
        {
            var report = GradientCheck.Layer(new LearnerDense(wg.Clone(), f), xg, Mode.Train, rng, new GradientCheckOptions { Threshold = Compare.Tolerance });
            var worst = report.Rows.OrderByDescending(r => double.IsNaN(r.MaxRelativeError) ? double.PositiveInfinity : r.MaxRelativeError).First();
            return report.Passed
                ? Verdict.Pass(report.MaxRelativeError, Compare.Tolerance)
                : Verdict.Fail($"your d{worst.Parameter} does not match the numerical gradient (at row {worst.WorstRow}, column {worst.WorstColumn}: " +
                               $"{Compare.Num(worst.Analytic)} vs {Compare.Num(worst.Numeric)})", worst.MaxRelativeError, Compare.Tolerance);
        });
    }

    /// <summary>out = x·W + b by the engine, backward by the learner: what the gradient check differentiates.</summary>
    private sealed class LearnerDense : ILayer
    {
        private readonly Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double> Dx, Matrix<double> DW, Matrix<double> Db)> _backward;
        private readonly Parameter _w, _b;
        private Matrix<double>? _x;

        public LearnerDense(Matrix<double> w, Func<Matrix<double>, Matrix<double>, Matrix<double>, (Matrix<double> Dx, Matrix<double> DW, Matrix<double> Db)> backward)
        {
            _backward = backward;
            _w = new Parameter("W", w, regularized: true);
            _b = new Parameter("b", Mat.Zeros(1, w.ColumnCount), regularized: false);
        }

        public string Name => "your dense layer";
        public IReadOnlyList<Parameter> Parameters => [_w, _b];
        public IReadOnlyDictionary<string, Matrix<double>> Buffers { get; } = new Dictionary<string, Matrix<double>>();
        public LayerSpec Spec => LayerSpec.Of("Dense", ("inputs", _w.Value.RowCount), ("outputs", _w.Value.ColumnCount), ("bias", 1));
        public int OutputSize(int inputSize) => _w.Value.ColumnCount;

        public Matrix<double> Forward(Matrix<double> x, Mode mode)
        {
            _x = x;
            var output = x * _w.Value;
            for (int i = 0; i < output.RowCount; i++)
                for (int j = 0; j < output.ColumnCount; j++) output[i, j] += _b.Value[0, j];
            return output;
        }

        public Matrix<double> Backward(Matrix<double> dOut)
        {
            var (dx, dw, db) = _backward(dOut.Clone(), _x!.Clone(), _w.Value.Clone());
            Copy(Elementwise.Required(dw, "your dW"), _w.Grad, "your dW");
            Copy(Elementwise.Required(db, "your db"), _b.Grad, "your db");
            var dxDense = Elementwise.Required(dx, "your dx");
            if (dxDense.RowCount != _x.RowCount || dxDense.ColumnCount != _x.ColumnCount)
                throw new CaseProblem($"your dx has shape {dxDense.Shape()}, expected x's {_x.Shape()}");
            return dxDense;
        }

        private static void Copy(Matrix<double> from, Matrix<double> to, string what)
        {
            if (from.RowCount != to.RowCount || from.ColumnCount != to.ColumnCount)
                throw new CaseProblem($"{what} has shape {from.Shape()}, expected {to.Shape()}");
            from.Data().CopyTo(to.Data(), 0);
        }
    }
}
