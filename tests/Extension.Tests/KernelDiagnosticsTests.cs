namespace NotebookDL.Tests.Extension;

/// <summary>
/// Lines the kernel's directive parser rejects before any command runs (issue 18, item 7). Before, each printed
/// the kernel's DNI103/105/106/202 text three times and a stray "Microsoft.CodeAnalysis.Diagnostic[]" line; now
/// each reads as our own one clear error.
/// </summary>
[Collection("notebook state")]
public class KernelDiagnosticsTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public KernelDiagnosticsTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Theory]
    [InlineData("#!softmax [NaN]", "#!softmax: --z [NaN]: NaN and infinity cannot be written in a list")]
    [InlineData("#!softmax [inf,-inf]", "#!softmax: --z [inf,-inf]: NaN and infinity cannot be written in a list")]
    [InlineData("#!softmax --z [1, 2", "#!softmax: --z [1, 2 is not a list of numbers")]
    [InlineData("#!train --lrr 0.1", "#!train: unknown option --lrr (did you mean --lr?)")]
    [InlineData("#!train --lr 0.1 --lr 0.2", "#!train: --lr is given twice: give each option once")]
    [InlineData("#!train --as @class", "#!train: --as @class: a value starting with @ asks the kernel for a shared variable or an input")]
    public async Task A_line_the_kernel_parser_rejects_reads_as_our_one_clear_error(string line, string error)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded);
        Assert.StartsWith(error, cell.Failure!.Message);
        Assert.EndsWith("--help.", cell.Failure.Message);
        var everything = cell.Describe();
        Assert.DoesNotContain("DNI1", everything);
        Assert.DoesNotContain("DNI2", everything);
        Assert.DoesNotContain("Diagnostic[]", everything);
    }

    [Fact]
    public async Task A_kernel_line_that_is_not_ours_keeps_the_kernel_s_message()
    {
        var cell = await _kernel.SubmitAsync("#!set --nosuch 1");
        Assert.False(cell.Succeeded);
        Assert.Contains("DNI", cell.Describe());
    }
}
