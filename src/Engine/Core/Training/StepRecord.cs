using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>
/// One mini-batch of a <see cref="TrainingSession"/>: which examples, the learning rate, and everything the
/// lecture draws for it, filled in as the session steps: per layer the forward and backward intermediates
/// (<see cref="Layer"/>), the scores, Ŷ and dZ[L] = (Ŷ − Y)/m, the cost, and each parameter's update. All
/// matrices are copies taken at the moment of the step: stepping on never changes them.
/// </summary>
public sealed class StepRecord
{
    private readonly Dataset _train;
    private readonly LayerRecord[] _layers;
    private readonly List<ParameterUpdate> _updates = [];
    private Matrix<double>? _x;

    internal StepRecord(Dataset train, int epoch, int epochs, int batch, int batchesPerEpoch, int iteration, int[] rows,
        Targets y, double learningRate, LayerRecord[] layers)
    {
        _train = train;
        (Epoch, Epochs, Batch, BatchesPerEpoch, Iteration) = (epoch, epochs, batch, batchesPerEpoch, iteration);
        Rows = rows;
        Y = y;
        LearningRate = learningRate;
        _layers = layers;
        Last = new StepPosition(StepPhase.Forward, 0, layers.Length); // replaced by the first step
    }

    /// <summary>1-based epoch of this batch.</summary>
    public int Epoch { get; }

    /// <summary>The epochs the session runs.</summary>
    public int Epochs { get; }

    /// <summary>1-based index of the batch in its epoch.</summary>
    public int Batch { get; }

    public int BatchesPerEpoch { get; }

    /// <summary>1-based iteration: the number of mini-batches up to and including this one.</summary>
    public int Iteration { get; }

    /// <summary>The examples of the batch: their rows in the training set, in the shuffled order the network saw them.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>m, the examples in the batch.</summary>
    public int BatchSize => Rows.Count;

    /// <summary>X (m, D): the batch's inputs, copied from the training set (the same numbers the network saw).</summary>
    public Matrix<double> X => _x ??= _train.X.SelectRows(Rows);

    /// <summary>The batch's targets (classes or labels).</summary>
    public Targets Y { get; }

    /// <summary>α, the scheduled learning rate of this iteration.</summary>
    public double LearningRate { get; }

    /// <summary>The layers 1..L.</summary>
    public IReadOnlyList<LayerRecord> Layers => _layers;

    /// <summary>Layer l (1-based, as the lecture counts: layer 1 is the first hidden layer, layer L the output).</summary>
    public LayerRecord Layer(int l) =>
        l >= 1 && l <= _layers.Length ? _layers[l - 1] : throw new ArgumentOutOfRangeException(nameof(l), $"layers are numbered 1 to {_layers.Length}, got {l}");

    /// <summary>Z[L] (m, C): the scores, as the loss saw them.</summary>
    public RecordedTensor? Scores { get; internal set; }

    /// <summary>Ŷ (m, C): softmax of the scores (sigmoid for multi-label outputs; null for the SVM loss).</summary>
    public RecordedTensor? Probabilities { get; internal set; }

    /// <summary>dZ[L] (m, C): the loss's gradient with respect to the scores; for softmax (Ŷ − Y)/m.</summary>
    public RecordedTensor? DScores { get; internal set; }

    /// <summary>Data loss + regularisation of the batch, before the update (NaN until the loss step).</summary>
    public double Cost => DataLoss + RegularizationLoss;

    public double DataLoss { get; internal set; } = double.NaN;
    public double RegularizationLoss { get; internal set; } = double.NaN;

    /// <summary>Every parameter's update (empty until the update step).</summary>
    public IReadOnlyList<ParameterUpdate> Updates => _updates;

    /// <summary>The update of the parameter written <paramref name="symbol"/> ("W[1]", "gamma[1]"), or null.</summary>
    public ParameterUpdate? Update(string symbol) => _updates.FirstOrDefault(u => u.Symbol == symbol);

    /// <summary>Why the run ended at this batch (the last epoch ended, or it diverged and the update was skipped), or null.</summary>
    public string? StopMessage { get; internal set; }

    /// <summary>The epoch this batch completed (its log line: cost, train and val accuracy), or null.</summary>
    public EpochSummary? EpochEnded { get; internal set; }

    /// <summary>The last step recorded into this batch.</summary>
    public StepPosition Last { get; internal set; }

    /// <summary>At least one step of this batch has run.</summary>
    public bool Started { get; internal set; }

    /// <summary>All 2L + 2 steps of the batch have run.</summary>
    public bool Complete => Started && Last.Phase == StepPhase.Update;

    internal void AddUpdate(ParameterUpdate u) => _updates.Add(u);

    /// <summary>A few lines: the batch, the cost, then one line per recorded intermediate and update.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"epoch {Epoch} / {Epochs}, batch {Batch} / {BatchesPerEpoch} (iteration {Iteration}), m = {BatchSize}, α = {LearningRate:G4}");
        sb.Append(Started ? $"; last step: {Last}" : "; not started");
        if (!double.IsNaN(DataLoss)) sb.Append(c, $"; cost {Cost:G6}");
        sb.AppendLine();
        foreach (var layer in _layers)
            foreach (var t in layer.Forward.Concat(layer.Backward))
                sb.AppendLine(c, $"  {t.Symbol,-10} {t.Summary}");
        if (Probabilities is not null) sb.AppendLine(c, $"  {Probabilities.Symbol,-10} {Probabilities.Summary}");
        foreach (var u in _updates) sb.AppendLine("  " + u);
        if (StopMessage is not null) sb.AppendLine("  " + StopMessage);
        return sb.ToString().TrimEnd();
    }
}
