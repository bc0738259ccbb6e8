namespace NotebookDL.Search;

/// <summary>
/// One stage of a staged search (the lecture's cross-validation in stages): short trials first, e.g.
/// 100 trials x 5 epochs, then longer trials in the space zoomed around the <see cref="Top"/> best.
/// </summary>
/// <param name="Trials">Trials in this stage.</param>
/// <param name="Epochs">Epochs per trial in this stage.</param>
/// <param name="Top">How many of this stage's best trials the next stage zooms around.</param>
public sealed record SearchStage(int Trials, int Epochs, int Top = 5);
