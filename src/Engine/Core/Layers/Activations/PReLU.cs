using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Parametric ReLU (He et al. 2015): out = x for x &gt; 0, alpha_j·x otherwise, with one alpha per unit
/// learned by backprop (alpha (1, D), starting at 0.25 as in the paper; not regularised). T is the element
/// type, float or double (<c>PReLU</c> is PReLU&lt;double&gt;).
/// </summary>
public sealed class PReLU<T> : ILayer<T>, IReusesBuffers where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _x;
    private bool _reuse; // see IReusesBuffers
    private Matrix<T>? _outBuffer, _dxBuffer;

    public PReLU(int units, double initialAlpha = 0.25)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"PReLU needs a positive width, got {units}");
        if (!double.IsFinite(initialAlpha))
            throw new ArgumentOutOfRangeException(nameof(initialAlpha), $"PReLU's initial alpha must be a finite number, got {initialAlpha}");
        Alpha = new Parameter<T>("alpha", Mat.To<T>(Mat.Filled(1, units, initialAlpha)), regularized: false);
    }

    /// <summary>The learned negative slopes, (1, D).</summary>
    public Parameter<T> Alpha { get; }

    public int Units => Alpha.Value.ColumnCount;
    public string Name => $"PReLU({Units})";
    public IReadOnlyList<Parameter<T>> Parameters => [Alpha];
    public IReadOnlyDictionary<string, Matrix<T>> Buffers { get; } = new Dictionary<string, Matrix<T>>();
    public LayerSpec Spec => LayerSpec.Of("PReLU", ("units", Units));

    public int OutputSize(int inputSize) =>
        inputSize == Units ? Units : throw new ArgumentException($"{Name} takes {Units} inputs, got {inputSize}");

    public Matrix<T> Forward(Matrix<T> x, Mode mode)
    {
        OutputSize(x.ColumnCount);
        int n = x.RowCount;
        var output = Mat.ReuseIf(_reuse, ref _outBuffer, x.RowCount, x.ColumnCount, x); // every element is written below
        var xd = x.Data(); var od = output.Data(); var a = Alpha.Value.Data();
        for (int j = 0; j < Units; j++)
            for (int i = j * n; i < (j + 1) * n; i++)
                od[i] = xd[i] > T.Zero ? xd[i] : a[j] * xd[i];
        _x = x;
        return output;
    }

    public Matrix<T> Backward(Matrix<T> dOut)
    {
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != x.RowCount || dOut.ColumnCount != Units)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was {x.Shape()}");
        int n = x.RowCount;
        if (dOut.RowCount != n || dOut.ColumnCount != Units)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was {x.Shape()}");
        var dx = Mat.ReuseIf(_reuse, ref _dxBuffer, n, Units, dOut); // every element is written below
        // dalpha goes straight into the gradient: no (1, D) temporary.
        var xd = x.Data(); var dd = dOut.Data(); var dxd = dx.Data(); var a = Alpha.Value.Data(); var da = Alpha.Grad.Data();
        for (int j = 0; j < Units; j++)
        {
            T sum = T.Zero;
            for (int i = j * n; i < (j + 1) * n; i++)
            {
                if (xd[i] > T.Zero) dxd[i] = dd[i];
                else
                {
                    dxd[i] = a[j] * dd[i];
                    sum += xd[i] * dd[i]; // d out / d alpha_j = x where x <= 0
                }
            }
            da[j] = sum;
        }
        return dx;
    }

    bool IReusesBuffers.ReuseBuffers { get => _reuse; set => _reuse = value; }
}
