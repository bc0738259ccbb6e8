using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

public class StopConditionTests
{
    [Theory]
    [InlineData("cost < 1.5", "cost < 1.5")]
    [InlineData("  loss<=0.25 ", "cost <= 0.25")]
    [InlineData("val acc >= 0.9", "val acc >= 0.9")]
    [InlineData("validation accuracy > 0.5", "val acc > 0.5")]
    [InlineData("val_acc>0.5", "val acc > 0.5")]
    [InlineData("Train Acc >= 1", "train acc >= 1")]
    [InlineData("epoch >= 3", "epoch >= 3")]
    [InlineData("iterations > 1e3", "iteration > 1000")]
    public void A_condition_reads_a_quantity_a_comparison_and_a_number(string text, string canonical)
    {
        Assert.Equal(canonical, StopCondition.Parse(text).ToString());
    }

    [Theory]
    [InlineData("nonsense", "cannot read the condition 'nonsense': write a quantity, a comparison and a number, e.g. \"cost < 1.5\" or \"val acc >= 0.9\"; quantities: cost, val acc, train acc, epoch, iteration; comparisons: <, <=, >, >=")]
    [InlineData("cost = 1.5", "the condition 'cost = 1.5' compares with '=': use one of <, <=, >, >=")]
    [InlineData("cost =< 1.5", "the condition 'cost =< 1.5' compares with '=<': use one of <, <=, >, >=")]
    [InlineData("cost < abc", "cannot read the condition 'cost < abc'")]
    [InlineData("accuracy > 0.5", "cannot read the condition 'accuracy > 0.5'")]
    [InlineData("cost < 1.2.3", "needs a finite number after '<', got '1.2.3'")]
    [InlineData("", "cannot read the condition ''")]
    public void Anything_else_is_a_clear_error(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => StopCondition.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("val acc >= 2", "the condition 'val acc >= 2' can never hold: val acc is between 0 and 1")]
    [InlineData("train acc > 1", "the condition 'train acc > 1' can never hold: train acc is between 0 and 1")]
    [InlineData("val acc < 0", "can never hold: val acc is between 0 and 1")]
    [InlineData("cost < 0", "the condition 'cost < 0' can never hold: cost is never negative")]
    [InlineData("epoch <= -1", "can never hold: epoch is never negative")]
    public void A_condition_that_can_never_hold_is_refused(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => StopCondition.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("val acc >= 1")]
    [InlineData("val acc <= 0")]
    [InlineData("cost <= 0")]
    [InlineData("epoch >= 0")]
    public void A_condition_at_the_edge_of_the_range_can_hold(string text) => Assert.NotNull(StopCondition.Parse(text));
}
