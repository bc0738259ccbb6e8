using Xunit.Abstractions;

namespace NotebookDL.Tests.Extension;

/// <summary>A re-run cell leaves memory flat: the results it replaces are released, not kept by the notebook's older variables.</summary>
[Collection("notebook state")]
public class RerunMemoryTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;
    private readonly ITestOutputHelper _output;

    public RerunMemoryTests(SharedKernel shared, ITestOutputHelper output)
    {
        _kernel = shared.Kernel;
        _output = output;
        _kernel.Session.Reset();
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Runs <paramref name="line"/> ten times; the managed heap after a full collection after each run.</summary>
    private async Task<List<long>> HeapsAfterTenRuns(string line)
    {
        var heaps = new List<long>();
        for (int i = 0; i < 10; i++)
        {
            var cell = await _kernel.SubmitAsync(line);
            Assert.True(cell.Succeeded, cell.Describe());
            heaps.Add(Heap());
        }
        _output.WriteLine($"{line}: managed heap after each run (MB): " + string.Join(", ", heaps.Select(h => (h >> 20).ToString())));
        return heaps;
    }

    [SkippableFact]
    public async Task Ten_reruns_of_dataset_cifar10_leave_the_managed_heap_flat()
    {
        var heaps = await HeapsAfterTenRuns($"#!dataset cifar10 --path {SharedData.Require("cifar10")}");
        // One data set is ~270 MB (10,000 + 1,000 images of 3,072 doubles); ten kept would be 2.7 GB.
        Assert.True(heaps[^1] - heaps[0] < 20L << 20, $"grew from {heaps[0] >> 20} MB to {heaps[^1] >> 20} MB over 10 re-runs");
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task Ten_reruns_of_train_as_the_same_name_leave_the_managed_heap_flat()
    {
        var heaps = await HeapsAfterTenRuns("#!train --hidden 1000 --epochs 1 --as big");
        Assert.True(heaps[^1] - heaps[0] < 5L << 20, $"grew from {heaps[0] >> 20} MB to {heaps[^1] >> 20} MB over 10 re-runs");
    }

    [Fact]
    public async Task Ten_steps_of_a_large_paused_session_leave_the_managed_heap_flat()
    {
        Assert.True((await _kernel.SubmitAsync("#!train --hidden 1000 --epochs 5 --paused --as bigSession")).Succeeded);
        var heaps = await HeapsAfterTenRuns("#!step --session bigSession");
        Assert.True(heaps[^1] - heaps[0] < 5L << 20, $"grew from {heaps[0] >> 20} MB to {heaps[^1] >> 20} MB over 10 steps");
    }
}
