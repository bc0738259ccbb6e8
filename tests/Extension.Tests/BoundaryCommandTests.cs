using NotebookDL.Data;
using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public class BoundaryCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public BoundaryCommandTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Fact]
    public async Task Softmax_regression_draws_linear_regions_a_hidden_layer_bends_them()
    {
        _kernel.Session.Data = new CurrentData("spiral", new DatasetSplits(Spiral.Create(), null, null, null), "none", "spiral");
        try
        {
            Assert.True((await _kernel.SubmitAsync("#!train --hidden 0 --optimizer adam --lr 0.05 --epochs 200 --batch 300 --as lin")).Succeeded);
            Assert.True((await _kernel.SubmitAsync("#!train --hidden 100 --optimizer adam --lr 0.05 --epochs 200 --batch 300 --as net")).Succeeded);
            var cell = await _kernel.SubmitAsync("#!boundary --run lin,net");
            Assert.True(cell.Succeeded, cell.Describe());
            Assert.Contains("softmax regression (no hidden layer)", cell.Html);
            Assert.Contains("\"heatmap\"", cell.Html);
            var linear = _kernel.Variable<TrainingRun>("lin").Network.Accuracy(Spiral.Create().X, Spiral.Create().Labels);
            var bent = _kernel.Variable<TrainingRun>("net").Network.Accuracy(Spiral.Create().X, Spiral.Create().Labels);
            Assert.True(linear < 0.65, $"softmax regression on the spiral: {linear}");
            Assert.True(bent > 0.95, $"two-layer net on the spiral: {bent}");
        }
        finally
        {
            _kernel.Session.Reset();
        }
    }

    [Fact]
    public async Task A_run_trained_on_another_spiral_is_a_clear_error()
    {
        try
        {
            Assert.True((await _kernel.SubmitAsync("#!dataset spiral")).Succeeded);
            Assert.True((await _kernel.SubmitAsync("#!train --hidden 0 --epochs 2 --as first")).Succeeded);
            Assert.True((await _kernel.SubmitAsync("#!boundary --run first")).Succeeded);
            Assert.True((await _kernel.SubmitAsync("#!dataset spiral --seed 3")).Succeeded); // other noise, other split: same shape
            var cell = await _kernel.SubmitAsync("#!boundary --run first");
            Assert.False(cell.Succeeded, cell.Describe());
            Assert.Contains("run 'first' was trained on other data of the same shape", cell.Failure!.Message);
        }
        finally
        {
            _kernel.Session.Reset();
        }
    }

    [Fact]
    public async Task Boundaries_need_2_d_data_and_an_existing_run()
    {
        _kernel.Session.Reset();
        var cell = await _kernel.SubmitAsync("#!boundary --run nothing");
        Assert.False(cell.Succeeded);
        Assert.Contains("2-D data", cell.Failure!.Message);
    }
}
