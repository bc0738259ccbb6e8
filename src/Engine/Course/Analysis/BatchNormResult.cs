using NotebookDL.Probes;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// The same network trained without and with batch norm (made by <see cref="BatchNormExperiment.Run"/>).
/// </summary>
/// <param name="Plain">The network without batch norm, trained.</param>
/// <param name="PlainHistory">Its training history.</param>
/// <param name="Normalized">The network with batch norm after every hidden Dense, trained.</param>
/// <param name="NormalizedHistory">Its training history.</param>
/// <param name="PlainActivations">The spread of each hidden layer's activations without batch norm (test mode).</param>
/// <param name="NormalizedActivations">The same with batch norm.</param>
/// <param name="FirstLayerStatistics">The first batch-norm layer's running statistics against one training mini-batch's.</param>
public sealed record BatchNormResult(
    Network Plain, TrainingHistory PlainHistory, Network Normalized, TrainingHistory NormalizedHistory,
    ActivationReport PlainActivations, ActivationReport NormalizedActivations, BatchStatistics FirstLayerStatistics);
