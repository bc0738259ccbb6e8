using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using static NotebookDL.Tests.Reliability.FuzzDraw;

namespace NotebookDL.Tests.Reliability;

/// <summary>
/// Fuzz cases for the tensor kernels, the layers, softmax and the losses: each draws its arguments from a
/// <see cref="FuzzDraw"/>, logs the call, makes it, and checks what it returns (shape, finiteness, and
/// against a plain reference where one is short).
/// </summary>
internal static partial class ApiFuzzCases
{
    /// <summary>The groups of cases, each picked equally often.</summary>
    public static IReadOnlyList<(string Group, Action<FuzzDraw> Run)> All { get; } =
    [
        ("Ops products", Products),
        ("Mat and Ops helpers", TensorHelpers),
        ("Dense", DenseLayer),
        ("activations", ActivationLayer),
        ("PReLU", PReLULayer),
        ("Maxout", MaxoutLayer),
        ("BatchNorm", BatchNormLayer),
        ("Dropout", DropoutLayer),
        ("Softmax", SoftmaxFunctions),
        ("losses", Losses),
        ("Initializer", Initializers),
        ("Mlp and Network", MlpAndNetwork),
        ("Trainer", Training),
        ("Dataset and Split", Datasets),
        ("preprocessing", Preprocessing),
    ];

    private static readonly Initializer[] Inits =
        [Initializer.Small, Initializer.He, Initializer.XavierUniform, Initializer.XavierNormal, Initializer.Zeros, Initializer.Large];

