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
}
