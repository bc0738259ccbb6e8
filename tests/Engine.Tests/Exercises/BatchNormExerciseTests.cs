using NotebookDL.Data;
using NotebookDL.Exercises;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class BatchNormExerciseTests
{
    private static Func<int, ILayer> Make(Func<int, LearnerBatchNorm> create) => units => create(units);

    [Fact]
    public void A_learners_batch_norm_class_passes_given_as_a_factory_a_type_or_an_instance()
    {
        Passes("batchnorm", Make(u => new LearnerBatchNorm(u)));
        Assert.Equal("LearnerBatchNorm", Passes("batchnorm", typeof(LearnerBatchNorm)).Implementation);
        Passes("batchnorm", new LearnerBatchNorm(3));
    }

    [Fact]
    public void A_class_that_is_not_a_layer_or_has_no_units_constructor_is_one_clear_failed_case()
    {
        Assert.Contains("does not implement ILayer", ExerciseCatalog.Find("batchnorm").Check(typeof(string)).Cases.Single().Hint);
        Assert.Contains("needs a public constructor taking the number of units", ExerciseCatalog.Find("batchnorm").Check(typeof(ReLU)).Cases.Single().Hint);
    }

    [Fact]
    public void Forgetting_the_running_average_is_named_and_test_mode_fails_too()
    {
        var result = FailsWith("batchnorm", Make(u => new LearnerBatchNorm(u) { ForgetRunningAverage = true }),
            "forgot the running average: every training pass must update running_mean = momentum·running_mean + (1 − momentum)·μ");
        Assert.False(result.Cases.Single(c => c.Name.StartsWith("test mode")).Passed);
        Assert.True(result.Cases.Single(c => c.Name.StartsWith("train forward, x (8, 5)")).Passed);
    }

    [Fact]
    public void Swapping_the_momentum_is_named() =>
        FailsWith("batchnorm", Make(u => new LearnerBatchNorm(u) { SwapMomentum = true }), "swapped momentum");

    [Fact]
    public void Batch_statistics_at_test_time_are_named() =>
        FailsWith("batchnorm", Make(u => new LearnerBatchNorm(u) { BatchStatsAtTest = true }), "used batch statistics at test time");

    [Fact]
    public void The_unbiased_variance_is_named() =>
        FailsWith("batchnorm", Make(u => new LearnerBatchNorm(u) { Unbiased = true }), "use the batch variance with 1/N, not 1/(N − 1)");

    [Fact]
    public void Forgetting_gamma_and_beta_is_named() =>
        FailsWith("batchnorm", Make(u => new LearnerBatchNorm(u) { NoGammaBeta = true }), "scale and shift: out = γ·z_norm + β");

    [Fact]
    public void A_backward_pass_that_treats_the_batch_statistics_as_constants_is_named_and_fails_the_gradient_check()
    {
        var result = FailsWith("batchnorm", Make(u => new LearnerBatchNorm(u) { ConstantStatsBackward = true }), "your dx treats μ and σ² as constants");
        Assert.False(result.Cases.Single(c => c.Name.StartsWith("gradient check")).Passed);
        Assert.True(result.Cases.Single(c => c.Name.StartsWith("backward dgamma")).Passed);
    }

    [Fact]
    public void A_passing_batch_norm_plugged_into_Mlp_trains_exactly_as_the_built_in_one()
    {
        var replacement = ExerciseCatalog.Find("batchnorm").Plug(typeof(LearnerBatchNorm), out var check);
        Assert.True(check.Passed, check.ToString());
        Assert.NotNull(replacement);
        Assert.Equal("BatchNorm", replacement!.Target);
        var data = Split.Random(Spiral.Create(40, 3, seed: 2), val: 30, seed: 0);
        var options = new MlpOptions { InputSize = 2, Classes = 3, Hidden = [16, 16], BatchNorm = true, Init = NotebookDL.Init.Initializer.He, Seed = 4 };
        var builtIn = Mlp.Create(options);
        var learners = Mlp.Create(options with { LayerOverrides = new Dictionary<string, Func<ILayer, ILayer>> { ["BatchNorm"] = replacement.Layer! } });
        Assert.Equal(2, learners.Layers.Count(l => l is LearnerBatchNorm));
        var train = new TrainOptions { Epochs = 5, BatchSize = 30, LearningRate = 0.05, Optimizer = "momentum" };
        var a = new Trainer().Train(builtIn, data.Train, data.Val, train);
        var b = new Trainer().Train(learners, data.Train, data.Val, train);
        Assert.Equal(a.Costs.Count, b.Costs.Count);
        for (int i = 0; i < a.Costs.Count; i++) Assert.Equal(a.Costs[i], b.Costs[i], 1e-9);
        Assert.Equal(a.Epochs[^1].ValAccuracy, b.Epochs[^1].ValAccuracy);
    }

    [Fact]
    public void A_failing_batch_norm_is_not_plugged_in()
    {
        var replacement = ExerciseCatalog.Find("batchnorm").Plug(Make(u => new LearnerBatchNorm(u) { SwapMomentum = true }), out var check);
        Assert.Null(replacement);
        Assert.False(check.Passed);
    }

    [Fact]
    public void An_exercise_that_cannot_be_plugged_in_says_which_can() =>
        Assert.Contains("these can: relu-backward", Assert.Throws<InvalidOperationException>(() => ExerciseCatalog.Find("softmax").Plug(null, out _)).Message.Replace("sigmoid-backward, tanh-backward, ", ""));
}
