using NotebookDL.Extension.Options;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// --dtype float32 (or f32) on the commands that train: the run is float32 end to end and shows it, and what it
/// stores reads as any run does (its network in double). float64 stays the default.
/// </summary>
[Collection("notebook state")]
public class DtypeOptionTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public DtypeOptionTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset(); // the built-in digits
    }

    [Fact]
    public async Task Train_in_float32_learns_as_float64_does_and_says_so()
    {
        var f32 = await _kernel.SubmitAsync("#!train --dtype f32 --as single");
        Assert.True(f32.Succeeded, f32.Describe());
        Assert.Contains("training in float32", f32.Html + f32.Updates);
        Assert.Contains("--dtype float32", f32.Html); // the echo line reproduces the run
        Assert.Contains("the data is stored in float64 (float64 matrix, 0.8 MB): each batch was rounded to float32", f32.Html);
        var f64 = await _kernel.SubmitAsync("#!train --as wide");
        Assert.True(f64.Succeeded, f64.Describe());
        Assert.DoesNotContain("--dtype", f64.Html); // the default is not echoed
        var single = _kernel.Variable<TrainingRun>("single");
        var wide = _kernel.Variable<TrainingRun>("wide");
        Assert.Equal(Dtype.Float32, single.Settings.Get(TrainingOptionTable.Dtype));
        Assert.InRange(Math.Abs(single.History.Epochs[^1].ValAccuracy!.Value - wide.History.Epochs[^1].ValAccuracy!.Value), 0, 0.01);
        Assert.NotEqual(single.History.Costs, wide.History.Costs); // really another precision
        var predict = await _kernel.SubmitAsync("single.Network.Predict(NotebookDL.Extension.Session.NotebookSession.Current.Data.Splits.Val!.X).Length");
        Assert.True(predict.Succeeded, predict.Describe());
    }

    [Theory]
    [InlineData("#!search --trials 3 --epochs 2 --lr log:1e-2..1 --dtype float32 --as found", "--dtype float32")]
    [InlineData("#!lr-find --dtype f32 --as finder", "--dtype float32")]
    [InlineData("#!ensemble --members 2 --epochs 2 --dtype f32 --as members", "--dtype float32")]
    [InlineData("#!ensemble --kind snapshot --members 2 --cycle-epochs 2 --dtype f32 --as snapshots", "--dtype float32")]
    public async Task The_training_commands_take_it(string line, string echoed)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains(echoed, cell.Html);
    }

    [Theory]
    [InlineData("#!train --dtype float16", "--dtype: unknown dtype 'float16': use float64 (f64) or float32 (f32)")]
    [InlineData("#!train --paused --dtype f32", "--paused steps through the run in float64")]
    public async Task A_dtype_it_cannot_take_is_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded);
        Assert.Contains(message, cell.Failure!.Message);
        Assert.True((await _kernel.SubmitAsync("#!softmax [1,2]")).Succeeded);
    }
}
