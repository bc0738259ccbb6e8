using NotebookDL.Extension.Session;
using NotebookDL.Search;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// The lecture's hyperparameter search on CIFAR-10 as a student types it: coarse (20 trials x 3 epochs, lr log
/// 1e-6..1, reg log 1e-5..10), then refined around the best five (20 x 6), with #!search's defaults (3072-50-10,
/// ReLU, small weights, momentum 0.9, batch 200, mean-subtracted pixels) on data_batch_1 (9,000 train / 1,000 val).
/// </summary>
[Collection("notebook state")]
public class LectureCifarSearchTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public LectureCifarSearchTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [SkippableFact]
    public async Task The_coarse_then_fine_search_with_the_defaults_reaches_0_42_validation_accuracy()
    {
        var folder = SharedData.Require("cifar10");
        Assert.True((await _kernel.SubmitAsync($"#!dataset cifar10 --path {folder}")).Succeeded);
        var coarse = await _kernel.SubmitAsync("#!search --trials 20 --epochs 3 --lr log:1e-6..1 --reg log:1e-5..10 --max-seconds 900 --as coarse");
        Assert.True(coarse.Succeeded, coarse.Describe());
        var fine = await _kernel.SubmitAsync("#!search --refine --trials 20 --epochs 6 --max-seconds 900 --as fine");
        Assert.True(fine.Succeeded, fine.Describe());

        var first = _kernel.Variable<SearchRun>("coarse").Result;
        var refined = _kernel.Variable<SearchRun>("fine").Result;
        Assert.Equal((20, 20), (first.Trials.Count, refined.Trials.Count));
        // Too high learning rates diverge in the coarse stage (the scatter's red); none is left in the refined space's best.
        Assert.Contains(first.Trials, t => t.Tag == "too high");
        Assert.True(refined.Best!.ValAccuracy >= 0.42, refined.Best.Line(refined.Space, refined.Planned));
        Assert.True(refined.Best.ValAccuracy > first.Best!.ValAccuracy, $"{first.Best.Line(first.Space, 20)}\n{refined.Best.Line(refined.Space, 20)}");
        Assert.Contains("val acc: 0.4", fine.Html);
    }
}
