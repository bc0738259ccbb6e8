using NotebookDL.Layers;

namespace NotebookDL.Optimizers;

/// <summary>
/// An optimiser that keeps state per parameter (a velocity, a cache, moments): the state is created on the
/// first step that sees a parameter, keyed by the <see cref="Parameter"/> object, and reused in place
/// afterwards, so a step allocates nothing. Derive from it to add a rule (e.g. AdaGrad in a notebook).
/// </summary>
/// <typeparam name="TState">What the rule remembers about one parameter.</typeparam>
public abstract class ParameterOptimizer<TState> : IOptimizer where TState : class
{
    private readonly Dictionary<Parameter, TState> _state = new(ReferenceEqualityComparer.Instance);

    public abstract string Name { get; }

    /// <summary>How many parameters have state (0 after <see cref="Reset"/>).</summary>
    public int StateCount => _state.Count;

    public void Step(IEnumerable<Parameter> parameters, double learningRate)
    {
        HyperparameterCheck.LearningRate(learningRate);
        if (parameters is Parameter[] array)
        {
            foreach (var p in array) Update(p, StateOf(p), learningRate); // no enumerator allocation
        }
        else
        {
            foreach (var p in parameters) Update(p, StateOf(p), learningRate);
        }
    }

    public void Reset() => _state.Clear();

    public override string ToString() => Name;

    /// <summary>The state of a parameter seen for the first time (arrays of zeros of its size).</summary>
    protected abstract TState CreateState(Parameter parameter);

    /// <summary>Updates <c>parameter.Value</c> in place from <c>parameter.Grad</c> and the state.</summary>
    protected abstract void Update(Parameter parameter, TState state, double learningRate);

    private TState StateOf(Parameter p)
    {
        if (!_state.TryGetValue(p, out var state))
        {
            state = CreateState(p);
            _state.Add(p, state);
        }
        return state;
    }
}
