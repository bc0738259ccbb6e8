namespace NotebookDL;

/// <summary>
/// Whether a forward pass is part of training or of evaluation. Batch norm uses batch statistics in
/// <see cref="Train"/> and its running averages in <see cref="Test"/>; dropout is active only in
/// <see cref="Train"/> (cs231n passes <c>mode</c> the same way).
/// </summary>
public enum Mode
{
    Train,
    Test,
}
