using NotebookDL.Data;
using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

/// <summary>#!dataset sets the notebook's shared current data: every test puts the default back.</summary>
[Collection("notebook state")]
public sealed class DatasetCommandTests : IClassFixture<SharedKernel>, IDisposable
{
    private readonly NotebookKernel _kernel;

    public DatasetCommandTests(SharedKernel shared) => _kernel = shared.Kernel;

    public void Dispose() => _kernel.Session.Reset();

    private static int Images(string html) => (html.Length - html.Replace("<img src=\"data:image/png;base64,", "").Length) / "<img src=\"data:image/png;base64,".Length;

    [Fact]
    public async Task Digits_become_the_current_data_split_1497_300_and_shown_with_counts_and_images()
    {
        var cell = await _kernel.SubmitAsync("#!dataset digits");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Session.Data;
        Assert.Equal("digits", data.Name);
        Assert.Equal((1497, 300), (data.Train.Count, data.Splits.Val!.Count));
        Assert.Null(data.Splits.Test);
        Assert.Equal("mean,std", data.Preprocessing);
        Assert.Same(data, _kernel.Variable<CurrentData>("data"));
        Assert.Contains("train 1,497, val 300", cell.Html);
        Assert.Contains("1,497 train / 300 val", cell.Html);
        Assert.Equal(20, Images(cell.Html));
        Assert.Contains("training examples before preprocessing", cell.Html);
        Assert.Contains("examples per class", cell.Html);
        Assert.Contains("\"type\":\"bar\"", string.Join("", cell.Formatted(NotebookDL.Extension.Formatters.ChartFormatters.PlotlyMimeType)).Replace(" ", ""));
        Assert.Contains("now the current data", cell.Html);
        // Standardised with the training set's statistics: train's features have mean ≈ 0.
        Assert.InRange(data.Train.X.ColumnSums().Sum() / data.Train.X.RowCount / 64, -1e-9, 1e-9);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public async Task The_spiral_is_shown_as_points_by_class_with_20_percent_held_out()
    {
        var cell = await _kernel.SubmitAsync("#!dataset spiral --points 50 --classes 4 --seed 2 --as spiral");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Variable<CurrentData>("spiral");
        Assert.Same(data, _kernel.Session.Data);
        Assert.Equal((160, 40), (data.Train.Count, data.Splits.Val!.Count));
        Assert.Equal("none", data.Preprocessing);
        Assert.Equal(0, Images(cell.Html));
        var charts = cell.Formatted(NotebookDL.Extension.Formatters.ChartFormatters.PlotlyMimeType).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains("the points by class", charts[1]);
        Assert.Contains("4 arms of 50 points", cell.Html);
    }

    [Fact]
    public async Task Dtype_float32_stores_every_part_as_float32_rows_that_a_float32_run_trains_on()
    {
        var cell = await _kernel.SubmitAsync("#!dataset digits --dtype f32");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Session.Data;
        Assert.All(data.Splits.Parts(), p => Assert.Equal(NotebookDL.Training.Dtype.Float32, p.Data.Dtype));
        Assert.Equal(1497L * 64 * 4, data.Train.StoredBytes);
        Assert.Contains("float32 rows, 0.4 MB", cell.Html); // 1,497 × 64 × 4 bytes
        Assert.Contains("--dtype float32", cell.Html); // the echo line loads the same again
        var train = await _kernel.SubmitAsync("#!train --dtype f32 --epochs 3");
        Assert.True(train.Succeeded, train.Describe());
        Assert.Contains("training in float32", train.Html + train.Updates);
        Assert.DoesNotContain("the data is stored in float64", train.Html); // it is float32 already

        var plain = await _kernel.SubmitAsync("#!dataset digits");
        Assert.Contains("float64 matrix, 0.8 MB", plain.Html);
        Assert.DoesNotContain("--dtype", plain.Html);
        var bad = await _kernel.SubmitAsync("#!dataset digits --dtype float16");
        Assert.False(bad.Succeeded);
        Assert.Contains("--dtype: unknown dtype 'float16'", bad.Failure!.Message);
        Assert.Equal(NotebookDL.Training.Dtype.Float64, _kernel.Session.Data.Train.Dtype); // the data the notebook had stays
    }

    [SkippableFact]
    public async Task Cifar10_in_float32_loads_straight_into_float32_rows_at_half_the_bytes()
    {
        var folder = SharedData.Require("cifar10");
        var cell = await _kernel.SubmitAsync($"#!dataset cifar10 --path {folder} --train 2000 --val 500 --test 100 --dtype float32");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Session.Data;
        Assert.Equal((NotebookDL.Training.Dtype.Float32, 2000L * 3072 * 4), (data.Train.Dtype, data.Train.StoredBytes));
        Assert.Contains("float32 rows, 24.6 MB", cell.Html);
        Assert.Equal(20, Images(cell.Html));
        Assert.All(data.Splits.Parts(), p => Assert.False(p.Data.HoldsMadeX, p.Part)); // shown from the rows: no transient matrix of doubles
    }

    [SkippableFact]
    public async Task Cifar10_from_a_path_finds_10000_training_and_1000_test_images_and_shows_them()
    {
        var folder = SharedData.Require("cifar10");
        var cell = await _kernel.SubmitAsync($"#!dataset cifar10 --path {folder}");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains($"CIFAR-10 from {folder}: data_batch_1.bin (10,000), test_batch_first1000.bin (1,000)", cell.Html);
        var data = _kernel.Session.Data;
        Assert.Equal((9000, 1000, 1000), (data.Train.Count, data.Splits.Val!.Count, data.Splits.Test!.Count));
        Assert.Equal("mean", data.Preprocessing);
        Assert.Equal(new ImageShape(3, 32, 32), data.Train.Image);
        Assert.Equal(20, Images(cell.Html));
        Assert.Contains("<figcaption>airplane</figcaption>", cell.Html);
        Assert.Contains("width=\"64\" height=\"64\"", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [SkippableFact]
    public async Task Cifar10_with_train_and_val_counts_and_per_channel_mean_reads_only_what_it_needs()
    {
        var folder = SharedData.Require("cifar10");
        var cell = await _kernel.SubmitAsync($"#!dataset cifar10 --path {folder} --train 500 --val 100 --test 200 --preprocess per-channel-mean");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Session.Data;
        Assert.Equal((500, 100, 200), (data.Train.Count, data.Splits.Val!.Count, data.Splits.Test!.Count));
        Assert.Contains("per-channel-mean", data.Preprocessing);
        Assert.Contains("test_batch_first1000.bin (200)", cell.Html);
    }

    [SkippableFact]
    public async Task Mnist_from_a_path_has_no_test_file_so_its_parts_come_from_the_training_images()
    {
        var folder = SharedData.Require("mnist");
        var cell = await _kernel.SubmitAsync($"#!dataset mnist --path {folder} --train 2000 --val 500 --test 500");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Session.Data;
        Assert.Equal((2000, 500, 500), (data.Train.Count, data.Splits.Val!.Count, data.Splits.Test!.Count));
        Assert.Contains("width=\"56\" height=\"56\"", cell.Html); // 28 pixels, twice
    }

    [Fact]
    public async Task A_csv_file_loads_with_its_label_column_and_is_split()
    {
        var file = Path.Combine(Path.GetTempPath(), $"notebookdl-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(file, ["a,b,label", .. Enumerable.Range(0, 50).Select(i => $"{i},{i % 7},{(i % 2 == 0 ? "even" : "odd")}")]);
            var cell = await _kernel.SubmitAsync($"#!dataset csv --path {file} --val 10");
            Assert.True(cell.Succeeded, cell.Describe());
            var data = _kernel.Session.Data;
            Assert.Equal((40, 10), (data.Train.Count, data.Splits.Val!.Count));
            Assert.Equal(["even", "odd"], data.Train.ClassNames);
            Assert.Contains("50 rows of 2 features, 2 classes", cell.Html);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Cifar10_without_a_path_or_NOTEBOOKDL_DATA_says_how_to_get_it()
    {
        var saved = Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable);
        var empty = Directory.CreateTempSubdirectory("notebookdl-nodata-");
        try
        {
            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, null);
            var cell = await _kernel.SubmitAsync("#!dataset cifar10");
            Assert.False(cell.Succeeded);
            Assert.Contains("CIFAR-10 was not found: no --path was given and NOTEBOOKDL_DATA is not set", cell.Failure!.Message);
            Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar.html", cell.Failure.Message);

            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, empty.FullName);
            cell = await _kernel.SubmitAsync("#!dataset mnist");
            Assert.False(cell.Succeeded);
            Assert.Contains($"NOTEBOOKDL_DATA = {empty.FullName} holds no mnist/ folder", cell.Failure!.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, saved);
            empty.Delete();
        }
    }

    [Theory]
    [InlineData("cifar10", "data_batch_1.bin")]
    [InlineData("mnist", "train-images-idx3-ubyte")]
    public async Task A_path_to_a_file_of_the_data_set_instead_of_its_folder_names_the_folder(string name, string file)
    {
        var folder = Directory.CreateTempSubdirectory("notebookdl-batchfile-");
        try
        {
            var path = Path.Combine(folder.FullName, file);
            File.WriteAllBytes(path, [1, 2, 3]);
            var cell = await _kernel.SubmitAsync($"#!dataset {name} --path {path}");
            Assert.False(cell.Succeeded);
            // Before: "folder '.../data_batch_1.bin' not found", although the file is there.
            Assert.Contains($"'{path}' is a file; give the folder that holds it ('{folder.FullName}')", cell.Failure!.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("#!dataset cifar10 --path /no/such/folder", "folder '/no/such/folder' not found")]
    [InlineData("#!dataset digits --train 5000", "--train 5,000 + --val 300 + --test 0 = 5,300 examples, but digits has 1,797; ask for fewer")]
    [InlineData("#!dataset digits --val 1797", "leave none for training")]
    [InlineData("#!dataset digits --train 0", "--train must be a whole number ≥ 1, got 0")]
    [InlineData("#!dataset digits --preprocess bogus", "unknown preprocessing 'bogus'")]
    [InlineData("#!dataset digits --points 5", "--points is only for spiral")]
    [InlineData("#!dataset imagenet", "--name must be one of spiral, digits, synthetic, cifar10, mnist, csv, auto; got 'imagenet'")]
    [InlineData("#!dataset auto --prefer digits,imagenet", "--prefer takes cifar10, mnist, digits, spiral, synthetic; got 'imagenet'")]
    [InlineData("#!dataset auto --prefer csv", "--prefer takes cifar10, mnist, digits, spiral, synthetic; got 'csv'")]
    [InlineData("#!dataset digits --prefer mnist,digits", "--prefer is only for auto (the data set here is digits)")]
    [InlineData("#!dataset auto --path /tmp", "auto looks in NOTEBOOKDL_DATA and takes no --path")]
    [InlineData("#!dataset synthetic --train 6000", "synthetic: 6,000 images of 3,072 pixels would take about 147 MB; the limit is 5,000")]
    [InlineData("#!dataset synthetic --path /tmp", "synthetic is built in: it takes no --path")]
    [InlineData("#!dataset csv", "csv needs --path FILE")]
    [InlineData("#!dataset csv --path /no/such.csv", "not found")]
    [InlineData("#!dataset spiral --classes 1", "--classes must be a whole number between 2 and 10, got 1")]
    [InlineData("#!dataset digits --path /tmp", "digits is built in: it takes no --path")]
    [InlineData("#!dataset digits --header yes", "--header is only for csv (the data set here is digits)")]
    [InlineData("#!dataset csv --path /tmp/x.csv --header maybe", "--header must be one of yes, no, auto; got 'maybe'")]
    public async Task Bad_input_gives_a_clear_error_leaves_the_current_data_and_the_kernel_carries_on(string line, string message)
    {
        var before = _kernel.Session.Data;
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded);
        Assert.Contains(message, cell.Failure!.Message);
        Assert.Same(before, _kernel.Session.Data);
        var next = await _kernel.SubmitAsync("#!dataset spiral --points 10");
        Assert.True(next.Succeeded, next.Describe());
    }

    [Fact]
    public async Task A_path_starting_with_a_tilde_is_looked_for_in_the_home_folder()
    {
        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cell = await _kernel.SubmitAsync("#!dataset cifar10 --path ~/no-such-notebookdl-folder");
        Assert.False(cell.Succeeded);
        Assert.Contains($"folder '{Path.Combine(home, "no-such-notebookdl-folder")}' not found", cell.Failure!.Message);
        Assert.DoesNotContain("~", cell.Failure.Message.Split("not found")[0]);
    }

    /// <summary>Runs <paramref name="body"/> with NOTEBOOKDL_DATA set to <paramref name="root"/> (null = unset), then puts it back.</summary>
    private static async Task WithDataRoot(string? root, Func<Task> body)
    {
        var saved = Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, root);
            await body();
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public async Task Auto_without_NOTEBOOKDL_DATA_falls_back_to_the_built_in_digits_and_says_why() => await WithDataRoot(null, async () =>
    {
        var cell = await _kernel.SubmitAsync("#!dataset auto");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Session.Data;
        Assert.Equal("digits", data.Name);
        Assert.Equal((1497, 300), (data.Train.Count, data.Splits.Val!.Count));
        Assert.Equal("mean,std", data.Preprocessing);
        Assert.Contains("--name auto used digits, the first of --prefer cifar10,mnist,digits found here: " +
                        "NOTEBOOKDL_DATA is not set, so there is no cifar10 or mnist; digits is built in", cell.Html);
        Assert.Contains("set NOTEBOOKDL_DATA to a folder holding cifar10/ or mnist/", cell.Html);
        Assert.Contains("border-left:4px solid #f9a825", cell.Html); // a warning: not the real data
        Assert.Contains("(chosen by --name auto)", cell.Html);
        Assert.StartsWith("--name auto used digits", cell.Text);
        Assert.StartsWith("--name auto used digits", data.Description);
        HtmlChecks.AssertReadable(cell.Html);
    });

    [SkippableFact]
    public async Task Auto_with_NOTEBOOKDL_DATA_holding_cifar10_uses_cifar10_and_says_so()
    {
        var root = Path.GetDirectoryName(SharedData.Require("cifar10"))!;
        await WithDataRoot(root, async () =>
        {
            var cell = await _kernel.SubmitAsync("#!dataset auto --train 500 --val 100 --test 100");
            Assert.True(cell.Succeeded, cell.Describe());
            var data = _kernel.Session.Data;
            Assert.Equal("cifar10", data.Name);
            Assert.Equal((500, 100, 100), (data.Train.Count, data.Splits.Val!.Count, data.Splits.Test!.Count));
            Assert.Equal(new ImageShape(3, 32, 32), data.Train.Image);
            Assert.Equal("mean", data.Preprocessing);
            Assert.Contains($"--name auto used cifar10, the first of --prefer cifar10,mnist,digits found here: NOTEBOOKDL_DATA = {root} holds cifar10/", cell.Html);
            Assert.Contains($"CIFAR-10 from {root}/cifar10", cell.Html);
            Assert.DoesNotContain("restart the kernel", cell.Html);
        });
    }

    [SkippableFact]
    public async Task Auto_with_a_root_holding_only_mnist_says_cifar10_is_missing_and_uses_mnist()
    {
        var mnist = SharedData.Require("mnist");
        var root = Directory.CreateTempSubdirectory("notebookdl-mnist-only-");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(root.FullName, "mnist"), mnist);
            await WithDataRoot(root.FullName, async () =>
            {
                var cell = await _kernel.SubmitAsync("#!dataset auto --train 1000 --val 200 --test 0");
                Assert.True(cell.Succeeded, cell.Describe());
                Assert.Equal("mnist", _kernel.Session.Data.Name);
                Assert.Equal(1000, _kernel.Session.Data.Train.Count);
                Assert.Contains($"--name auto used mnist, the first of --prefer cifar10,mnist,digits found here: NOTEBOOKDL_DATA = {root.FullName} holds no cifar10/ folder " +
                                $"with its files; NOTEBOOKDL_DATA = {root.FullName} holds mnist/", cell.Html);
            });
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Auto_preferring_cifar10_then_synthetic_without_the_data_gives_20_synthetic_cifar_shaped_images_and_says_so() =>
        await WithDataRoot(null, async () =>
        {
            var cell = await _kernel.SubmitAsync("#!dataset auto --prefer cifar10,synthetic --train 20 --val 0 --test 0 --as twenty");
            Assert.True(cell.Succeeded, cell.Describe());
            var data = _kernel.Variable<CurrentData>("twenty");
            Assert.Same(data, _kernel.Session.Data);
            Assert.Equal("synthetic", data.Name);
            Assert.Equal((20, 3072), (data.Train.Count, data.Train.Features));
            Assert.Null(data.Splits.Val);
            Assert.Equal("mean", data.Preprocessing);
            Assert.Contains("--name auto used synthetic, the first of --prefer cifar10,synthetic found here: NOTEBOOKDL_DATA is not set, so there is no cifar10; synthetic is built in", cell.Html);
            Assert.Contains("synthetic CIFAR-10-shaped images (built in, not photographs): 20 images of 3×32×32", cell.Text);
            Assert.Equal(20, Images(cell.Html));
        });

    [SkippableFact]
    public async Task Auto_preferring_cifar10_then_synthetic_with_the_data_gives_20_real_cifar10_images()
    {
        var root = Path.GetDirectoryName(SharedData.Require("cifar10"))!;
        await WithDataRoot(root, async () =>
        {
            var cell = await _kernel.SubmitAsync("#!dataset auto --prefer cifar10,synthetic --train 20 --val 0 --test 0");
            Assert.True(cell.Succeeded, cell.Describe());
            var data = _kernel.Session.Data;
            Assert.Equal("cifar10", data.Name);
            Assert.Equal(20, data.Train.Count);
            Assert.Null(data.Splits.Test);
            Assert.Contains("data_batch_1.bin (20)", cell.Html);
            Assert.DoesNotContain("not photographs", cell.Html);
        });
    }

    [Fact]
    public async Task Auto_with_only_missing_real_data_sets_in_prefer_is_a_clear_error() => await WithDataRoot(null, async () =>
    {
        var before = _kernel.Session.Data;
        var cell = await _kernel.SubmitAsync("#!dataset auto --prefer cifar10,mnist");
        Assert.False(cell.Succeeded);
        Assert.Contains("--name auto: none of --prefer cifar10,mnist is here (NOTEBOOKDL_DATA is not set", cell.Failure!.Message);
        Assert.Contains("end the list with a built-in data set", cell.Failure.Message);
        Assert.Same(before, _kernel.Session.Data);
    });

    [Fact]
    public async Task Synthetic_gives_20_cifar_shaped_noise_images_mean_subtracted_and_the_same_for_the_same_seed()
    {
        var cell = await _kernel.SubmitAsync("#!dataset synthetic --seed 3 --as noise");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Variable<CurrentData>("noise");
        Assert.Equal((20, 3072, 10), (data.Train.Count, data.Train.Features, data.Train.Classes));
        Assert.Equal(new ImageShape(3, 32, 32), data.Train.Image);
        Assert.Equal("mean", data.Preprocessing);
        // The mean image of the training part is subtracted: every pixel column sums to 0.
        Assert.All(data.Train.X.ColumnSums(), s => Assert.Equal(0, s, 1e-9));
        Assert.Contains("labels 0..9 in turn (seed 3)", cell.Html);
        var again = await _kernel.SubmitAsync("#!dataset synthetic --seed 3 --as noise2");
        Assert.True(again.Succeeded, again.Describe());
        Assert.Equal(data.Train.X, _kernel.Variable<CurrentData>("noise2").Train.X);
    }

    [SkippableFact]
    public async Task Pca_of_3072_cifar_features_is_refused_with_an_estimate()
    {
        var folder = SharedData.Require("cifar10");
        var cell = await _kernel.SubmitAsync($"#!dataset cifar10 --path {folder} --train 1000 --val 100 --test 100 --preprocess whiten");
        Assert.False(cell.Succeeded);
        Assert.Contains("PCA of 3,072 features", cell.Failure!.Message);
        Assert.Contains("the limit is 1,024 features", cell.Failure.Message);
    }

    [Fact]
    public async Task A_current_data_returned_from_a_cell_renders_with_its_description()
    {
        var cell = await _kernel.SubmitAsync("NotebookDL.Extension.Session.CurrentData.DefaultDigits()");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("built-in 8x8 digits", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html);
    }
}
