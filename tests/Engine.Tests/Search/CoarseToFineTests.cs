using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

/// <summary>Coarse to fine: zoom each range around the best trials, keeping its scale, and search again.</summary>
public class CoarseToFineTests
{
    [Fact]
    public void Zooming_shrinks_each_range_around_the_best_values_and_keeps_the_scale()
    {
        var lr = Hyperparameter.Parse("lr", "log:1e-6..1e-1");
        var zoomed = lr.Zoom([2e-4, 5e-4, 1e-4], margin: 0.1);
        Assert.Equal(SearchScale.Log, zoomed.Scale);
        // r from log10(1e-4) = -4 to log10(5e-4) = -3.3, padded by 10% of the 5 decades (0.5) each side.
        Assert.Equal(Math.Pow(10, -4.5), zoomed.Low, 1e-12);
        Assert.Equal(Math.Pow(10, Math.Log10(5e-4) + 0.5), zoomed.High, 1e-12);
        var beta = Hyperparameter.Parse("momentum", "one-minus-log:0.9..0.9999").Zoom([0.99, 0.995]);
        Assert.Equal(SearchScale.OneMinusLog, beta.Scale);
        Assert.InRange(beta.Low, 0.9, 0.99);
        Assert.InRange(beta.High, 0.995, 0.9999);
        var hidden = Hyperparameter.Parse("hidden", "int:10..100").Zoom([60, 64]);
        Assert.Equal((51, 73), ((int)hidden.Low, (int)hidden.High));
        var activation = Hyperparameter.Parse("activation", "choice:relu,tanh,elu").Zoom(["tanh", "relu"]);
        Assert.Equal(["relu", "tanh"], activation.Choices);
    }

    [Fact]
    public void Zooming_stays_inside_the_original_range()
    {
        var lr = Hyperparameter.Parse("lr", "log:1e-6..1e-1");
        var zoomed = lr.Zoom([1e-6, 2e-6]);
        Assert.Equal(1e-6, zoomed.Low, 1e-18);
        Assert.True(zoomed.High < 1e-5);
    }

    [Fact]
    public void A_coarse_search_then_a_fine_one_on_digits_narrows_every_range_around_the_best_trials()
    {
        var search = new HyperparameterSearch();
        var stages = CoarseToFine.Run(search, SearchData.LrReg, SearchData.Trial(SearchData.LrReg),
            [new SearchStage(Trials: 12, Epochs: 1, Top: 3), new SearchStage(Trials: 6, Epochs: 2)], new SearchOptions { Seed = 0 });
        Assert.Equal(2, stages.Count);
        var (coarse, fine) = (stages[0], stages[1]);
        Assert.Equal(2, fine.Options.Stage);
        var top = coarse.Top(3);
        foreach (var d in fine.Space.Dimensions)
        {
            var old = coarse.Space.Find(d.Name)!;
            Assert.Equal(old.Scale, d.Scale);
            Assert.True(d.ScaleRange.Hi - d.ScaleRange.Lo < old.ScaleRange.Hi - old.ScaleRange.Lo, $"{d} is no narrower than {old}");
            Assert.All(top, t => Assert.InRange(t.Parameters.Number(d.Name), d.Low, d.High));
        }
        Assert.All(fine.Trials, t => Assert.Equal(2, t.Epochs));
        Assert.True(fine.Best!.ValAccuracy >= coarse.Best!.ValAccuracy - 0.02, $"coarse {coarse.Summary()}\nfine {fine.Summary()}");
        // Refine does the same from a finished stage.
        var again = search.Refine(coarse, SearchData.Trial(SearchData.LrReg), new SearchOptions { Trials = 6, Epochs = 2, Seed = 0 }, top: 3);
        Assert.All(again.Trials.Zip(fine.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second)));
    }
}
