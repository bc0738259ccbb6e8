using NotebookDL.Data;

namespace NotebookDL.Tests.Data;

[Collection("real CIFAR-10")]
public class DataPathsTests
{
    [Fact]
    public void A_root_with_cifar10_batches_and_no_mnist_reports_cifar10_present()
    {
        using var temp = new TempFolder();
        temp.Write("cifar10/data_batch_1.bin", TempFolder.CifarRecords([1], (i, j) => 0));
        Directory.CreateDirectory(temp.File("mnist"));

        var paths = DataPaths.FromRoot(temp.Path);

        Assert.True(paths.HasCifar10);
        Assert.False(paths.HasMnist);
        Assert.Equal(temp.File("cifar10"), paths.Cifar10);
        Assert.Contains("cifar10 present, mnist absent", paths.ToString());
    }

    [SkippableFact]
    public void The_environment_variable_names_the_root_and_unset_means_built_in_only()
    {
        var shared = Path.GetDirectoryName(SharedData.Require("cifar10"))!;
        var before = Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, shared);
            var paths = DataPaths.FromEnvironment();
            Assert.True(paths.HasCifar10);
            Assert.True(paths.HasMnist);
            Assert.Equal(10_000, Cifar10.LoadFolder(paths.Cifar10!, maxTestRecords: 0).Train!.Count);

            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, null);
            var none = DataPaths.FromEnvironment();
            Assert.Null(none.Root);
            Assert.False(none.HasCifar10);
            Assert.Contains("built-in", none.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, before);
        }
    }

    [Fact]
    public void A_leading_tilde_is_the_home_folder_as_a_shell_expands_it()
    {
        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(home, DataPaths.Expand("~"));
        Assert.Equal(Path.Combine(home, "data", "cifar10"), DataPaths.Expand("~/data/cifar10"));
        Assert.Equal("/tmp/a~b", DataPaths.Expand("/tmp/a~b"));
        Assert.Equal("~user/data", DataPaths.Expand("~user/data"));
        Assert.Equal("data/~", DataPaths.Expand("data/~"));
        // The root of NOTEBOOKDL_DATA too: "~/x" is looked for in the home folder, not in a folder named "~".
        Assert.Equal(Path.Combine(home, "no-such-notebookdl-data"), DataPaths.FromRoot("~/no-such-notebookdl-data").Root);
    }
}
