using NotebookDL.Layers;
using NotebookDL.Optimizers;

namespace NotebookDL.Exercises;

/// <summary>
/// A learner's passing implementation made ready to replace the engine's own: either every layer of one
/// kind in the networks <see cref="Training.Mlp"/> builds (through <see cref="Training.MlpOptions.LayerOverrides"/>),
/// or one optimiser rule of training (through <see cref="Training.TrainOptions.OptimizerFactory"/>).
/// </summary>
/// <param name="Exercise">The exercise it passed, e.g. "batchnorm".</param>
/// <param name="Implementation">What the learner wrote, e.g. "MyBatchNorm".</param>
/// <param name="Target">What it replaces, e.g. "BatchNorm" (a layer kind) or "adam" (an optimiser name).</param>
public sealed record Replacement(string Exercise, string Implementation, string Target)
{
    /// <summary>
    /// For a layer: given the layer <see cref="Training.Mlp"/> would have used, the learner's layer to use
    /// instead (same widths, same settings where the learner's code takes them). Null for an optimiser.
    /// </summary>
    public Func<ILayer, ILayer>? Layer { get; init; }

    /// <summary>For an optimiser: a fresh learner's rule for the given hyperparameters. Null for a layer.</summary>
    public Func<OptimizerOptions?, IOptimizer>? Optimizer { get; init; }

    /// <summary>True for a layer replacement.</summary>
    public bool IsLayer => Layer is not null;

    /// <summary>"your MyBatchNorm (batchnorm) for every BatchNorm layer".</summary>
    public override string ToString() =>
        IsLayer ? $"your {Implementation} ({Exercise}) for every {Target} layer" : $"your {Implementation} ({Exercise}) as the {Target} optimiser";
}
