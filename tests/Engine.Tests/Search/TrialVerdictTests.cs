using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

/// <summary>Every search trial carries the verdict #!train would print on its run, as a tag for the trials table.</summary>
public class TrialVerdictTests
{
    private static readonly DatasetSplits Digits = NotebookDL.Data.Digits.Prepared();

    private static TrialResult Trial(double lr, int epochs)
    {
        var outcome = MlpTrial.Train(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [50] },
            new TrainOptions { LearningRate = lr, Epochs = epochs }, Digits.Train, Digits.Val!);
        return TrialResult.From(new TrialRequest(0, SearchData.Config(("lr", lr)), 0, epochs), outcome, 0);
    }

    [Theory]
    [InlineData(1e-6, 5, "too low")]   // the cost does not move
    [InlineData(1e4, 5, "too high")]   // it explodes at once
    [InlineData(0.1, 100, "ok")]       // 1.00 / 0.97 on the digits
    public void A_trial_is_tagged_with_its_run_s_verdict(double lr, int epochs, string tag)
    {
        var trial = Trial(lr, epochs);
        Assert.Equal(tag, trial.Tag);
        Assert.Equal(TrainingVerdict.Of(MlpTrial.Train(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [50] },
            new TrainOptions { LearningRate = lr, Epochs = epochs }, Digits.Train, Digits.Val!).History).Kind, trial.Verdict);
    }
}
