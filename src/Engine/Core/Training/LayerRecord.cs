using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Training;

/// <summary>
/// What one layer of the lecture's drawing did on one mini-batch: layer l is a linear part and what follows it
/// up to the next linear part (Dense → [BatchNorm] → activation → [Dropout]; the output layer is a Dense alone).
/// On the way forward Z[l] = A[l−1]·W[l] + b[l], with batch norm μ, σ², Z_norm and Z̃ = γ·Z_norm + β, then
/// A[l] = g(Z̃[l]); on the way back dA[l], dZ̃[l], dZ[l] and the parameters' gradients dW, db, dγ, dβ. Every
/// matrix is a copy taken at that moment of the step.
/// </summary>
public sealed class LayerRecord
{
    private readonly List<RecordedTensor> _forward = [];
    private readonly List<RecordedTensor> _backward = [];

    internal LayerRecord(int index, string name, IReadOnlyList<int> engineLayers, bool isOutput, int inputs, int units)
    {
        Index = index;
        Name = name;
        EngineLayers = engineLayers;
        IsOutput = isOutput;
        Inputs = inputs;
        Units = units;
    }

    /// <summary>l, from 1 (the first hidden layer) to L (the output layer).</summary>
    public int Index { get; }

    /// <summary>The engine layers it spans, e.g. "Dense 64→100 (no bias) → BatchNorm(100) → ReLU".</summary>
    public string Name { get; }

    /// <summary>The indices of those layers in <see cref="Network.Layers"/>.</summary>
    public IReadOnlyList<int> EngineLayers { get; }

    /// <summary>The output layer: its Z is the scores and the loss follows it.</summary>
    public bool IsOutput { get; }

    /// <summary>Width of A[l−1], the layer's input.</summary>
    public int Inputs { get; }

    /// <summary>Width of the layer's output.</summary>
    public int Units { get; }

    /// <summary>The forward intermediates in the order they were computed (Z, μ, σ², Z_norm, Z̃, A).</summary>
    public IReadOnlyList<RecordedTensor> Forward => _forward;

    /// <summary>The backward intermediates in the order they were computed (dA, dZ̃, dγ, dβ, dZ, dW, db).</summary>
    public IReadOnlyList<RecordedTensor> Backward => _backward;

    /// <summary>The forward pass of this layer has run on the batch.</summary>
    public bool ForwardDone { get; internal set; }

    /// <summary>The backward pass of this layer has run on the batch.</summary>
    public bool BackwardDone { get; internal set; }

    /// <summary>The intermediate named <paramref name="name"/> (see <see cref="RecordedTensor.Name"/>), or null when not recorded (yet).</summary>
    public RecordedTensor? Get(string name) =>
        _backward.LastOrDefault(t => t.Name == name) ?? _forward.LastOrDefault(t => t.Name == name);

    /// <summary>Z[l] = A[l−1]·W[l] + b[l] (N, units): the linear part's output (the scores for the output layer).</summary>
    public Matrix<double>? Z => Get("Z")?.Value;

    /// <summary>μ[l] (1, units): the batch mean of Z per unit (batch norm).</summary>
    public Matrix<double>? Mean => Get("mean")?.Value;

    /// <summary>σ²[l] (1, units): the batch variance of Z per unit, (1/m) Σ (z − μ)² (batch norm).</summary>
    public Matrix<double>? Variance => Get("var")?.Value;

    /// <summary>Z_norm[l] = (Z − μ)/√(σ² + ε) (N, units) (batch norm).</summary>
    public Matrix<double>? ZNorm => Get("Z_norm")?.Value;

    /// <summary>Z̃[l] = γ·Z_norm + β (N, units) (batch norm).</summary>
    public Matrix<double>? ZTilde => Get("Z_tilde")?.Value;

    /// <summary>A[l] = g(Z̃[l]) or g(Z[l]) (N, units): the activation (null for the output layer, whose Z goes to the loss).</summary>
    public Matrix<double>? A => Get("A")?.Value;

    /// <summary>dA[l] = ∂J/∂A[l] (N, units), coming back from layer l+1.</summary>
    public Matrix<double>? DA => Get("dA")?.Value;

    /// <summary>dZ̃[l] = dA ⊙ g′ (N, units): the gradient reaching batch norm's output.</summary>
    public Matrix<double>? DZTilde => Get("dZ_tilde")?.Value;

    /// <summary>dZ[l] = ∂J/∂Z[l] (N, units); for the output layer (Ŷ − Y)/m.</summary>
    public Matrix<double>? DZ => Get("dZ")?.Value;

    /// <summary>dW[l] = A[l−1]ᵀ·dZ[l] (+ the regularisation's gradient), the shape of W.</summary>
    public Matrix<double>? DW => Get("dW")?.Value;

    /// <summary>db[l] = Σ over the batch of dZ[l], (1, units).</summary>
    public Matrix<double>? Db => Get("db")?.Value;

    /// <summary>dγ[l] = Σ dZ̃ ⊙ Z_norm, (1, units).</summary>
    public Matrix<double>? DGamma => Get("dgamma")?.Value;

    /// <summary>dβ[l] = Σ dZ̃, (1, units).</summary>
    public Matrix<double>? DBeta => Get("dbeta")?.Value;

    internal void AddForward(RecordedTensor t) => _forward.Add(t);

    internal void AddBackward(RecordedTensor t) => _backward.Add(t);

    public override string ToString() =>
        $"layer {Index} ({Name}): " + string.Join("; ", _forward.Concat(_backward).Select(t => $"{t.Symbol} {t.Summary}"));
}
