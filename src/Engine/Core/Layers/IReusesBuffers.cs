namespace NotebookDL.Layers;

/// <summary>
/// A built-in layer that can write what it hands out (its forward output, its dx) into buffers of its own,
/// overwritten by the next step of the same batch shape, so that a training step allocates nothing. Only
/// the trainer's steps turn it on (<see cref="Training.Network"/>'s in-place step) and off again; otherwise
/// every Forward returns a new matrix, which a caller (a test, a probe, the stepper's records) may keep.
/// A layer takes its buffers with <c>Mat.Reuse</c> (always: e.g. a dx nobody keeps) or <c>Mat.ReuseIf</c>
/// (while <see cref="ReuseBuffers"/> is on); "reuse" is the engine's one word for it.
/// </summary>
internal interface IReusesBuffers
{
    /// <summary>While true, Forward and Backward return the layer's buffers instead of new matrices.</summary>
    bool ReuseBuffers { get; set; }
}
