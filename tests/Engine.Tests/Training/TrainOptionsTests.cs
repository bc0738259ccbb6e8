using NotebookDL.Optimizers;
using NotebookDL.Schedules;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

public class TrainOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var o = new TrainOptions();
        Assert.Equal((10, 200, 1e-3, "sgd", 0, 3.0, 1000), (o.Epochs, o.BatchSize, o.LearningRate, o.Optimizer, o.Seed, o.StopFactor, o.TrainAccuracySamples));
        Assert.Null(o.MaxDuration);
        Assert.False(o.KeepBest);
        Assert.IsType<Constant>(o.EffectiveSchedule);
        Assert.IsType<Sgd>(o.CreateOptimizer());
    }

    [Theory]
    [InlineData(0, 200, 1e-3, "epochs must be > 0, got 0")]
    [InlineData(10, -1, 1e-3, "batch size must be > 0, got -1")]
    [InlineData(10, 200, double.NaN, "must be a finite number >= 0, got NaN")]
    [InlineData(10, 200, -0.1, "must be a finite number >= 0, got -0.1")]
    public void Validation_names_the_bad_value(int epochs, int batch, double lr, string message)
    {
        var o = new TrainOptions { Epochs = epochs, BatchSize = batch, LearningRate = lr };
        Assert.Contains(message, Assert.Throws<ArgumentOutOfRangeException>(() => o.Validate()).Message);
    }

    [Fact]
    public void Validation_rejects_a_stop_factor_below_1_an_unknown_optimiser_and_a_bad_budget()
    {
        Assert.Contains("0.5", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainOptions { StopFactor = 0.5 }.Validate()).Message);
        Assert.Contains("'adamw'", Assert.Throws<ArgumentException>(() => new TrainOptions { Optimizer = "adamw" }.Validate()).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainOptions { Optimizer = "adam", OptimizerOptions = new() { Beta1 = 1 } }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainOptions { MaxDuration = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainOptions { TrainAccuracySamples = 0 }.Validate());
        new TrainOptions { StopFactor = null, TrainAccuracySamples = null }.Validate(); // off and all: fine
    }

    [Fact]
    public void The_learning_rate_comes_from_the_schedule_when_only_the_schedule_is_set()
    {
        var o = new TrainOptions { Schedule = new StepDecay(0.05, 0.5, 5) };
        Assert.Equal(0.05, o.Validate().LearningRate);
        Assert.Equal(0.05, (o with { LearningRate = 0.05 }).Validate().LearningRate);
    }

    [Fact]
    public void A_learning_rate_that_contradicts_the_schedule_is_an_error()
    {
        var o = new TrainOptions { LearningRate = 0.1, Schedule = new StepDecay(0.05, 0.5, 5) };
        Assert.Contains("learning rate 0.1 differs from the schedule's lr0 0.05", Assert.Throws<ArgumentException>(() => o.Validate()).Message);
    }

    [Fact]
    public void An_optimiser_factory_replaces_the_name()
    {
        var o = new TrainOptions { OptimizerFactory = () => new Nesterov(0.8) };
        Assert.Equal(0.8, Assert.IsType<Nesterov>(o.CreateOptimizer()).Mu);
    }

    [Fact]
    public void Snapshots_at_restarts_need_a_schedule_that_restarts()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainOptions { SnapshotAtRestarts = true }.Validate());
        Assert.Contains("cosine-restarts", e.Message);
        new TrainOptions { SnapshotAtRestarts = true, Schedule = new CosineRestarts(1e-3, t0: 2) }.Validate();
        Assert.Throws<ArgumentException>(() => new TrainOptions { Epochs = 1, SnapshotAtRestarts = true, Schedule = new CosineRestarts(1e-3, t0: 2) }.Validate());
    }
}
