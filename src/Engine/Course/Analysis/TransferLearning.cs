using NotebookDL.Data;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// Transfer learning's pieces (lecture: reuse a network trained on task A, which has lots of data, for task B,
/// which has little): <see cref="Reuse"/> copies the pretrained layers, replaces the last layer(s) with new
/// ones sized for task B and freezes the copies, so training B updates only the new layers (with more data,
/// <c>freeze: false</c> fine-tunes them all). <see cref="Tasks"/> cuts one labelled data set into two tasks by class;
/// <see cref="YesNoTasks"/> makes task B a yes/no question about the class with few labelled examples.
/// </summary>
public static class TransferLearning
{
    /// <summary>
    /// A network for task B: copies of <paramref name="pretrained"/>'s layers up to its last
    /// <paramref name="replace"/> Dense layers (weights copied, so the pretrained network is left as it is),
    /// then those layers drawn afresh with <paramref name="init"/>, the last one with <paramref name="outputs"/>
    /// outputs. With <paramref name="freeze"/> the copied layers' parameters are frozen.
    /// </summary>
    /// <param name="pretrained">The network trained on task A.</param>
    /// <param name="outputs">Task B's classes.</param>
    /// <param name="replace">How many Dense layers to replace, counted from the output (1 = the output layer only).</param>
    /// <param name="freeze">Freeze the copied layers (true) or let training B change them too.</param>
    /// <param name="init">How the new layers start (default He).</param>
    /// <param name="seed">Seed of the new layers.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replace"/> outside 1..the number of Dense layers, or <paramref name="outputs"/> ≤ 0.</exception>
    public static Network Reuse(Network pretrained, int outputs, int replace = 1, bool freeze = true, Initializer? init = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        if (outputs <= 0) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"task B needs at least one output, got {outputs}");
        var layers = pretrained.Layers;
        var dense = Enumerable.Range(0, layers.Count).Where(i => layers[i] is Dense).ToArray();
        if (replace < 1 || replace > dense.Length)
            throw new ArgumentOutOfRangeException(nameof(replace), replace,
                $"replace counts Dense layers from the output: 1..{dense.Length} for this network ({dense.Length} Dense layers), got {replace}");
        int cut = dense[dense.Length - replace];
        var rng = new Rng(seed);
        init ??= Initializer.He;
        var result = new List<ILayer>();
        for (int i = 0; i < layers.Count; i++)
        {
            if (i < cut)
            {
                var copy = Copy(layers[i]);
                if (freeze) foreach (var p in copy.Parameters) p.Frozen = true;
                result.Add(copy);
            }
            else if (layers[i] is Dense d)
            {
                bool last = i == dense[^1];
                result.Add(new Dense(d.Inputs, last ? outputs : d.Outputs, init, rng, bias: d.B is not null));
            }
            else
            {
                result.Add(LayerFactory.Create(layers[i].Spec)); // a fresh activation, batch norm or dropout
            }
        }
        return new Network(pretrained.InputSize, result, pretrained.Loss, pretrained.Regularizer);
    }

    /// <summary>Learned scalars that training will change (those not frozen).</summary>
    public static int TrainableParameters(Network net) => net.Parameters.Where(p => !p.Frozen).Sum(p => p.Count);

    /// <summary>
    /// Two tasks from one labelled data set: task A holds the examples of <paramref name="classesA"/>, task B
    /// <paramref name="examplesPerClassB"/> training examples of each class of <paramref name="classesB"/>
    /// (seeded), each task's labels renumbered 0..k-1 and its class names kept. Validation parts take every
    /// validation example of their classes.
    /// </summary>
    /// <exception cref="ArgumentException">Overlapping or unknown classes, no validation part, or too few examples of a class.</exception>
    public static (DatasetSplits A, DatasetSplits B) Tasks(DatasetSplits data, IReadOnlyList<int> classesA, IReadOnlyList<int> classesB, int examplesPerClassB, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var val = data.Val ?? throw new ArgumentException("the data needs a validation part to measure both tasks on");
        int c = data.Train.Classes;
        foreach (var (name, classes) in new[] { ("task A", classesA), ("task B", classesB) })
        {
            if (classes.Count == 0) throw new ArgumentException($"{name} needs at least one class");
            foreach (var k in classes)
                if (k < 0 || k >= c) throw new ArgumentException($"{name}: class {k} is not one of the data's classes 0..{c - 1}");
            if (classes.Distinct().Count() != classes.Count) throw new ArgumentException($"{name} lists a class twice");
        }
        if (classesA.Intersect(classesB).FirstOrDefault(-1) is int shared and >= 0)
            throw new ArgumentException($"class {shared} is in both tasks: task B must be new classes");
        if (examplesPerClassB <= 0)
            throw new ArgumentOutOfRangeException(nameof(examplesPerClassB), examplesPerClassB, $"task B needs at least one training example per class, got {examplesPerClassB}");

        var labels = data.Train.Labels;
        var rng = new Rng(seed);
        var bRows = new List<int>();
        foreach (var k in classesB)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == k).ToArray();
            if (members.Length < examplesPerClassB)
                throw new ArgumentException($"class {data.Train.ClassNames[k]} has {members.Length} training examples; task B asks {examplesPerClassB} of each");
            rng.Shuffle(members);
            bRows.AddRange(members.Take(examplesPerClassB));
        }
        bRows.Sort();
        var a = new DatasetSplits(Task(data.Train, classesA, "task A (train)"), Task(val, classesA, "task A (val)"));
        var b = new DatasetSplits(Task(data.Train.Subset(bRows), classesB, "task B (train)"), Task(val, classesB, "task B (val)"));
        return (a, b);
    }

    /// <summary>
    /// Task A: the data's own classes, trained on every training example but the ones set aside for B. Task B:
    /// a yes/no question about the class ("is it one of <paramref name="positive"/>?"), with only
    /// <paramref name="examplesB"/> labelled training examples drawn at random (seeded) from the training part,
    /// and every validation example relabelled yes/no. B's training examples are not in A's, so what B gains comes
    /// from A's features, not from having seen B's pictures.
    /// </summary>
    /// <exception cref="ArgumentException">No validation part, unknown or repeated classes, a question whose answer is always the same, or too few examples.</exception>
    public static (DatasetSplits A, DatasetSplits B) YesNoTasks(DatasetSplits data, IReadOnlyList<int> positive, int examplesB, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(positive);
        var val = data.Val ?? throw new ArgumentException("the data needs a validation part to measure both tasks on");
        int c = data.Train.Classes;
        if (positive.Count == 0 || positive.Count >= c)
            throw new ArgumentException($"the yes/no question needs between 1 and {c - 1} of the {c} classes as its 'yes' answers, got {positive.Count}");
        foreach (var k in positive)
            if (k < 0 || k >= c) throw new ArgumentException($"class {k} is not one of the data's classes 0..{c - 1}");
        if (positive.Distinct().Count() != positive.Count) throw new ArgumentException("the yes/no question lists a class twice");
        if (examplesB < 2 || examplesB >= data.Train.Count)
            throw new ArgumentOutOfRangeException(nameof(examplesB), examplesB, $"task B needs 2..{data.Train.Count - 1} training examples (the rest train task A), got {examplesB}");

        var order = new Rng(seed).Permutation(data.Train.Count);
        var bRows = order[..examplesB].Order().ToArray();
        var aRows = order[examplesB..].Order().ToArray();
        var yes = positive.ToHashSet();
        string question = "is it " + string.Join(", ", positive.Select(k => data.Train.ClassNames[k])) + "?";
        Dataset YesNo(Dataset d, string name) =>
            new(name, d.X, d.Labels.Select(k => yes.Contains(k) ? 1 : 0).ToArray(), ["no", "yes"], d.Image);
        var a = new DatasetSplits(data.Train.Subset(aRows, "task A (train)"), val);
        var b = new DatasetSplits(YesNo(data.Train.Subset(bRows), $"task B: {question} (train)"), YesNo(val, $"task B: {question} (val)"));
        return (a, b);
    }

    /// <summary>The examples of <paramref name="classes"/>, relabelled 0..k-1 in that order, with those classes' names.</summary>
    public static Dataset Task(Dataset data, IReadOnlyList<int> classes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var labels = data.Labels;
        var index = new Dictionary<int, int>();
        for (int k = 0; k < classes.Count; k++) index[classes[k]] = k;
        var rows = Enumerable.Range(0, labels.Length).Where(i => index.ContainsKey(labels[i])).ToArray();
        var subset = data.X.SelectRows(rows);
        var names = classes.Select(k => k < data.ClassNames.Count ? data.ClassNames[k] : k.ToString()).ToArray();
        return new Dataset(name ?? data.Name, subset, rows.Select(i => index[labels[i]]).ToArray(), names, data.Image);
    }

    private static ILayer Copy(ILayer layer)
    {
        var copy = LayerFactory.Create(layer.Spec);
        for (int k = 0; k < layer.Parameters.Count; k++)
            layer.Parameters[k].Value.Data().CopyTo(copy.Parameters[k].Value.Data(), 0);
        foreach (var (name, buffer) in layer.Buffers) buffer.Data().CopyTo(copy.Buffers[name].Data(), 0);
        return copy;
    }
}
