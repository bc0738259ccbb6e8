using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Probes;
using NotebookDL.Regularization;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Training;

/// <summary>
/// A training run that can be stepped through: one layer at a time (<see cref="StepLayer"/>: the forward pass
/// layer by layer, the loss, the backward pass layer by layer, the update), one mini-batch (<see cref="Step"/>),
/// one epoch (<see cref="StepEpoch"/>), or on to the end or a condition (<see cref="Continue(StopCondition?, TimeSpan?, CancellationToken)"/>).
/// It does exactly what <see cref="Trainer.Train"/> does with the same network, data, options and seed (the
/// same shuffles, batches, operations in the same order, the same divergence checks), so stepping ends in
/// bit-identical parameters. Each mini-batch is recorded in <see cref="Current"/> as the lecture draws it:
/// Z, μ, σ², Z_norm, Z̃, A on the way forward, dA, dZ̃, dZ, dW, db, dγ, dβ on the way back, and every
/// parameter's update, all copies taken at the moment of the step.
/// </summary>
/// <remarks>
/// The session owns its network between steps: a forward pass run on it from elsewhere in the middle of a
/// mini-batch would replace the caches its backward pass needs. <see cref="TrainOptions.MaxDuration"/> is not a
/// budget here (a learner pauses for as long as they like); <see cref="Continue(StopCondition?, TimeSpan?, CancellationToken)"/>
/// takes one per call.
/// </remarks>
public sealed class TrainingSession
{
    private readonly Func<Network>? _create;
    private readonly NetworkSnapshot? _initial;
    private readonly List<IterationGlance> _glances = [];
    private TrainingLoop<double> _loop;
    private LectureLayer[] _layers;
    private StepRecord? _current;
    private StepPosition _next;
    private bool _open;
    private MiniBatch<double> _batch;
    private Matrix<double>? _signal; // what flows: the activation on the way forward, the gradient on the way back

    /// <summary>
    /// A session training <paramref name="network"/> in place. <see cref="Reset"/> puts its initial parameters
    /// and buffers back (dropout layers go on with their random sequence: use <see cref="Create"/> for a fresh one).
    /// </summary>
    public TrainingSession(Network network, Dataset train, Dataset? val, TrainOptions options)
        : this(network, null, train, val, options) { }

    private TrainingSession(Network network, Func<Network>? create, Dataset train, Dataset? val, TrainOptions options)
    {
        _create = create;
        _loop = NewLoop(network, train, val, options);
        _initial = create is null ? network.Snapshot() : null;
        _layers = LectureLayer.Of(network);
        _next = new StepPosition(StepPhase.Forward, 1, _layers.Length);
    }

    /// <summary>A session on a fresh network built from <paramref name="architecture"/>; <see cref="Reset"/> builds it again.</summary>
    public static TrainingSession Create(MlpOptions architecture, Dataset train, Dataset? val, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return new TrainingSession(Mlp.Create(architecture), () => Mlp.Create(architecture), train, val, options);
    }

    /// <summary>After each completed mini-batch (its record complete).</summary>
    public event Action<StepRecord>? BatchCompleted;

    /// <summary>After each completed epoch.</summary>
    public event Action<EpochSummary>? EpochCompleted;

    public Network Network => _loop.Net;
    public Dataset Train => _loop.Train;
    public Dataset? Val => _loop.Val;
    public TrainOptions Options => _loop.Options;

    /// <summary>The update rule, e.g. "sgd".</summary>
    public string Optimizer => _loop.Optimizer.Name;

    /// <summary>L, the layers as the lecture counts them (hidden layers and the output layer).</summary>
    public int LayerCount => _layers.Length;

    /// <summary>Each layer's engine layers, e.g. "Dense 64→100 (no bias) → BatchNorm(100) → ReLU" (index l − 1).</summary>
    public IReadOnlyList<string> LayerNames => _layers.Select(l => l.Name).ToArray();

