using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Regularization;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>
/// A stack of layers ending in scores, with a loss and a regularisation term: the cs231n
/// <c>FullyConnectedNet</c>. <see cref="Forward"/> gives the scores (N, C); <see cref="ComputeGradients"/>
/// runs forward, loss and backward and leaves every parameter's gradient in place for an optimiser. T is the
/// element type of its layers, float or double (<c>Network</c> is Network&lt;double&gt;).
/// </summary>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private Parameter<T>[]? _parameterArray;  // every parameter, for the allocation-free step
    private Matrix<T>? _dScores;      // the in-place step's dScores buffer

    public Network(int inputSize, IEnumerable<ILayer<T>> layers, ILoss<T> loss, Regularizer? regularizer = null)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), $"input size must be positive, got {inputSize}");
        _layers = layers.ToArray();
        if (_layers.Length == 0) throw new ArgumentException("a network needs at least one layer");
        InputSize = inputSize;
        Loss = loss;
        Regularizer = regularizer ?? Regularizer.None;
        int size = inputSize;
        foreach (var layer in _layers) size = layer.OutputSize(size); // throws on a width mismatch
        OutputSize = size;
    }

    public IReadOnlyList<ILayer<T>> Layers => _layers;
    public ILoss<T> Loss { get; }
    public Regularizer Regularizer { get; set; }
    public int InputSize { get; }

    /// <summary>Width of the scores: the number of classes (or labels).</summary>
    public int OutputSize { get; }

    /// <summary>Every learned tensor, layer by layer.</summary>
    public IEnumerable<Parameter<T>> Parameters => _layers.SelectMany(l => l.Parameters);

    /// <summary>The number of learned scalars.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Count);

    /// <summary>
    /// Raised after each layer's forward pass with (layer index, layer, its output); for probes. During a
    /// <see cref="Trainer"/>'s steps the output is a buffer the next step overwrites: copy what you keep.
    /// </summary>
    public event Action<int, ILayer<T>, Matrix<T>>? LayerForwarded;

    /// <summary>Scores (N, C) for a batch x (N, D).</summary>
    public Matrix<T> Forward(Matrix<T> x, Mode mode)
    {
        if (x.ColumnCount != InputSize)
            throw new ArgumentException($"the network takes input of shape (N, {InputSize}), got {x.Shape()}");
        if (x.RowCount == 0) throw new ArgumentException("the batch is empty");
        var a = x;
        for (int l = 0; l < _layers.Length; l++) a = ForwardLayer(l, a, mode);
        return a;
    }

    /// <summary>Layer <paramref name="l"/>'s part of <see cref="Forward"/> (a training session steps through them one by one).</summary>
    internal Matrix<T> ForwardLayer(int l, Matrix<T> a, Mode mode)
    {
        var output = _layers[l].Forward(a, mode);
        LayerForwarded?.Invoke(l, _layers[l], output);
        return output;
    }

    /// <summary>Backward pass from dScores (N, C) to dx (N, D); sets every parameter's gradient.</summary>
    public Matrix<T> Backward(Matrix<T> dScores)
    {
        var d = dScores;
        for (int l = _layers.Length - 1; l >= 0; l--) d = _layers[l].Backward(d);
        return d;
    }

    /// <summary>
    /// <see cref="Backward"/> for a training step: every parameter's gradient, without the first layer's dx when
    /// it can leave it out (nothing reads the gradient of the data; <see cref="IParameterGradients{T}"/>).
    /// </summary>
    private void BackwardToParameters(Matrix<T> dScores)
    {
        var d = dScores;
        for (int l = _layers.Length - 1; l >= 1; l--) d = _layers[l].Backward(d);
        if (_layers[0] is IParameterGradients<T> first) first.ParameterGradients(d);
        else _layers[0].Backward(d);
    }

    /// <summary>
    /// Forward, loss, backward and the regularisation gradient for one batch: after it, every parameter's
    /// <see cref="Parameter.Grad"/> holds dCost/dParameter. Mode is Train unless a test-mode gradient is wanted.
    /// </summary>
    public CostBreakdown<T> ComputeGradients(Matrix<T> x, Targets y, Mode mode = Mode.Train)
    {
        var scores = Forward(x, mode);
        var loss = Loss.Compute(scores, y);
        Backward(loss.DScores);
        Regularizer.AddGradients(Parameters);
        return new CostBreakdown<T>(loss.Loss, Regularizer.Cost(Parameters), scores);
    }

    /// <summary>
    /// <see cref="ComputeGradients"/> for a training loop, returning the cost (data loss + regularisation)
    /// with the same bits: every built-in layer writes its output and dx, and the loss its dScores, into
    /// buffers reused by the next step of the same batch shape, so a step allocates nothing. Whatever the
    /// step hands out (the scores, the matrices <see cref="LayerForwarded"/> sees, the layers' last
    /// outputs) is overwritten by the next one; the next ordinary Forward returns new matrices again.
    /// </summary>
    internal double ComputeGradientsInPlace(Matrix<T> x, Targets y, Mode mode = Mode.Train)
    {
        var parameters = _parameterArray ??= Parameters.ToArray();
        ReuseBuffers(true);
        try
        {
            var scores = Forward(x, mode);
            double dataLoss;
            if (Loss is ILossInto<T> into)
            {
                var dScores = Mat.Reuse(ref _dScores, scores.RowCount, scores.ColumnCount);
                dataLoss = into.ComputeInto(scores, y, dScores);
                BackwardToParameters(dScores);
            }
            else
            {
                var loss = Loss.Compute(scores, y); // a loss of the learner's own
                dataLoss = loss.Loss;
                BackwardToParameters(loss.DScores);
            }
            Regularizer.AddGradientsTo(parameters);
            return dataLoss + Regularizer.CostOf(parameters); // as CostBreakdown.Cost adds them
        }
        finally
        {
            ReuseBuffers(false);
        }
    }

    private void ReuseBuffers(bool on)
    {
        foreach (var layer in _layers)
            if (layer is IReusesBuffers reusing) reusing.ReuseBuffers = on;
    }

    /// <summary>The cost of a batch (data loss + regularisation) without touching the gradients' use.</summary>
    public CostBreakdown<T> Cost(Matrix<T> x, Targets y, Mode mode = Mode.Test)
    {
        var scores = Forward(x, mode);
        return new CostBreakdown<T>(Loss.Compute(scores, y).Loss, Regularizer.Cost(Parameters), scores);
    }

    /// <summary>The predicted class of each row (test mode).</summary>
    public int[] Predict(Matrix<T> x) => Loss.Predict(Forward(x, Mode.Test));

    /// <summary>Class probabilities (N, C) in test mode: softmax of the scores.</summary>
    public Matrix<T> PredictProbabilities(Matrix<T> x) => Softmax.Rows(Forward(x, Mode.Test));

    /// <summary>Fraction of rows whose predicted class equals the label, evaluated in batches (test mode).</summary>
    public double Accuracy(Matrix<T> x, int[] y, int batchSize = 1000)
    {
        if (x.RowCount != y.Length) throw new ArgumentException($"{x.RowCount} examples but {y.Length} labels");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"the evaluation batch size must be > 0, got {batchSize}");
        if (y.Length == 0) return double.NaN;
        int correct = 0;
        for (int start = 0; start < y.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, y.Length - start);
            var rows = Enumerable.Range(start, count).ToArray();
            var predicted = Predict(count == y.Length ? x : x.SelectRows(rows));
            for (int i = 0; i < count; i++) if (predicted[i] == y[start + i]) correct++;
        }
        return (double)correct / y.Length;
    }

    /// <summary>A copy of every parameter and buffer, to restore later (best model, snapshot ensembles).</summary>
    public NetworkSnapshot<T> Snapshot() => new(
        _layers.Select(l => l.Parameters.Select(p => p.Value.Clone()).ToArray()).ToArray(),
        _layers.Select(l => l.Buffers.ToDictionary(b => b.Key, b => b.Value.Clone())).ToArray());

    /// <summary>Writes a snapshot's values back into this network's parameters and buffers.</summary>
    public void Restore(NetworkSnapshot<T> snapshot)
    {
        if (snapshot.Parameters.Length != _layers.Length || snapshot.Buffers.Length != _layers.Length)
            throw new ArgumentException($"the snapshot comes from a network with other layers ({snapshot.Parameters.Length} layers, this one has {_layers.Length})");
        // Check every tensor before copying any, so a mismatch leaves this network as it was.
        for (int l = 0; l < _layers.Length; l++)
        {
            var ps = _layers[l].Parameters;
            if (snapshot.Parameters[l].Length != ps.Count)
                throw new ArgumentException($"the snapshot comes from a network with other layers: layer {l + 1} ({_layers[l].Name}) has {ps.Count} parameters, the snapshot {snapshot.Parameters[l].Length}");
            for (int k = 0; k < ps.Count; k++) CheckShape(snapshot.Parameters[l][k], ps[k].Value, $"{ps[k].Name} of layer {l + 1} ({_layers[l].Name})");
            foreach (var (name, buffer) in _layers[l].Buffers)
                CheckShape(snapshot.Buffers[l].TryGetValue(name, out var saved) ? saved
                    : throw new ArgumentException($"the snapshot comes from a network with other layers: it has no {name} for layer {l + 1} ({_layers[l].Name})"),
                    buffer, $"{name} of layer {l + 1} ({_layers[l].Name})");
        }
        for (int l = 0; l < _layers.Length; l++)
        {
            var ps = _layers[l].Parameters;
            for (int k = 0; k < ps.Count; k++) snapshot.Parameters[l][k].Data().CopyTo(ps[k].Value.Data(), 0);
            foreach (var (name, buffer) in _layers[l].Buffers) snapshot.Buffers[l][name].Data().CopyTo(buffer.Data(), 0);
        }
    }

    /// <summary>One line per layer: name and output width, then the parameter count.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"input ({InputSize})" };
        int size = InputSize;
        foreach (var layer in _layers)
        {
            size = layer.OutputSize(size);
            int count = layer.Parameters.Sum(p => p.Count);
            lines.Add($"{layer.Name} → ({size})" + (count > 0 ? $"  [{count:N0} params]" : ""));
        }
        lines.Add($"loss: {Loss.Name}; regularisation: {Regularizer}; {ParameterCount:N0} parameters");
        return string.Join(Environment.NewLine, lines);
    }

    private static void CheckShape(Matrix<T> source, Matrix<T> target, string name)
    {
        if (source.RowCount != target.RowCount || source.ColumnCount != target.ColumnCount)
            throw new ArgumentException($"snapshot tensor {name} has shape {source.Shape()}, the network's is {target.Shape()}");
    }
}

/// <summary>The two parts of the cost of a batch, and the scores they came from.</summary>
public sealed record CostBreakdown<T>(double DataLoss, double RegularizationLoss, Matrix<T> Scores) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Data loss + regularisation.</summary>
    public double Cost => DataLoss + RegularizationLoss;
}

/// <summary>Copies of a network's parameters (per layer, in order) and buffers (per layer, by name).</summary>
public sealed record NetworkSnapshot<T>(Matrix<T>[][] Parameters, Dictionary<string, Matrix<T>>[] Buffers) where T : unmanaged, IFloatingPointIeee754<T>;