    /// <summary>MatMul, MatMulTransA, MatMulTransB and their Into forms, with inner widths that may not match.</summary>
    private static void Products(FuzzDraw d)
    {
        int m = d.Dim(), k = d.Dim(), n = d.Dim(), kb = d.Width(k), op = d.Int(3);
        var a = op == 1 ? d.Matrix(k, m) : d.Matrix(m, k);
        var b = op == 2 ? d.Matrix(n, kb) : d.Matrix(kb, n);
        string name = op switch { 0 => "MatMul", 1 => "MatMulTransA", _ => "MatMulTransB" };
        Matrix<double> c;
        if (d.Chance(0.3))
        {
            c = d.Chance(0.15) ? a : Mat.Filled(d.Width(m, 0.2), d.Width(n, 0.2), double.NaN); // NaN: must be overwritten
            d.Say($"{name}Into(A {d.Describe(a)}, B {d.Describe(b)}, C {c.Shape()}{(ReferenceEquals(c, a) ? " = A" : "")})");
            (op switch { 0 => (Action)(() => Ops.MatMulInto(a, b, c)), 1 => () => Ops.MatMulTransAInto(a, b, c), _ => () => Ops.MatMulTransBInto(a, b, c) })();
        }
        else
        {
            d.Say($"{name}(A {d.Describe(a)}, B {d.Describe(b)})");
            c = op switch { 0 => Ops.MatMul(a, b), 1 => Ops.MatMulTransA(a, b), _ => Ops.MatMulTransB(a, b) };
        }
        Shape(c, m, n, name);
        d.FiniteIfModerate(c, name);
        if (!d.ModerateInput) return;
        // The plain triple loop, summing over the inner index.
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0, scale = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = op == 1 ? a[p, i] : a[i, p], y = op == 2 ? b[j, p] : b[p, j];
                    s += x * y;
                    scale += Math.Abs(x * y);
                }
                if (Math.Abs(c[i, j] - s) > 1e-12 * (1 + scale))
                    throw new FuzzViolation($"{name}[{i}, {j}] = {Num(c[i, j])}, the plain sum gives {Num(s)}");
            }
    }

    /// <summary>The factories, broadcasts, reductions and span kernels of Mat and Ops.</summary>
    private static void TensorHelpers(FuzzDraw d)
    {
        switch (d.Int(9))
        {
            case 0:
                int rows = d.Size(), cols = d.Size();
                int kind = d.Int(4);
                d.Say($"Mat.{new[] { "Zeros", "Filled", "Gaussian", "Uniform" }[kind]}({rows}, {cols})");
                var made = kind switch
                {
                    0 => Mat.Zeros(rows, cols),
                    1 => Mat.Filled(rows, cols, d.Value()),
                    2 => Mat.Gaussian(rows, cols, new Rng(1), d.OneOf(0.01, 1.0, 0.0)),
                    _ => Mat.Uniform(rows, cols, new Rng(1), -1, 1),
                };
                Shape(made, rows, cols, "the new matrix");
                break;
            case 1:
                var rowArrays = Enumerable.Range(0, d.Dim()).Select(_ => d.Vector(d.Chance(0.3) ? d.Dim() : 3)).ToArray();
                d.Say($"Mat.OfRows(rows of lengths {string.Join(", ", rowArrays.Select(r => r.Length))})");
                var fromRows = Mat.OfRows(rowArrays);
                Shape(fromRows, rowArrays.Length, rowArrays.Length == 0 ? 0 : rowArrays[0].Length, "Mat.OfRows");
                break;
            case 2:
                var x = d.Matrix(d.Dim(), d.Dim());
                var row = d.Matrix(d.Chance(0.85) ? 1 : d.Dim(), d.Width(x.ColumnCount));
                d.Say($"AddRowVector(m {d.Describe(x)}, row {row.Shape()})");
                var expected = x.Clone();
                Ops.AddRowVector(x, row);
                if (d.ModerateInput)
                    for (int i = 0; i < x.RowCount; i++)
                        for (int j = 0; j < x.ColumnCount; j++)
                            if (x[i, j] != expected[i, j] + row[0, j]) throw new FuzzViolation($"AddRowVector[{i}, {j}] is {Num(x[i, j])}");
                break;
            case 3:
                var s = d.Matrix(d.Dim(), d.Dim());
                bool mean = d.Chance(0.5);
                d.Say($"{(mean ? "MeanRows" : "SumRows")}({d.Describe(s)})");
                var r = mean ? Ops.MeanRows(s) : Ops.SumRows(s);
                Shape(r, 1, s.ColumnCount, mean ? "MeanRows" : "SumRows");
                d.FiniteIfModerate(r, mean ? "MeanRows" : "SumRows");
                break;
            case 4:
                var sx = d.Matrix(d.Dim(), d.Dim());
                var into = Mat.Zeros(d.Chance(0.8) ? 1 : d.Dim(), d.Width(sx.ColumnCount));
                d.Say($"SumRowsInto({d.Describe(sx)}, result {into.Shape()})");
                Ops.SumRowsInto(sx, into);
                break;
            case 5:
                var u = d.Vector(d.Dim());
                var v = d.Vector(d.Chance(0.7) ? u.Length : d.Dim());
                int which = d.Int(3);
                d.Say($"{new[] { "Dot", "Axpy", "Sum" }[which]}(x of {u.Length}, y of {v.Length})");
                double result = which switch
                {
                    0 => Ops.Dot(u, v),
                    1 => AxpyFirst(u, v),
                    _ => Ops.Sum(u),
                };
                if (d.ModerateInput) d.Scalar(result, new[] { "Dot", "Axpy", "Sum" }[which]);
                break;
            case 6:
                var source = d.Matrix(d.Dim(), d.Dim());
                var indices = Enumerable.Range(0, d.Dim()).Select(_ => d.Chance(0.9) && source.RowCount > 0 ? d.Int(source.RowCount) : d.OneOf(-1, source.RowCount)).ToArray();
                d.Say($"SelectRows({source.Shape()}, [{string.Join(", ", indices)}])");
                var picked = source.SelectRows(indices);
                Shape(picked, indices.Length, source.ColumnCount, "SelectRows");
                break;
            case 7:
                var f = d.Matrix(d.Dim(), d.Dim());
                d.Say($"RequireFinite({d.Describe(f)})");
                f.RequireFinite("the fuzz matrix");
                if (!f.AllFinite()) throw new FuzzViolation("RequireFinite passed a matrix AllFinite rejects");
                break;
            default:
                var sparse = SparseMatrix.Create(d.Dim(), d.Dim(), 0.0);
                d.Say($"Data() of a sparse {sparse.Shape()}");
                sparse.Data();
                break;
        }
    }

    private static double AxpyFirst(double[] x, double[] y)
    {
        Ops.Axpy(2.0, x, y);
        return y.Length > 0 ? y[0] : 0;
    }

    private static void DenseLayer(FuzzDraw d)
    {
        ILayer layer;
        if (d.Chance(0.8))
        {
            int inputs = d.Size(), outputs = d.Size();
            var init = d.OneOf(Inits);
            bool bias = d.Chance(0.7);
            d.Say($"new Dense({inputs}, {outputs}, {init}, bias: {bias})");
            layer = new Dense(inputs, outputs, init, new Rng(3), bias);
        }
        else
        {
            var w = d.Matrix(d.Dim(), d.Dim());
            d.Say($"new Dense(W {d.Describe(w)})");
            layer = new Dense(w);
            if (!w.AllFinite()) return; // weights of ±∞ make any output legitimate
        }
        var dense = (Dense)layer;
        Drive(d, layer, dense.Inputs, Bound.Moderate);
    }

    private static void ActivationLayer(FuzzDraw d)
    {
        Activation layer = d.Int(5) switch
        {
            0 => new Sigmoid(),
            1 => new Tanh(),
            2 => new ReLU(),
            3 => new LeakyReLU(d.OneOf(0.01, 0.2, 0.0, 1.0)),
            _ => new ELU(d.OneOf(1.0, 0.5, 2.0)),
        };
        d.Say($"new {layer.Name}");
        Drive(d, layer, d.Dim(), Bound.Finite);
    }

    private static void PReLULayer(FuzzDraw d)
    {
        int units = d.Size();
        double alpha = d.Setting([0.25, 0.0, 1.0, -0.5], double.NaN, double.PositiveInfinity);
        d.Say($"new PReLU({units}, {Num(alpha)})");
        var layer = new PReLU(units, alpha);
        if (!double.IsFinite(alpha)) throw new FuzzViolation($"PReLU accepted alpha {alpha}");
        Drive(d, layer, units, Bound.Finite);
    }

    private static void MaxoutLayer(FuzzDraw d)
    {
        int inputs = d.Size(), outputs = d.Size(), pieces = d.Setting([2, 3], 1, 0, -1);
        var init = d.OneOf(Inits);
        d.Say($"new Maxout({inputs}, {outputs}, k={pieces}, {init})");
        var layer = new Maxout(inputs, outputs, pieces, init, new Rng(4));
        Drive(d, layer, inputs, Bound.Moderate);
    }

    private static void BatchNormLayer(FuzzDraw d)
    {
        int units = d.Size();
        double momentum = d.Setting([0.9, 0.0, 0.999], 1.0, -0.1, double.NaN);
        double eps = d.Setting([1e-5, 1e-8], 0.0, -1e-5, double.NaN, double.PositiveInfinity);
        d.Say($"new BatchNorm({units}, momentum {Num(momentum)}, eps {Num(eps)})");
        var layer = new BatchNorm(units, momentum, eps);
        Drive(d, layer, units, Bound.Moderate);
    }

    private static void DropoutLayer(FuzzDraw d)
    {
        double p = d.Setting([0.5, 0.0, 0.9], 1.0, -0.1, 1.5, double.NaN);
        d.Say($"new Dropout({Num(p)})");
        var layer = new Dropout(p, d.Int(100)) { Frozen = d.Chance(0.3) };
        Drive(d, layer, d.Dim(), Bound.NoNaN);
    }

    /// <summary>How far a layer's output is bounded for finite input.</summary>
    private enum Bound
    {
        /// <summary>Finite for any finite input (activations).</summary>
        Finite,
        /// <summary>No NaN for finite input; may overflow to ±∞ (dropout's 1/(1-p)).</summary>
        NoNaN,
        /// <summary>Finite for moderate input only (products and statistics overflow past 1e154).</summary>
        Moderate,
    }

    /// <summary>
    /// One to four calls of Forward and Backward in a random order (Backward first, widths that do not
    /// fit, a dOut of another shape), each output checked.
    /// </summary>
    private static void Drive(FuzzDraw d, ILayer layer, int inputs, Bound bound)
    {
        (int Rows, int In, int Out)? last = null;
        int calls = 1 + d.Int(4);
        for (int call = 0; call < calls; call++)
        {
            if (last is null ? d.Chance(0.8) : d.Chance(0.45))
            {
                var x = d.Matrix(d.Dim(), d.Width(inputs));
                var mode = d.OneOf(Mode.Train, Mode.Test);
                d.Say($"Forward(x {d.Describe(x)}, {mode})");
                var y = layer.Forward(x, mode);
                int outputs = layer.OutputSize(x.ColumnCount);
                Shape(y, x.RowCount, outputs, $"{layer.Name} Forward");
                Check(d, y, bound, $"{layer.Name} Forward");
                last = (x.RowCount, x.ColumnCount, outputs);
            }
            else
            {
                var dOut = last is { } l && d.Chance(0.75) ? d.Matrix(l.Rows, l.Out) : d.Matrix(d.Dim(), d.Dim());
                d.Say($"Backward(dOut {d.Describe(dOut)})");
                var dx = layer.Backward(dOut);
                if (last is not { } f) throw new FuzzViolation($"{layer.Name} Backward before any Forward returned a result");
                Shape(dx, f.Rows, f.In, $"{layer.Name} Backward");
                Check(d, dx, bound == Bound.Finite ? Bound.NoNaN : bound, $"{layer.Name} Backward dx");
                foreach (var p in layer.Parameters) d.FiniteIfModerate(p.Grad, $"{layer.Name} d{p.Name}");
            }
        }
    }

    private static void Check(FuzzDraw d, Matrix<double> m, Bound bound, string what)
    {
        switch (bound)
        {
            case Bound.Finite: d.FiniteIfFinite(m, what); break;
            case Bound.NoNaN: d.NoNaNIfFinite(m, what); d.FiniteIfModerate(m, what); break;
            default: d.FiniteIfModerate(m, what); break;
        }
    }

    /// <summary>Softmax.Of, Steps (and its Loss and DZ), Hardmax, Rows, LogRows, ArgmaxRows.</summary>
    private static void SoftmaxFunctions(FuzzDraw d)
    {
        if (d.Chance(0.5))
        {
            var z = d.Vector(d.Dim());
            d.Say($"Softmax.Steps({Nums(z)})");
            var steps = Softmax.Steps(z);
            if (!d.FiniteInput) return;
            var row = Mat.Row(steps.A);
            d.FiniteIfFinite(row, "softmax a");
            d.FiniteIfFinite(Mat.Row(steps.T), "softmax t");
            d.Scalar(steps.Sum, "Σt");
            if (!double.IsFinite(steps.Sum)) throw new FuzzViolation($"Σt is {steps.Sum}");
            if (Math.Abs(steps.A.Sum() - 1) > 1e-12) throw new FuzzViolation($"softmax a sums to {steps.A.Sum()}");
            if (steps.Hardmax.Sum() != 1) throw new FuzzViolation("hardmax does not hold exactly one 1");
            int y = d.Chance(0.8) ? d.Int(z.Length) : d.OneOf(-1, z.Length);
            d.Say($"Loss({y}), DZ({y})");
            double loss = steps.Loss(y);
            d.Scalar(loss, "softmax loss");
            if (loss < 0) throw new FuzzViolation($"softmax loss {loss} < 0");
            d.FiniteIfFinite(Mat.Row(steps.DZ(y)), "dZ");
            return;
        }
        var scores = d.Matrix(d.Dim(), d.Dim());
        switch (d.Int(3))
        {
            case 0:
                d.Say($"Softmax.Rows({d.Describe(scores)})");
                var p = Softmax.Rows(scores);
                Shape(p, scores.RowCount, scores.ColumnCount, "Softmax.Rows");
                d.FiniteIfFinite(p, "Softmax.Rows");
                if (d.FiniteInput)
                    for (int i = 0; i < p.RowCount; i++)
                        if (Math.Abs(p.Row(i).Sum() - 1) > 1e-12) throw new FuzzViolation($"row {i} of Softmax.Rows sums to {p.Row(i).Sum()}");
                break;
            case 1:
                d.Say($"Softmax.LogRows({d.Describe(scores)})");
                var logP = Softmax.LogRows(scores);
                Shape(logP, scores.RowCount, scores.ColumnCount, "Softmax.LogRows");
                d.NoNaNIfFinite(logP, "Softmax.LogRows");
                d.FiniteIfModerate(logP, "Softmax.LogRows");
                break;
            default:
                d.Say($"Softmax.ArgmaxRows({d.Describe(scores)})");
                var best = Softmax.ArgmaxRows(scores);
                if (best.Length != scores.RowCount) throw new FuzzViolation($"ArgmaxRows gave {best.Length} indices for {scores.RowCount} rows");
                for (int i = 0; i < best.Length; i++)
                    if ((uint)best[i] >= (uint)scores.ColumnCount)
                        throw new FuzzViolation($"ArgmaxRows gave class {best[i]} for row {i} of {scores.Shape()}");
                break;
        }
    }

    /// <summary>Every loss's Compute and Predict, with wrong label counts, labels out of range and the wrong kind of targets.</summary>
    private static void Losses(FuzzDraw d)
    {
        double margin = d.Setting([1.0, 0.5, 0.0], -1.0, double.NaN, double.PositiveInfinity);
        int which = d.Int(3);
        d.Say(which switch { 0 => "new SoftmaxCrossEntropy()", 1 => $"new MulticlassSvm({Num(margin)})", _ => "new SigmoidCrossEntropy()" });
        ILoss loss = which switch { 0 => new SoftmaxCrossEntropy(), 1 => new MulticlassSvm(margin), _ => new SigmoidCrossEntropy() };
        if (loss is MulticlassSvm && !(margin >= 0 && double.IsFinite(margin))) throw new FuzzViolation($"the SVM accepted margin {margin}");
        int n = d.Dim(), c = d.Dim();
        var scores = d.Matrix(n, c);
        Targets targets;
        if (which == 2 ? d.Chance(0.85) : d.Chance(0.1))
        {
            var labels = d.LabelMatrix(d.Width(n, 0.15), d.Width(c, 0.15));
            if (labels.RowCount > 0 && labels.ColumnCount > 0 && d.Chance(0.1)) labels[0, 0] = d.OneOf(0.5, 2.0, -1.0, double.PositiveInfinity);
            d.Say($"Targets.OfLabels({labels.Shape()}{(labels.RowCount > 0 && labels.ColumnCount > 0 ? $", [0, 0] = {Num(labels[0, 0])}" : "")})");
            targets = Targets.OfLabels(labels);
        }
        else
        {
            var y = d.Labels(d.Width(n, 0.15), c);
            d.Say($"targets [{string.Join(", ", y)}]");
            targets = y;
        }
        if (d.Chance(0.15))
        {
            var rows = Enumerable.Range(0, d.Dim()).Select(_ => d.Chance(0.85) && targets.Count > 0 ? d.Int(targets.Count) : d.OneOf(-1, targets.Count)).ToArray();
            d.Say($"targets.Rows([{string.Join(", ", rows)}])");
            targets = targets.Rows(rows);
            if (targets.Count != rows.Length) throw new FuzzViolation($"Targets.Rows gave {targets.Count} targets for {rows.Length} rows");
            scores = d.Matrix(rows.Length, c);
        }
        d.Say($"Compute(scores {d.Describe(scores)})");
        var result = loss.Compute(scores, targets);
        d.Scalar(result.Loss, $"{loss.Name} loss");
        if (result.Loss < 0) throw new FuzzViolation($"{loss.Name} loss {Num(result.Loss)} < 0");
        Shape(result.DScores, scores.RowCount, scores.ColumnCount, $"{loss.Name} dScores");
        d.FiniteIfFinite(result.DScores, $"{loss.Name} dScores");
        d.Say("Predict(scores)");
        var predicted = loss.Predict(scores);
        if (predicted.Length != scores.RowCount || predicted.Any(k => (uint)k >= (uint)scores.ColumnCount))
            throw new FuzzViolation($"{loss.Name} predicted [{string.Join(", ", predicted)}] for scores {scores.Shape()}");
    }
}
