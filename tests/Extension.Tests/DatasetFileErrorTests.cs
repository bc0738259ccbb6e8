using NotebookDL.Tests.Data;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// Corrupt, oversized or misread data files through <c>#!dataset</c>: each is a clear error in the cell (the
/// command's words and the file's name, no .NET exception or stack trace), the current data stays as it was and
/// the kernel runs the next cell.
/// </summary>
[Collection("notebook state")]
public sealed class DatasetFileErrorTests : IClassFixture<SharedKernel>, IDisposable
{
    private readonly NotebookKernel _kernel;
    private readonly TempFolder _temp = new();

    public DatasetFileErrorTests(SharedKernel shared) => _kernel = shared.Kernel;

    public void Dispose()
    {
        _kernel.Session.Reset();
        _temp.Dispose();
    }

    /// <summary>Runs <paramref name="line"/>, expects a clear error naming <paramref name="file"/>, and checks the kernel carries on.</summary>
    private async Task<string> ClearErrorAsync(string line, string file)
    {
        var before = _kernel.Session.Data;
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, $"{line} should fail: {cell.Describe()}");
        var message = cell.Failure!.Message;
        Assert.StartsWith("#!dataset: ", message);
        Assert.DoesNotContain("failed unexpectedly", message);
        Assert.DoesNotContain("Exception", message);
        Assert.Null(cell.Failure.Exception); // no stack trace under the message
        Assert.Contains(file, message);
        Assert.Same(before, _kernel.Session.Data);
        var next = await _kernel.SubmitAsync("#!dataset spiral --points 10");
        Assert.True(next.Succeeded, next.Describe());
        _kernel.Session.Reset();
        return message;
    }

    [Fact]
    public async Task A_cifar10_batch_of_two_records_and_5_bytes_is_a_clear_error_naming_the_file()
    {
        var file = _temp.Write("cifar/data_batch_1.bin", [.. TempFolder.CifarRecords([1, 2], (i, j) => 7), 1, 2, 3, 4, 5]);
        var message = await ClearErrorAsync($"#!dataset cifar10 --path {_temp.File("cifar")}", file);
        Assert.Contains("not a multiple of the record size 3073", message);
    }

    [Fact]
    public async Task An_mnist_header_claiming_more_images_than_the_file_holds_is_a_clear_error_naming_the_file()
    {
        var file = _temp.Write("mnist/train-images-idx3-ubyte", TempFolder.IdxImages(5, 28, 28, new byte[2 * 784]));
        _temp.Write("mnist/train-labels-idx1-ubyte", TempFolder.IdxLabels(new byte[5]));
        var message = await ClearErrorAsync($"#!dataset mnist --path {_temp.File("mnist")}", file);
        Assert.Contains("after 2 whole images", message);
    }

    [Fact]
    public async Task A_ragged_csv_row_is_a_clear_error_naming_the_file_and_line()
    {
        var file = _temp.WriteText("ragged.csv", "a,b,y\n1,2,0\n3,4,5,1\n");
        var message = await ClearErrorAsync($"#!dataset csv --path {file}", file);
        Assert.Contains("line 3 has 4 fields, expected 3", message);
    }

    [Fact]
    public async Task A_label_column_outside_the_file_names_it_without_the_parameter_suffix_or_actual_value()
    {
        var file = _temp.WriteText("three.csv", "1,2,0\n3,4,1\n");
        var message = await ClearErrorAsync($"#!dataset csv --path {file} --label-column 7", file);
        Assert.Equal($"#!dataset: {file}: label column 7 is outside the 3 columns of line 1", message);
    }

    [Fact]
    public async Task An_mnist_gz_whose_header_claims_3_8_million_images_is_refused_with_how_to_load_its_first_ones()
    {
        // The header says 3,826,000 images of 28×28 (3 GB); 30 follow.
        var images = _temp.Write("mnist/train-images-idx3-ubyte.gz", TempFolder.IdxImages(3_826_000, 28, 28, new byte[30 * 784]));
        _temp.Write("mnist/train-labels-idx1-ubyte.gz", TempFolder.IdxLabels(Enumerable.Range(0, 30).Select(i => (byte)(i % 10)).ToArray(), headerCount: 3_826_000));
        var message = await ClearErrorAsync($"#!dataset mnist --path {_temp.File("mnist")}", images);
        Assert.Contains("3,826,000 images of 28×28", message);
        Assert.Contains("--train N reads only the first N", message);

        var first = await _kernel.SubmitAsync($"#!dataset mnist --path {_temp.File("mnist")} --train 20 --val 5 --test 0");
        Assert.True(first.Succeeded, first.Describe());
        Assert.Equal((20, 5), (_kernel.Session.Data.Train.Count, _kernel.Session.Data.Splits.Val!.Count));
    }

    [Fact]
    public async Task A_cifar10_batch_of_100000_records_is_refused_with_how_to_load_its_first_ones()
    {
        var file = _temp.Write("cifar/data_batch_1.bin", TempFolder.CifarRecords([1], (i, j) => 9));
        using (var stream = new FileStream(file, FileMode.Open)) stream.SetLength(100_000L * 3073); // sparse
        var message = await ClearErrorAsync($"#!dataset cifar10 --path {_temp.File("cifar")}", file);
        Assert.Contains("100,000 records of 3,072 pixels", message);
        Assert.Contains("--train N reads only the first N", message);
    }

    [Fact]
    public async Task A_csv_whose_label_column_is_a_continuous_target_is_refused_at_once_naming_line_value_and_the_label_option()
    {
        // 200 rows whose last column is a price in whole numbers up to 514,160: once 514,161 classes, 4.3 GB and 29 s.
        var file = _temp.WriteText("prices.csv",
            "x1,x2,price\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i % 7},{i % 5},{i * 2584 % 514161}\n")) + "1,1,514160\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var message = await ClearErrorAsync($"#!dataset csv --path {file}", file);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refusing took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("line 3, column 3 ('price'): label 2584 would make 2,585 classes, more than the 201 rows", message);
        Assert.Contains("continuous target written in whole numbers (regression is not supported)", message);
        Assert.Contains("--label-column K chooses the label column", message);

        var fractions = _temp.WriteText("fractions.csv", "a,b,y\n1,2,0.25\n3,4,1.5\n");
        message = await ClearErrorAsync($"#!dataset csv --path {fractions}", fractions);
        Assert.Contains("line 2, column 3 ('y'): label '0.25' is not a whole number", message);
        Assert.Contains("--label-column K chooses the label column", message);
        // With x2 (5 classes) as the label column the price is a feature, and the file loads.
        var cell = await _kernel.SubmitAsync($"#!dataset csv --path {file} --label-column 1 --val 20");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Equal(5, _kernel.Session.Data.Train.Classes);
        Assert.Contains("--label-column 1", cell.Html); // the line that loads the same data again
    }

    [Fact]
    public async Task A_first_line_mixing_numbers_and_text_asks_for_header_yes_or_no_and_header_yes_loads_the_rest()
    {
        var file = _temp.WriteText("mixed.csv", "1,b,0\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{i % 3},{i % 2}\n")));
        var message = await ClearErrorAsync($"#!dataset csv --path {file}", file);
        Assert.Contains("line 1 mixes numbers and text in its feature columns", message);
        Assert.Contains("--header yes or --header no", message);
        Assert.DoesNotContain("hasHeader", message);

        var cell = await _kernel.SubmitAsync($"#!dataset csv --path {file} --header yes --val 5");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Equal(15, _kernel.Session.Data.Train.Count);
        Assert.Contains("--header yes", cell.Html); // the line that loads the same data again
    }

    [Fact]
    public async Task Header_no_reads_line_1_as_data_so_a_names_line_is_an_error_naming_its_first_field()
    {
        var file = _temp.WriteText("named.csv", "a,b,y\n1,2,0\n3,4,1\n");
        var message = await ClearErrorAsync($"#!dataset csv --path {file} --header no", file);
        Assert.Contains("line 1, column 1: 'a' is not a number", message);
    }

    [Fact]
    public async Task Scikit_learn_s_header_gives_csv_its_class_names()
    {
        var file = _temp.WriteText("flowers.csv",
            "30,2,setosa,versicolor,virginica\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i % 7}.5,{i % 4},{i % 3}\n")));
        var cell = await _kernel.SubmitAsync($"#!dataset csv --path {file} --val 6");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Equal(["setosa", "versicolor", "virginica"], _kernel.Session.Data.Train.ClassNames);
        Assert.Contains("30 rows of 2 features, 3 classes", cell.Html);
    }

    [SkippableFact]
    public async Task The_shipped_iris_loads_with_its_150_flowers_and_class_names()
    {
        var iris = Path.Combine(SharedData.Require("sklearn"), "iris.csv");
        var cell = await _kernel.SubmitAsync($"#!dataset csv --path {iris} --val 30");
        Assert.True(cell.Succeeded, cell.Describe());
        var data = _kernel.Session.Data;
        Assert.Equal((120, 30, 4), (data.Train.Count, data.Splits.Val!.Count, data.Train.Features));
        Assert.Equal(["setosa", "versicolor", "virginica"], data.Train.ClassNames);
        Assert.Contains("150 rows of 4 features, 3 classes", cell.Html);
        Assert.Contains("virginica", cell.Html);
    }

    /// <summary>Runs <paramref name="body"/> with NOTEBOOKDL_DATA set to <paramref name="root"/>, then puts it back.</summary>
    private static async Task WithDataRoot(string root, Func<Task> body)
    {
        var saved = Environment.GetEnvironmentVariable(NotebookDL.Data.DataPaths.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(NotebookDL.Data.DataPaths.EnvironmentVariable, root);
            await body();
        }
        finally
        {
            Environment.SetEnvironmentVariable(NotebookDL.Data.DataPaths.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public async Task Auto_with_a_corrupt_cifar10_folder_says_what_is_wrong_and_takes_mnist()
    {
        var batch = _temp.Write("root/cifar10/data_batch_1.bin", [.. TempFolder.CifarRecords([1, 2], (i, j) => 7), 1, 2, 3, 4, 5]);
        _temp.Write("root/mnist/train-images-idx3-ubyte", TempFolder.IdxImages(40, 2, 2, Enumerable.Range(0, 160).Select(k => (byte)k).ToArray()));
        _temp.Write("root/mnist/train-labels-idx1-ubyte", TempFolder.IdxLabels(Enumerable.Range(0, 40).Select(i => (byte)(i % 10)).ToArray()));
        await WithDataRoot(_temp.File("root"), async () =>
        {
            var cell = await _kernel.SubmitAsync("#!dataset auto --train 30 --val 10 --test 0");
            Assert.True(cell.Succeeded, cell.Describe());
            Assert.Equal("mnist", _kernel.Session.Data.Name);
            var html = System.Net.WebUtility.HtmlDecode(cell.Html);
            Assert.Contains($"--name auto used mnist, the first of --prefer cifar10,mnist,digits that loaded: NOTEBOOKDL_DATA = {_temp.File("root")} holds cifar10/ " +
                            $"but it could not be loaded ({batch}: corrupt CIFAR-10 file: 6,151 bytes is not a multiple of the record size 3073", html);
            Assert.Contains("border-left:4px solid #f9a825", cell.Html); // a warning: not the first choice
        });
    }

    [Fact]
    public async Task Auto_with_corrupt_cifar10_and_mnist_falls_back_to_the_built_in_digits_and_says_why()
    {
        var batch = _temp.Write("root/cifar10/data_batch_1.bin", TempFolder.CifarRecords([3, 10], (i, j) => 0));
        var images = _temp.Write("root/mnist/train-images-idx3-ubyte.gz", TempFolder.IdxImages(3_826_000, 28, 28, new byte[784]));
        _temp.Write("root/mnist/train-labels-idx1-ubyte.gz", TempFolder.IdxLabels([1], headerCount: 3_826_000));
        await WithDataRoot(_temp.File("root"), async () =>
        {
            var cell = await _kernel.SubmitAsync("#!dataset auto");
            Assert.True(cell.Succeeded, cell.Describe());
            Assert.Equal("digits", _kernel.Session.Data.Name);
            var html = System.Net.WebUtility.HtmlDecode(cell.Html);
            Assert.Contains($"holds cifar10/ but it could not be loaded ({batch}: corrupt CIFAR-10 file: record 1 (byte offset 3,073) has label 10", html);
            Assert.Contains($"holds mnist/ but it could not be loaded ({images}: the header (offset 4) says 3,826,000 images of 28×28", html);
            Assert.Contains("digits is built in", html);
        });
    }

    [Fact]
    public async Task Auto_preferring_only_a_corrupt_cifar10_is_a_clear_error_with_the_reason()
    {
        var batch = _temp.Write("root/cifar10/data_batch_1.bin", new byte[3073 + 1]);
        await WithDataRoot(_temp.File("root"), async () =>
        {
            var message = await ClearErrorAsync("#!dataset auto --prefer cifar10", batch);
            Assert.Contains("--name auto: none of --prefer cifar10 could be used", message);
            Assert.Contains($"NOTEBOOKDL_DATA = {_temp.File("root")} holds cifar10/ but it could not be loaded ({batch}: corrupt CIFAR-10 file", message);
        });
    }
}
