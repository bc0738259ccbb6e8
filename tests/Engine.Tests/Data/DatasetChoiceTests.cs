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

    [Fact]
    public void A_choice_that_could_not_be_loaded_gives_the_next_one_here_and_keeps_the_reason()
    {
        var both = new DataPaths("/data", "/data/cifar10", "/data/mnist");
        var cifar = DatasetChoice.Choose(DatasetChoice.DefaultPreference, both)!;
        Assert.Equal("cifar10", cifar.Name);
        Assert.Empty(cifar.Rejected);

        var mnist = cifar.Reject("data_batch_1.bin is corrupt")!;
        Assert.Equal("mnist", mnist.Name);
        Assert.Equal([new DatasetRejection("cifar10", "data_batch_1.bin is corrupt")], mnist.Rejected);
        Assert.Empty(mnist.Missing);
        Assert.True(mnist.FellBack);
        Assert.Equal(cifar.Preference, mnist.Preference);

        var digits = mnist.Reject("the labels file is missing")!;
        Assert.Equal("digits", digits.Name);
        Assert.Equal(["cifar10", "mnist"], digits.Rejected.Select(r => r.Name));
        Assert.Null(digits.Reject("digits is built in and always loads")); // nothing after it
    }

    [Fact]
    public void Rejecting_the_last_real_data_set_passes_over_the_missing_ones_after_it()
    {
        var onlyCifar = new DataPaths("/data", "/data/cifar10", null);
        var next = DatasetChoice.Choose(["cifar10", "mnist", "spiral"], onlyCifar)!.Reject("corrupt")!;
        Assert.Equal("spiral", next.Name);
        Assert.Equal(["mnist"], next.Missing);
        Assert.Null(DatasetChoice.Choose(["cifar10", "mnist"], onlyCifar)!.Reject("corrupt"));
    }
}
