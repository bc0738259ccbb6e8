using System.Numerics;
using NotebookDL.Layers;

namespace NotebookDL.Optimizers;

/// <summary>
/// An update rule: after a backward pass has left dCost/dW in every <see cref="Parameter{T}.Grad"/>,
/// <see cref="Step"/> changes every <see cref="Parameter{T}.Value"/> in place. Rules with memory (momentum's
/// velocity, RMSprop's cache, Adam's moments) keep it per parameter, keyed by the parameter object. T is the
/// parameters' element type: <c>IOptimizer</c> is IOptimizer&lt;double&gt;; the engine's own rules
/// (<see cref="BuiltInOptimizer"/>) take networks of both precisions.
/// </summary>
public interface IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The rule and its hyperparameters, e.g. "adam (β1=0.9, β2=0.999, eps=1e-08)".</summary>
    string Name { get; }

    /// <summary>One update of every parameter from its gradient with learning rate <paramref name="learningRate"/> (finite, &gt;= 0).</summary>
    void Step(IEnumerable<Parameter<T>> parameters, double learningRate);

    /// <summary>Forgets the per-parameter state (velocities, caches, moments, step counts).</summary>
    void Reset();
}
