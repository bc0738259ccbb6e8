using NotebookDL.Exercises;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// Chapter 11's own solutions, run cell by cell as a learner runs them (each cell its own assembly, a function
/// of one cell calling another's): every exercise passes, and none is taken for the engine's own code.
/// The training cells are left out; the whole notebook replays in tests/Notebooks.Tests.
/// </summary>
[Collection("notebook state")]
public class ExerciseChapterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public ExerciseChapterTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task Every_solution_of_chapter_11_passes_its_check_as_the_learners_own_code()
    {
        int ran = 0;
        foreach (var code in RepositoryFiles.CSharpCells("notebooks/11-exercises.dib"))
        {
            // The package is referenced by the test kernel already; training and comparing are the replay's.
            if (code.StartsWith("#r ", StringComparison.Ordinal) || code.StartsWith("#!train", StringComparison.Ordinal) || code.StartsWith("#!compare", StringComparison.Ordinal))
                continue;
            var cell = await _kernel.SubmitAsync(code);
            Assert.True(cell.Succeeded, $"{code}\n{cell.Describe()}");
            Assert.DoesNotContain("a grader would give it no points", cell.Html);
            ran++;
        }
        Assert.True(ran > 20, $"only {ran} cells ran");

        var checks = _kernel.Session.Learner.Checks;
        Assert.All(ExerciseCatalog.Names, name =>
        {
            Assert.True(checks.TryGetValue(name, out var result), $"chapter 11 did not check {name}");
            Assert.True(result!.Passed, result.ToString());
            Assert.Empty(result.Warnings);
        });
        Assert.Equal(["adam", "batchnorm"], _kernel.Session.Learner.InUse.Select(r => r.Exercise).Order());
    }
}
