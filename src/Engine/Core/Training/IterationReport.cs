namespace NotebookDL.Training;

/// <summary>What <see cref="Trainer.IterationCompleted"/> reports after each mini-batch.</summary>
/// <param name="Epoch">1-based epoch the iteration belongs to.</param>
/// <param name="Iteration">1-based count of iterations so far (the cost is <c>history.Costs[Iteration - 1]</c>).</param>
/// <param name="Cost">The mini-batch cost (data loss + regularisation) before the update.</param>
/// <param name="LearningRate">The rate of this update.</param>
public sealed record IterationReport(int Epoch, int Iteration, double Cost, double LearningRate);
