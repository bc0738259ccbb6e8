using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Probes;

namespace NotebookDL.Training;

/// <summary>
/// One intermediate of a training step as a <see cref="TrainingSession"/> recorded it: a copy taken at that
/// moment (the engine reuses its own buffers at the next step; this never changes), its summary, and what it
/// is in the lecture's notation.
/// </summary>
/// <param name="Name">The key <see cref="LayerRecord.Get"/> takes: Z, mean, var, Z_norm, Z_tilde, A, dA, dZ, dW, db, dgamma, dbeta, ...</param>
/// <param name="Symbol">The lecture's symbol with the layer, e.g. "Z̃[1]" or "dW[2]".</param>
/// <param name="Formula">How it was computed, e.g. "γ·Z_norm + β".</param>
/// <param name="Value">The copy: (N, units) for activations and their gradients, (1, units) for batch statistics, the parameter's shape for gradients.</param>
/// <param name="Summary">Mean, std, range, saturated or dead share.</param>
public sealed record RecordedTensor(string Name, string Symbol, string Formula, Matrix<double> Value, TensorSummary Summary)
{
    public override string ToString() => $"{Symbol} = {Formula}  {Summary}";
}
