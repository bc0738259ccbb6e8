using NotebookDL.Data;

namespace NotebookDL.Tests.Data;

/// <summary>"The best data set here": the first of a preference that this machine has, built-in ones always.</summary>
public class DatasetChoiceTests
{
    private static readonly DataPaths Nothing = new(null, null, null);

    [Fact]
    public void With_no_data_folder_the_default_order_falls_back_to_the_built_in_digits_and_names_what_is_missing()
    {
        var choice = DatasetChoice.Choose(DatasetChoice.DefaultPreference, Nothing)!;
        Assert.Equal("digits", choice.Name);
        Assert.Equal(["cifar10", "mnist"], choice.Missing);
        Assert.True(choice.FellBack);
        Assert.True(choice.BuiltIn);
    }

    [Fact]
    public void A_folder_holding_cifar10_batches_gives_cifar10_with_nothing_missing()
    {
        using var temp = new TempFolder();
        temp.Write("cifar10/data_batch_1.bin", TempFolder.CifarRecords([1], (i, j) => 0));
        var choice = DatasetChoice.Choose(DatasetChoice.DefaultPreference, DataPaths.FromRoot(temp.Path))!;
        Assert.Equal("cifar10", choice.Name);
        Assert.Empty(choice.Missing);
        Assert.False(choice.FellBack);
        Assert.False(choice.BuiltIn);
    }

    [Fact]
    public void A_folder_with_only_mnist_gives_mnist_and_says_cifar10_is_missing()
    {
        var choice = DatasetChoice.Choose(DatasetChoice.DefaultPreference, new DataPaths("/data", null, "/data/mnist"))!;
        Assert.Equal("mnist", choice.Name);
        Assert.Equal(["cifar10"], choice.Missing);
    }

    [Fact]
    public void Names_are_folded_to_lower_case_and_repeats_dropped_keeping_the_order()
    {
        var choice = DatasetChoice.Choose(["MNIST", "mnist", "Spiral", "digits"], Nothing)!;
        Assert.Equal("spiral", choice.Name);
        Assert.Equal(["mnist", "spiral", "digits"], choice.Preference);
        Assert.Equal(["mnist"], choice.Missing);
    }

    [Fact]
    public void Only_real_data_sets_on_a_machine_without_them_give_no_choice()
    {
        Assert.Null(DatasetChoice.Choose(["cifar10", "mnist"], Nothing));
        Assert.NotNull(DatasetChoice.Choose(["cifar10", "synthetic"], Nothing));
    }

    [Fact]
    public void An_unknown_data_set_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetChoice.Choose(["digits", "imagenet"], Nothing));
        Assert.Contains("'imagenet' is not one of cifar10, mnist, digits, spiral, synthetic", e.Message);
    }
}