    /// <summary>The mini-batch being stepped through, or the last one completed; null before the first step.</summary>
    public StepRecord? Current => _current;

    /// <summary>What the next <see cref="StepLayer"/> does.</summary>
    public StepPosition Next => _next;

    /// <summary>A mini-batch is part-way through (forward, loss or backward steps done, update not yet).</summary>
    public bool InBatch => _open;

    /// <summary>The run has ended: all epochs done, or it diverged (see <see cref="History"/>).</summary>
    public bool Finished => _loop.Finished;

    /// <summary>Mini-batches completed.</summary>
    public int Iteration => _loop.Iteration;

    /// <summary>1-based epoch of the current or next mini-batch (the last epoch once finished).</summary>
    public int Epoch => _open ? _batch.Epoch : Math.Min(_loop.Epoch, Options.Epochs);

    public int IterationsPerEpoch => _loop.PerEpoch;

    /// <summary>m, examples per mini-batch (the last one of an epoch may have fewer).</summary>
    public int BatchSize => _loop.BatchSize;

    /// <summary>The costs and epoch log so far (the same object as it grows).</summary>
    public TrainingHistory History => _loop.History;

    /// <summary>Time spent stepping (pauses between steps do not count).</summary>
    public TimeSpan Elapsed => _loop.Clock.Elapsed;

    /// <summary>The network at a glance for <see cref="Current"/>: one row per layer (NaN where the batch has not got to yet).</summary>
    public IReadOnlyList<LayerGlance> Glance => BuildGlance(_current);

    /// <summary>The glance of every completed mini-batch since the start (or the last <see cref="Reset"/>), in order.</summary>
    public IReadOnlyList<IterationGlance> Glances => _glances;

    /// <summary>
    /// One step of the current mini-batch (starting the next one if none is open): the forward pass of one
    /// layer, the loss, the backward pass of one layer, or the update. Returns the batch's record.
    /// </summary>
    public StepRecord StepLayer()
    {
        EnsureRunning();
        _loop.Clock.Start();
        try
        {
            Advance();
        }
        finally
        {
            _loop.Clock.Stop();
        }
        return _current!;
    }

    /// <summary>One whole mini-batch (or the rest of the one part-way through). Returns its record.</summary>
    public StepRecord Step()
    {
        EnsureRunning();
        _loop.Clock.Start();
        try
        {
            do Advance(); while (_open);
        }
        finally
        {
            _loop.Clock.Stop();
        }
        return _current!;
    }

    /// <summary>
    /// To the end of the current epoch (a whole epoch when none is under way). Cancelling <paramref name="ct"/>
    /// or running out of <paramref name="maxDuration"/> pauses between mini-batches; the session can go on.
    /// </summary>
    public SessionPause StepEpoch(TimeSpan? maxDuration = null, CancellationToken ct = default)
    {
        EnsureRunning();
        int epoch = Epoch;
        return Run(s => s.History.Epochs.Count >= epoch ? s.History.Epochs[epoch - 1].Format(s.Options.Epochs) : null,
            PauseReason.EpochEnded, maxDuration, ct, checkFirst: false);
    }

    /// <summary>
    /// On to the end of the run, or until <paramref name="until"/> holds (checked after every mini-batch; when it
    /// already holds nothing runs). Cancelling <paramref name="ct"/> or running out of <paramref name="maxDuration"/>
    /// pauses between mini-batches. A batch part-way through is finished first.
    /// </summary>
    public SessionPause Continue(StopCondition? until = null, TimeSpan? maxDuration = null, CancellationToken ct = default)
    {
        EnsureRunning();
        until?.CheckMeasurable(this);
        Func<TrainingSession, string?>? met = until is null ? null
            : s => until.IsMet(s) ? Invariant($"{until} at iteration {s.Iteration} ({until.Quantity} {until.Measure(s)!.Value:G4})") : null;
        return Run(met, PauseReason.ConditionMet, maxDuration, ct, checkFirst: true);
    }

