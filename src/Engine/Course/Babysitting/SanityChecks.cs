using System.Globalization;
using NotebookDL.Training;

namespace NotebookDL.Babysitting;

/// <summary>
/// The outcome of the lecture's three babysitting checks (made by <see cref="SanityCheck.Run"/>).
/// </summary>
/// <param name="LnC">ln C, the cost every class equally likely gives: −log(1/C).</param>
/// <param name="InitialCost">The cost with small weights and no regularisation.</param>
/// <param name="InitialCostOk">Whether it is within 5% of ln C.</param>
/// <param name="Lambda">λ of the L2 term of the second check.</param>
/// <param name="RegularizedCost">The cost of the same weights with the L2 term.</param>
/// <param name="RegularizationOk">Whether the L2 term raised the cost.</param>
/// <param name="Examples">How many examples the overfit check trained on.</param>
/// <param name="OverfitLearningRate">The last learning rate tried (the one that overfit, when one did).</param>
/// <param name="Overfit">The history of the last overfit run.</param>
/// <param name="OverfitOk">Whether it ended at train accuracy 1.00.</param>
/// <param name="OverfitTries">Every learning rate tried, with the train accuracy it reached.</param>
public sealed record SanityChecks(
    double LnC, double InitialCost, bool InitialCostOk,
    double Lambda, double RegularizedCost, bool RegularizationOk,
    int Examples, double OverfitLearningRate, TrainingHistory Overfit, bool OverfitOk,
    (double LearningRate, double TrainAccuracy)[] OverfitTries)
{
    /// <summary>C, the number of classes.</summary>
    public int Classes { get; init; }

    /// <summary>Epochs each overfit run was asked for.</summary>
    public int Epochs { get; init; }

    /// <summary>The overfit check's time budget, all learning rates together (null = none).</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>Time the overfit check took, all learning rates together.</summary>
    public TimeSpan OverfitElapsed { get; init; }

    /// <summary>The train accuracy the last overfit run ended at (0 when it ended before its first epoch).</summary>
    public double FinalTrainAccuracy => Overfit.Epochs.LastOrDefault()?.TrainAccuracy ?? 0;

    /// <summary>The lecture's verdict on the last overfit run (the same as <c>#!train</c>'s): why it did not reach 1.00, when it did not.</summary>
    public TrainingVerdict OverfitVerdict => TrainingVerdict.Of(Overfit);

    public bool AllPassed => InitialCostOk && RegularizationOk && OverfitOk;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "initial cost {0:F4} vs ln C = {1:F4}: {2}\ncost with L2 λ={3:G3}: {4:F4}: {5}\noverfit {6} examples: train accuracy {7:F2} at lr {8:G3}: {9}",
        InitialCost, LnC, InitialCostOk ? "pass" : "fail", Lambda, RegularizedCost, RegularizationOk ? "pass" : "fail",
        Examples, FinalTrainAccuracy, OverfitLearningRate, OverfitOk ? "pass" : "fail");
}
