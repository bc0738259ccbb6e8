using NotebookDL.Layers;

namespace NotebookDL.Optimizers;

/// <summary>
/// An update rule: after a backward pass has left dCost/dW in every <see cref="Parameter.Grad"/>,
/// <see cref="Step"/> changes every <see cref="Parameter.Value"/> in place. Rules with memory (momentum's
/// velocity, RMSprop's cache, Adam's moments) keep it per parameter, keyed by the parameter object.
/// </summary>
public interface IOptimizer
{
    /// <summary>The rule and its hyperparameters, e.g. "adam (β1=0.9, β2=0.999, eps=1e-08)".</summary>
    string Name { get; }

    /// <summary>One update of every parameter from its gradient with learning rate <paramref name="learningRate"/> (finite, &gt;= 0).</summary>
    void Step(IEnumerable<Parameter> parameters, double learningRate);

    /// <summary>Forgets the per-parameter state (velocities, caches, moments, step counts).</summary>
    void Reset();
}