    /// <summary>As <see cref="Continue(StopCondition?, TimeSpan?, CancellationToken)"/> with a condition of your own.</summary>
    public SessionPause Continue(Func<TrainingSession, bool> until, TimeSpan? maxDuration = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(until);
        EnsureRunning();
        return Run(s => until(s) ? $"the condition held at iteration {s.Iteration}" : null, PauseReason.ConditionMet, maxDuration, ct, checkFirst: true);
    }

    /// <summary>
    /// Back to the start: the initial weights (built again for <see cref="Create"/>, restored otherwise), fresh
    /// optimiser state, the same shuffles as the first time.
    /// </summary>
    public void Reset()
    {
        var (train, val, options) = (Train, Val, Options);
        var net = Network;
        _loop.Dispose();
        if (_create is not null) net = _create();
        else net.Restore(_initial!);
        _loop = NewLoop(net, train, val, options);
        _layers = LectureLayer.Of(net);
        (_current, _open, _signal, _next) = (null, false, null, new StepPosition(StepPhase.Forward, 1, _layers.Length));
        _glances.Clear();
    }

    /// <summary>"epoch 1 / 10, iteration 3 / 80 (next: forward, layer 1 of 2), last cost 2.2912".</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var state = Finished ? $"finished: {History.StopMessage}" : $"next: {(_open ? "" : "a new batch, ")}{_next}";
        var cost = History.Costs.Count > 0 ? string.Format(c, ", last cost {0:F4}", History.Costs[^1]) : "";
        return string.Format(c, "training session: epoch {0} / {1}, iteration {2} / {3} ({4}){5}",
            Epoch, Options.Epochs, Iteration, Options.Epochs * IterationsPerEpoch, state, cost);
    }

    private TrainingLoop<double> NewLoop(Network net, Dataset train, Dataset? val, TrainOptions options)
    {
        if (options?.Dtype == Dtype.Float32)
            throw new ArgumentException(
                "a training session steps through the run in float64 (it records every number in double): TrainOptions.Dtype float32 is for Trainer.Train");
        var loop = new TrainingLoop<double>(net, train, val, options);
        loop.EpochCompleted += summary => EpochCompleted?.Invoke(summary);
        return loop;
    }

    private void EnsureRunning()
    {
        if (Finished)
            throw new InvalidOperationException($"the session has ended ({History.StopMessage}): Reset() starts it again");
    }

    private SessionPause Run(Func<TrainingSession, string?>? met, PauseReason reasonWhenMet, TimeSpan? budget, CancellationToken ct, bool checkFirst)
    {
        var clock = Stopwatch.StartNew();
        int start = Iteration;
        SessionPause Pause(PauseReason reason, string message) => new(reason, message, Iteration - start, clock.Elapsed);
        if (checkFirst && !_open && met?.Invoke(this) is string already)
            return Pause(PauseReason.AlreadyMet, $"{already} already: nothing to run");
        while (!Finished)
        {
            if (!_open && ct.IsCancellationRequested)
                return Pause(PauseReason.Cancelled, $"cancelled: paused after iteration {Iteration}");
            if (!_open && budget is TimeSpan b && clock.Elapsed >= b)
                return Pause(PauseReason.TimeBudget, Invariant($"time budget of {b.TotalSeconds:G4} s reached: paused after iteration {Iteration}"));
            Step();
            if (met?.Invoke(this) is string message) return Pause(reasonWhenMet, message);
        }
        return Pause(PauseReason.Finished, History.StopMessage);
    }

    private void Advance()
    {
        if (!_open) Open();
        var step = _next;
        switch (step.Phase)
        {
            case StepPhase.Forward:
                Forward(_layers[step.Layer - 1]);
                break;
            case StepPhase.Loss:
                Loss();
                break;
            case StepPhase.Backward:
                Backward(_layers[step.Layer - 1]);
                break;
            default:
                Update();
                break;
        }
        _current!.Last = step;
        _current.Started = true;
        _next = step.Next();
        if (step.Phase == StepPhase.Update) Close();
    }

    private void Open()
    {
        _batch = _loop.BeginBatch();
        _signal = _batch.X;
        var records = _layers.Select(l => new LayerRecord(l.Index, l.Name, Enumerable.Range(l.First, l.Last - l.First + 1).ToArray(),
            l.Index == _layers.Length, l.Inputs, l.Units)).ToArray();
        _current = new StepRecord(Train, _batch.Epoch, Options.Epochs, _batch.Index + 1, _loop.PerEpoch, _loop.Iteration + 1,
            _batch.Rows.ToArray(), _batch.Y, _batch.LearningRate, records);
        _open = true;
    }

    /// <summary>Layer l's engine layers forward, exactly as <see cref="Network.Forward"/> runs them, recording copies.</summary>
    private void Forward(LectureLayer l)
    {
        var record = _current!.Layer(l.Index);
        for (int i = l.First; i <= l.Last; i++)
        {
            var layer = Network.Layers[i];
            var input = record.Forward.Count > 0 ? record.Forward[^1].Symbol : l.Index == 1 ? "X" : $"A[{l.Index - 1}]";
            _signal = Network.ForwardLayer(i, _signal!, Mode.Train);
            if (layer is BatchNorm bn)
            {
                record.AddForward(Recorded("mean", $"μ[{l.Index}]", $"(1/m) Σ {input} over the batch, per unit", bn.LastMean!));
                record.AddForward(Recorded("var", $"σ²[{l.Index}]", $"(1/m) Σ ({input} − μ)², per unit", bn.LastVariance!));
                record.AddForward(Recorded("Z_norm", $"Z_norm[{l.Index}]", Invariant($"({input} − μ) / √(σ² + ε), ε = {bn.Eps:0.##e+00}"), bn.LastNormalized!));
            }
            var (name, symbol, formula) = OutputOf(layer, l, input);
            record.AddForward(Recorded(name, symbol, formula, _signal, layer == l.Activation ? layer : null));
        }
        record.ForwardDone = true;
    }

    private void Loss()
    {
        var net = Network;
        var loss = net.Loss.Compute(_signal!, _batch.Y);
        var c = _current!;
        c.DataLoss = loss.Loss;
        c.RegularizationLoss = net.Regularizer.Cost(net.Parameters); // as Network.ComputeGradients adds it
        int L = _layers.Length;
        c.Scores = c.Layer(L).Forward[^1];
        c.Probabilities = net.Loss switch
        {
            SoftmaxCrossEntropy => Recorded("Y_hat", "Ŷ", $"softmax of each row of Z[{L}]", Softmax.Rows(_signal!)),
            SigmoidCrossEntropy => Recorded("Y_hat", "Ŷ", $"σ(Z[{L}]) element by element", _signal!.Map(z => 1 / (1 + Math.Exp(-z)))),
            _ => null,
        };
        c.DScores = Recorded("dZ", $"dZ[{L}]", net.Loss is SoftmaxCrossEntropy or SigmoidCrossEntropy ? "(Ŷ − Y) / m" : $"∂({net.Loss.Name})/∂Z[{L}]", loss.DScores);
        _signal = loss.DScores;
    }

    /// <summary>
    /// Layer l's engine layers backward, as <see cref="Network.Backward"/> runs them, each followed by its share of
    /// <see cref="Regularizer.AddGradients"/> (element by element the same sums as adding it after the whole pass).
    /// </summary>
    private void Backward(LectureLayer l)
    {
        var net = Network;
        var record = _current!.Layer(l.Index);
        string? incoming = null; // the symbol of the gradient the layer after this one received
        for (int i = l.Last; i >= l.First; i--)
        {
            var layer = net.Layers[i];
            var output = record.Forward[IndexOfOutput(i, l)];
            string formula = i < l.Last ? BackwardFormula(net.Layers[i + 1], incoming!)
                : l.Index < _layers.Length ? $"dZ[{l.Index + 1}]·W[{l.Index + 1}]ᵀ, from layer {l.Index + 1}" : "";
            var gradient = i == net.Layers.Count - 1 && output.Name == "Z" && _current.DScores is { } dScores
                ? dScores // dZ[L], recorded by the loss step
                : Recorded("d" + output.Name, "d" + output.Symbol, formula, _signal!);
            record.AddBackward(gradient);
            incoming = gradient.Symbol;
            _signal = layer.Backward(_signal!);
            net.Regularizer.AddGradients(layer.Parameters);
            var input = i > l.First ? record.Forward[IndexOfOutput(i - 1, l)].Symbol : l.Index == 1 ? "X" : $"A[{l.Index - 1}]";
            foreach (var p in layer.Parameters)
                record.AddBackward(Recorded("d" + p.Name, $"d{Symbol(p.Name)}[{l.Index}]", GradientFormula(p, output.Symbol, input, net.Regularizer), p.Grad));
        }
        record.BackwardDone = true;
    }

    private void Update()
    {
        var c = _current!;
        var updated = new HashSet<Parameter>(_loop.Parameters, ReferenceEqualityComparer.Instance);
        var before = new List<(int Layer, Parameter P, Matrix<double> Value)>();
        foreach (var l in _layers)
            for (int i = l.First; i <= l.Last; i++)
                foreach (var p in Network.Layers[i].Parameters)
                    before.Add((l.Index, p, p.Value.Clone()));

        var (stepped, epochEnded) = _loop.CompleteBatch(c.Cost);
        foreach (var (layer, p, value) in before)
        {
            bool applied = stepped && updated.Contains(p);
            var delta = applied ? p.Value - value : null;
            c.AddUpdate(new ParameterUpdate(layer, p.Name, $"{Symbol(p.Name)}[{layer}]", applied, value, delta,
                Norm(p.Grad), delta is null ? 0 : Norm(delta), Norm(value)));
        }
        c.EpochEnded = epochEnded;
        if (_loop.Finished) c.StopMessage = _loop.Finish().StopMessage;
    }

    private void Close()
    {
        _open = false;
        _signal = null; // the batch's matrices belong to the gatherer and the layers again
        _glances.Add(new IterationGlance(_current!.Iteration, _current.Cost, BuildGlance(_current)));
        BatchCompleted?.Invoke(_current);
    }

    private List<LayerGlance> BuildGlance(StepRecord? record)
    {
        var rows = new List<LayerGlance>(_layers.Length);
        foreach (var l in _layers)
        {
            var r = record?.Layer(l.Index);
            var a = r is null ? null : r.Get("A") ?? (r.Forward.Count > 0 ? r.Forward[^1] : null);
            var gradient = r is null ? null : r.Get("dZ") ?? (r.Backward.Count > 0 ? r.Backward[0] : null);
            var w = Enumerable.Range(l.First, l.Last - l.First + 1).SelectMany(i => Network.Layers[i].Parameters).FirstOrDefault(p => p.Name == "W");
            bool relu = a is not null && !double.IsNaN(a.Summary.DeadUnits);
            rows.Add(new LayerGlance(l.Index, l.Name, a?.Summary.Mean ?? double.NaN, a?.Summary.Std ?? double.NaN,
                a?.Summary.Saturated ?? double.NaN, relu ? a!.Summary.Zeros : double.NaN, a?.Summary.DeadUnits ?? double.NaN,
                gradient?.Summary.Std ?? double.NaN, w is null ? double.NaN : TensorSummary.Of(w.Value).Std,
                record?.Update($"W[{l.Index}]")?.Ratio ?? double.NaN));
        }
        return rows;
    }

    private static RecordedTensor Recorded(string name, string symbol, string formula, Matrix<double> value, ILayer? activation = null)
    {
        var copy = value.Clone(); // the engine reuses its buffers: keep what this step saw
        return new RecordedTensor(name, symbol, formula, copy, TensorSummary.Of(copy, activation));
    }

    /// <summary>The name, symbol and formula of an engine layer's output within lecture layer l.</summary>
    private static (string Name, string Symbol, string Formula) OutputOf(ILayer layer, LectureLayer l, string input) => layer switch
    {
        Dense d => ("Z", $"Z[{l.Index}]", $"{input}·W[{l.Index}]" + (d.B is null ? " (no bias: batch norm's β takes its role)" : $" + b[{l.Index}]")),
        Maxout m => ("A", $"A[{l.Index}]", $"max over {m.Pieces} pieces of {input}·W_k + b_k"),
        BatchNorm => ("Z_tilde", $"Z̃[{l.Index}]", "γ·Z_norm + β"),
        Activation or PReLU => ("A", $"A[{l.Index}]", $"{layer.Name}({input})"),
        Dropout dr => ("A_drop", $"A_drop[{l.Index}]", Invariant($"{input} ⊙ mask / (1 − p), p = {dr.DropProbability:G3} (inverted dropout)")),
        _ when layer.Spec.Kind == "BatchNorm" => ("Z_tilde", $"Z̃[{l.Index}]", $"{layer.Name}({input}) (your batch norm)"),
        _ => ("out", $"{layer.Name}[{l.Index}]", $"{layer.Name}({input})"),
    };

    /// <summary>How the gradient reaching a layer's output came out of the layer after it.</summary>
    private static string BackwardFormula(ILayer after, string incoming) => after switch
    {
        BatchNorm => "through batch norm: γ/(m·√(σ² + ε))·(m·dZ̃ − Σ dZ̃ − Z_norm·Σ(dZ̃ ⊙ Z_norm))",
        Activation or PReLU => $"{incoming} ⊙ {after.Name}′",
        Dropout => $"{incoming} ⊙ mask / (1 − p)",
        _ => $"{after.Name}'s backward of {incoming}",
    };

    private static string GradientFormula(Parameter p, string outputSymbol, string input, Regularizer reg)
    {
        string d = "d" + outputSymbol;
        string basic = p.Name switch
        {
            "W" => $"{input}ᵀ·{d}",
            "b" => $"Σ over the batch of {d}",
            "gamma" => $"Σ over the batch of {d} ⊙ Z_norm",
            "beta" => $"Σ over the batch of {d}",
            _ => $"∂J/∂{p.Name}",
        };
        if (!p.Regularized || reg.Kind == RegularizationKind.None || reg.Lambda == 0) return basic;
        return basic + reg.Kind switch
        {
            RegularizationKind.L2 => Invariant($" + λ·{p.Name} (L2, λ = {reg.Lambda:G3})"),
            RegularizationKind.L1 => Invariant($" + λ·sign({p.Name}) (L1, λ = {reg.Lambda:G3})"),
            _ => Invariant($" + the elastic net's gradient (λ = {reg.Lambda:G3})"),
        };
    }

    /// <summary>The index in the layer record's forward list of engine layer i's output.</summary>
    private int IndexOfOutput(int i, LectureLayer l)
    {
        // Every engine layer adds one output, batch norm three statistics before it.
        int k = -1;
        for (int j = l.First; j <= i; j++) k += Network.Layers[j] is BatchNorm ? 4 : 1;
        return k;
    }

    private static string Symbol(string parameter) => parameter switch
    {
        "gamma" => "γ",
        "beta" => "β",
        "alpha" => "α",
        _ => parameter,
    };

    private static double Norm(Matrix<double> m)
    {
        var v = m.Data();
        return Math.Sqrt(Ops.Dot(v, v));
    }
}
