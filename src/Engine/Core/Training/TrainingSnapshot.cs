namespace NotebookDL.Training;

/// <summary>A copy of the network's parameters taken during training (snapshot ensembles), and when.</summary>
/// <param name="Epoch">The (possibly fractional) epoch at which it was taken, e.g. the end of an SGDR cycle.</param>
/// <param name="Network">The parameters and buffers; <see cref="Network.Restore"/> puts them back.</param>
public sealed record TrainingSnapshot(double Epoch, NetworkSnapshot Network);
