using NotebookDL.Schedules;

namespace NotebookDL.Tests.Training;

public class ScheduleTests
{
    [Fact]
    public void Step_decay_halves_the_rate_every_5_epochs()
    {
        var s = new StepDecay(0.1, 0.5, 5);
        Assert.Equal(0.1, s.Rate(0));
        Assert.Equal(0.1, s.Rate(4.98));
        Assert.Equal(0.05, s.Rate(5));
        Assert.Equal(0.025, s.Rate(12.5));
    }

    [Fact]
    public void Exponential_decay_multiplies_by_0_95_at_the_end_of_each_epoch()
    {
        var s = new ExponentialDecay(1e-3, 0.95);
        Assert.Equal(1e-3, s.Rate(0.5));
        Assert.Equal(1e-3 * 0.95, s.Rate(1), 1e-18);
        Assert.Equal(1e-3 * 0.95 * 0.95 * 0.95, s.Rate(3.7), 1e-18); // floor(3.7) = 3 decays
    }

    [Fact]
    public void Inverse_time_decay_is_lr0_over_1_plus_k_t()
    {
        var s = new InverseTimeDecay(0.1, 0.5);
        Assert.Equal(0.1, s.Rate(0));
        Assert.Equal(0.1 / (1 + 0.5 * 2), s.Rate(2));   // 0.05
        Assert.Equal(0.1 / (1 + 0.5 * 0.5), s.Rate(0.5)); // smooth within an epoch: 0.08
    }

    [Fact]
    public void Cosine_restarts_hit_lr0_at_each_restart_and_lr_min_at_each_cycle_end_with_T_doubling()
    {
        var s = new CosineRestarts(0.1, t0: 1, tMult: 2, lrMin: 0.001);
        var restarts = s.Restarts(15);
        Assert.Equal([1.0, 3.0, 7.0, 15.0], restarts);
        Assert.Equal(0.1, s.Rate(0), 1e-15);
        double previousLength = 0.5;
        foreach (var r in restarts)
        {
            Assert.Equal(0.1, s.Rate(r), 1e-15);                 // a warm restart: back to lr0
            Assert.Equal(0.001, s.Rate(r - 1e-9), 1e-9);         // the cycle ends at lrMin
            var (start, length) = s.Cycle(r - 1e-9);
            Assert.Equal(2 * previousLength, length);             // T_i = 1, 2, 4, 8
            Assert.Equal(0.5 * (0.1 + 0.001), s.Rate(start + length / 2), 1e-15); // halfway: the mean
            previousLength = length;
        }
    }

    [Fact]
    public void Cosine_restarts_with_Tmult_1_restart_every_T0_epochs()
    {
        var s = new CosineRestarts(0.2, t0: 2, tMult: 1);
        Assert.Equal([2.0, 4.0, 6.0], s.Restarts(7));
        Assert.Equal(0.2, s.Rate(4), 1e-15);
        Assert.Equal(0.1, s.Rate(5), 1e-15);
    }

    [Fact]
    public void Schedules_without_restarts_report_none()
    {
        ILearningRateSchedule s = new StepDecay(0.1, 0.5, 1);
        Assert.Empty(s.Restarts(100));
    }

    [Theory]
    [InlineData("constant", typeof(Constant))]
    [InlineData("step", typeof(StepDecay))]
    [InlineData("exp", typeof(ExponentialDecay))]
    [InlineData("inv", typeof(InverseTimeDecay))]
    [InlineData("cosine-restarts", typeof(CosineRestarts))]
    public void Parse_knows_the_schedules(string name, Type type)
    {
        var s = Schedule.Parse(name, 1e-3);
        Assert.IsType(type, s);
        Assert.Equal(1e-3, s.Rate(0));
    }

    [Fact]
    public void Parse_passes_decay_and_period()
    {
        var step = Assert.IsType<StepDecay>(Schedule.Parse("step", 0.1, decay: 0.1, every: 20));
        Assert.Equal(0.1 * 0.1, step.Rate(20), 1e-15);
        var sgdr = Assert.IsType<CosineRestarts>(Schedule.Parse("cosine-restarts", 0.1, t0: 2, tMult: 3, lrMin: 0.01));
        Assert.Equal([2.0, 8.0], sgdr.Restarts(10));
    }

    [Fact]
    public void Parse_rejects_unknown_names_and_options_a_schedule_does_not_take()
    {
        Assert.Contains("'linear'", Assert.Throws<ArgumentException>(() => Schedule.Parse("linear", 0.1)).Message);
        Assert.Contains("every", Assert.Throws<ArgumentException>(() => Schedule.Parse("exp", 0.1, every: 3)).Message);
        Assert.Contains("decay", Assert.Throws<ArgumentException>(() => Schedule.Parse("cosine-restarts", 0.1, decay: 0.5)).Message);
    }

    [Fact]
    public void Schedules_reject_bad_values_naming_them()
    {
        Assert.Contains("1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 1.5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Constant(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineRestarts(0.1, tMult: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineRestarts(0.1, lrMin: 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecay(0.1, 0.5).Rate(-1));
    }
}
