using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Init;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Maxout (Goodfellow et al. 2013): k affine pieces per unit and the maximum of them,
/// out_h = max_p (x·W_p + b_p)_h. W is (D, k·M) with piece p in columns p·M .. p·M+M-1, b is (1, k·M);
/// x (N, D) → out (N, M). Generalises ReLU (k = 2, one piece 0) and leaky ReLU; it doubles the parameters.
/// T is the element type, float or double (<c>Maxout</c> is Maxout&lt;double&gt;).
/// </summary>
public sealed class Maxout<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _x;
    private int[]? _argmax; // cache: for each output element, the winning piece

    public Maxout(int inputs, int outputs, int pieces, Initializer init, Rng rng)
    {
        if (inputs <= 0 || outputs <= 0) throw new ArgumentOutOfRangeException(nameof(inputs), $"maxout needs positive sizes, got {inputs}→{outputs}");
        if (pieces < 2) throw new ArgumentOutOfRangeException(nameof(pieces), $"maxout needs at least 2 pieces, got {pieces}");
        Pieces = pieces;
        Outputs = outputs;
        W = new Parameter<T>("W", Mat.To<T>(init.Create(inputs, outputs * pieces, rng)), regularized: true);
        B = new Parameter<T>("b", Mat.Zeros<T>(1, outputs * pieces), regularized: false);
    }

    public Parameter<T> W { get; }
    public Parameter<T> B { get; }
    public int Pieces { get; }
    public int Inputs => W.Value.RowCount;
    public int Outputs { get; }
    public string Name => $"Maxout {Inputs}→{Outputs} (k={Pieces})";
    public IReadOnlyList<Parameter<T>> Parameters => [W, B];
    public IReadOnlyDictionary<string, Matrix<T>> Buffers { get; } = new Dictionary<string, Matrix<T>>();
    public LayerSpec Spec => LayerSpec.Of("Maxout", ("inputs", Inputs), ("outputs", Outputs), ("pieces", Pieces));

    public int OutputSize(int inputSize) =>
        inputSize == Inputs ? Outputs : throw new ArgumentException($"{Name} takes {Inputs} inputs, got {inputSize}");

    public Matrix<T> Forward(Matrix<T> x, Mode mode)
    {
        OutputSize(x.ColumnCount);
        int n = x.RowCount, m = Outputs;
        var z = Ops.MatMul(x, W.Value);
        Ops.AddRowVector(z, B.Value);
        var output = Mat.Zeros<T>(n, m);
        var argmax = new int[n * m];
        var zd = z.Data(); var od = output.Data();
        for (int h = 0; h < m; h++)
        {
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                T bestValue = zd[h * n + i];
                for (int p = 1; p < Pieces; p++)
                {
                    T v = zd[(p * m + h) * n + i];
                    if (v > bestValue) { bestValue = v; best = p; }
                }
                od[h * n + i] = bestValue;
                argmax[h * n + i] = best;
            }
        }
        _x = x;
        _argmax = argmax;
        return output;
    }

    public Matrix<T> Backward(Matrix<T> dOut)
    {
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != x.RowCount || dOut.ColumnCount != Outputs)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was ({x.RowCount}, {Outputs})");
        int n = x.RowCount, m = Outputs;
        var dz = Mat.Zeros<T>(n, m * Pieces);
        var dzd = dz.Data(); var dd = dOut.Data();
        // Only the winning piece of each unit receives the gradient.
        for (int h = 0; h < m; h++)
            for (int i = 0; i < n; i++)
                dzd[(_argmax![h * n + i] * m + h) * n + i] = dd[h * n + i];
        W.SetGrad(Ops.MatMulTransA(x, dz));
        B.SetGrad(Ops.SumRows(dz));
        return Ops.MatMulTransB(dz, W.Value);
    }
}
