using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Ensembles;

/// <summary>
/// Several trained models voting as one (lecture: train independent models, average their predicted
/// distributions at test time, take the argmax: about 2% extra). Members may be independent networks or
/// snapshots of one run (<see cref="FromSnapshots"/>).
/// </summary>
public sealed class Ensemble
{
    private readonly Network[] _members;
    private readonly string[] _names;

    /// <param name="members">The trained networks (at least one, all with the same input and output widths).</param>
    /// <param name="names">A name per member for tables ("seed 3", "epoch 4"); null: "model 1", "model 2", ...</param>
    public Ensemble(IEnumerable<Network> members, IEnumerable<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = members.ToArray();
        if (_members.Length == 0) throw new ArgumentException("an ensemble needs at least one model");
        if (_members.Any(m => m.InputSize != _members[0].InputSize || m.OutputSize != _members[0].OutputSize))
            throw new ArgumentException($"every model of an ensemble must take {_members[0].InputSize} inputs and give {_members[0].OutputSize} scores");
        _names = names?.ToArray() ?? Enumerable.Range(1, _members.Length).Select(i => $"model {i}").ToArray();
        if (_names.Length != _members.Length) throw new ArgumentException($"{_names.Length} names for {_members.Length} models");
    }

    /// <summary>
    /// A snapshot ensemble (Huang et al. 2017): one copy of <paramref name="template"/> per snapshot, each holding
    /// that snapshot's parameters (the template itself is left as it is).
    /// </summary>
    public static Ensemble FromSnapshots(Network template, IEnumerable<TrainingSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(snapshots);
        var list = snapshots.ToList();
        var json = NetworkFile.ToJson(template);
        var members = list.Select(s =>
        {
            var copy = NetworkFile.FromJson(json, "the template network").Network;
            copy.Restore(s.Network);
            return copy;
        });
        return new Ensemble(members, list.Select(s => FormattableString.Invariant($"snapshot at epoch {s.Epoch:G4}")));
    }

    public IReadOnlyList<Network> Members => _members;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The average of the members' predicted distributions, (N, C): (1/M) Σ softmax(scores_m).</summary>
    public Matrix<double> PredictProbabilities(Matrix<double> x) => PredictProbabilities(x, _members.Length);

    /// <summary>The average distribution of the first <paramref name="count"/> members only.</summary>
    public Matrix<double> PredictProbabilities(Matrix<double> x, int count)
    {
        if (count < 1 || count > _members.Length) throw new ArgumentOutOfRangeException(nameof(count), $"count must be between 1 and {_members.Length}, got {count}");
        var sum = _members[0].PredictProbabilities(x);
        var s = sum.Data();
        for (int m = 1; m < count; m++)
        {
            var p = _members[m].PredictProbabilities(x).Data();
            for (int i = 0; i < s.Length; i++) s[i] += p[i];
        }
        for (int i = 0; i < s.Length; i++) s[i] /= count;
        return sum;
    }

    /// <summary>The argmax of the averaged distribution: the ensemble's class for each row of x (N, D).</summary>
    public int[] Predict(Matrix<double> x) => Losses.Softmax.ArgmaxRows(PredictProbabilities(x));

    /// <summary>Fraction of rows the ensemble classifies correctly.</summary>
    public double Accuracy(Matrix<double> x, int[] y) => Accuracy(x, y, _members.Length);

    /// <summary>Each member's accuracy on <paramref name="data"/>, the ensemble's, and the gain over the best member.</summary>
    public EnsembleReport Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var y = data.Labels;
        var single = _members.Select(m => m.Accuracy(data.X, y)).ToArray();
        var growing = Enumerable.Range(1, _members.Length).Select(k => Accuracy(data.X, y, k)).ToArray();
        return new EnsembleReport(_names, single, growing);
    }

    private double Accuracy(Matrix<double> x, int[] y, int count)
    {
        if (x.RowCount != y.Length) throw new ArgumentException($"{x.RowCount} examples but {y.Length} labels");
        var predicted = Losses.Softmax.ArgmaxRows(PredictProbabilities(x, count));
        int correct = 0;
        for (int i = 0; i < y.Length; i++) if (predicted[i] == y[i]) correct++;
        return (double)correct / y.Length;
    }
}
