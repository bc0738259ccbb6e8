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
}
