using NotebookDL.Search;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Search;

/// <summary>Which parameter explains the variance of the result (epsilon squared of a one-way ANOVA per parameter).</summary>
public class ImportanceTests
{
    [Fact]
    public void A_parameter_that_decides_the_accuracy_explains_most_of_its_variance_and_an_irrelevant_one_almost_none()
    {
        var space = new SearchSpace(Hyperparameter.Parse("reg", "log:1e-5..1e1"), Hyperparameter.Parse("lr", "log:1e-4..1"));
        var rng = new Rng(0);
        var trials = space.Sample(100, rng).Select((c, i) =>
        {
            // Accuracy peaks at lr = 1e-2 and ignores reg, plus a little noise.
            double r = Math.Log10(c.Number("lr"));
            return SearchData.Made(i, c, 0.9 - 0.1 * (r + 2) * (r + 2) + 0.01 * rng.Gaussian());
        }).ToList();
        var importance = ParameterImportance.Of(space, trials);
        Assert.Equal("lr", importance[0].Parameter);
        Assert.True(importance[0].Share > 0.8, string.Join("; ", importance));
        Assert.True(importance[1].Share < 0.1, string.Join("; ", importance));
        Assert.Equal(10, importance[0].Groups);
    }

    [Fact]
    public void With_no_variance_or_too_few_trials_nothing_is_important()
    {
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-4..1"));
        var same = space.Sample(10, new Rng(1)).Select((c, i) => SearchData.Made(i, c, 0.5)).ToList();
        Assert.Equal(0, ParameterImportance.Of(space, same)[0].Share);
        Assert.Equal(0, ParameterImportance.Of(space, same.Take(2))[0].Share);
    }

    [Fact]
    public void On_digits_the_learning_rate_matters_more_than_a_small_regularisation()
    {
        var space = new SearchSpace(Hyperparameter.Parse("reg", "log:1e-6..1e-3"), Hyperparameter.Parse("lr", "log:1e-4..1"));
        var result = new HyperparameterSearch().Run(space, SearchData.Trial(space), new SearchOptions { Trials = 16, Epochs = 1, Seed = 0 });
        Assert.Equal("lr", result.Importance[0].Parameter);
        Assert.True(result.Importance[0].Share > 0.5, string.Join("; ", result.Importance));
    }
}
