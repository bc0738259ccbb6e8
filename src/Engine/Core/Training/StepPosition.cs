namespace NotebookDL.Training;

/// <summary>The four kinds of step a mini-batch is made of, in order.</summary>
public enum StepPhase
{
    /// <summary>One layer's forward pass: Z[l] = A[l−1]·W[l] + b[l], batch norm, A[l] = g(·).</summary>
    Forward,

    /// <summary>The loss of the scores Z[L] and its gradient dZ[L] = (Ŷ − Y)/m.</summary>
    Loss,

    /// <summary>One layer's backward pass: dA[l] → dZ[l] → dW[l], db[l] (and dγ, dβ), then dA[l−1].</summary>
    Backward,

    /// <summary>The optimiser's step on every parameter, W := W − α·dW.</summary>
    Update,
}

/// <summary>
/// One step of a mini-batch: a phase and, for the forward and backward passes, the layer l (1..L). A batch of
/// an L-layer network takes 2L + 2 steps: forward 1..L, the loss, backward L..1, the update.
/// </summary>
/// <param name="Phase">What the step does.</param>
/// <param name="Layer">l for <see cref="StepPhase.Forward"/> and <see cref="StepPhase.Backward"/>; 0 otherwise.</param>
/// <param name="Layers">L, the number of layers.</param>
public sealed record StepPosition(StepPhase Phase, int Layer, int Layers)
{
    /// <summary>The first step of a mini-batch.</summary>
    public bool StartsBatch => Phase == StepPhase.Forward && Layer == 1;

    /// <summary>"forward, layer 1 of 2", "loss", "backward, layer 2 of 2", "update".</summary>
    public override string ToString() => Phase switch
    {
        StepPhase.Forward => $"forward, layer {Layer} of {Layers}",
        StepPhase.Backward => $"backward, layer {Layer} of {Layers}",
        StepPhase.Loss => "loss",
        _ => "update",
    };

    /// <summary>The step after this one within the batch, or the next batch's first step after the update.</summary>
    internal StepPosition Next() => Phase switch
    {
        StepPhase.Forward when Layer < Layers => this with { Layer = Layer + 1 },
        StepPhase.Forward => new(StepPhase.Loss, 0, Layers),
        StepPhase.Loss => new(StepPhase.Backward, Layers, Layers),
        StepPhase.Backward when Layer > 1 => this with { Layer = Layer - 1 },
        StepPhase.Backward => new(StepPhase.Update, 0, Layers),
        _ => new(StepPhase.Forward, 1, Layers),
    };
}
