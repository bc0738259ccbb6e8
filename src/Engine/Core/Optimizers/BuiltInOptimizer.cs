using System.Numerics;
using NotebookDL.Layers;

namespace NotebookDL.Optimizers;

/// <summary>
/// The engine's update rules: each written once, over the element type, and serving networks in double and in
/// float (an optimiser made by name, e.g. by <see cref="Optimizer.Parse"/>, steps either). The state a rule
/// remembers about a parameter (<see cref="StateArrays"/> arrays of its size, and a step count) is made on the
/// first step that sees it, in the parameter's precision, and reused in place: a step allocates nothing.
/// </summary>
public abstract class BuiltInOptimizer : IOptimizer<double>, IOptimizer<float>
{
    private readonly Dictionary<object, object> _state = new(ReferenceEqualityComparer.Instance);

    public abstract string Name { get; }

    /// <summary>How many parameters have state (0 after <see cref="Reset"/>, and always for a rule without memory).</summary>
    public int StateCount => _state.Count;

    public void Step(IEnumerable<Parameter<double>> parameters, double learningRate) => StepAll(parameters, learningRate);

    public void Step(IEnumerable<Parameter<float>> parameters, double learningRate) => StepAll(parameters, learningRate);

    public void Reset() => _state.Clear();

    public override string ToString() => Name;

    /// <summary>Arrays of a parameter's size the rule remembers: 0 for SGD, 1 for momentum's velocity, 2 for Adam's moments.</summary>
    protected abstract int StateArrays { get; }

    /// <summary>Updates <c>parameter.Value</c> in place from <c>parameter.Grad</c> and the state (null when <see cref="StateArrays"/> is 0).</summary>
    protected abstract void Update<T>(Parameter<T> parameter, RuleState<T>? state, double learningRate) where T : unmanaged, IFloatingPointIeee754<T>;

    private void StepAll<T>(IEnumerable<Parameter<T>> parameters, double learningRate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        HyperparameterCheck.LearningRate(learningRate);
        if (parameters is Parameter<T>[] array)
        {
            foreach (var p in array) Update(p, StateOf(p), learningRate); // no enumerator allocation
        }
        else
        {
            foreach (var p in parameters) Update(p, StateOf(p), learningRate);
        }
    }

    private RuleState<T>? StateOf<T>(Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (StateArrays == 0) return null;
        if (!_state.TryGetValue(p, out var state))
        {
            state = new RuleState<T>(p.Count, StateArrays);
            _state.Add(p, state);
        }
        return (RuleState<T>)state;
    }
}

/// <summary>What a rule remembers about one parameter: arrays of its size (a velocity; Adam's m and v) and its step count.</summary>
public sealed class RuleState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal RuleState(int count, int arrays)
    {
        Arrays = new T[arrays][];
        for (int a = 0; a < arrays; a++) Arrays[a] = new T[count];
    }

    /// <summary>The remembered arrays, in the rule's order (Adam: m, then v).</summary>
    public T[][] Arrays { get; }

    /// <summary>Steps taken so far for this parameter (Adam's t of the bias correction).</summary>
    public int Steps { get; internal set; }
}
