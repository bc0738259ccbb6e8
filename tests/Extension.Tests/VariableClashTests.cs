using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

/// <summary>A command's result never replaces a variable of the user's of another type: the user's stays, the result takes the next free name.</summary>
[Collection("notebook state")]
public class VariableClashTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public VariableClashTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task A_users_variable_of_another_type_is_kept_and_the_result_is_stored_under_the_next_free_name()
    {
        Assert.True((await _kernel.SubmitAsync("var mine = \"my own notes\";")).Succeeded);
        var cell = await _kernel.SubmitAsync("#!dataset digits --as mine");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("a C# variable mine (String) already exists and is kept: stored as C# variable mine2 (CurrentData)", cell.Html);
        Assert.Equal("my own notes", _kernel.Variable<string>("mine"));
        var data = _kernel.Variable<CurrentData>("mine2");
        Assert.Equal("digits", data.Name.Split(' ')[0]);

        // Run again: the same free name is taken again, and the user's variable is still theirs.
        var again = await _kernel.SubmitAsync("#!dataset digits --as mine");
        Assert.Contains("stored as C# variable mine2 (CurrentData)", again.Html);
        Assert.Equal("my own notes", _kernel.Variable<string>("mine"));

        // A command's own earlier result of another type under the name is not the user's: replaced.
        Assert.True((await _kernel.SubmitAsync("#!dataset digits --as thing")).Succeeded);
        var replaced = await _kernel.SubmitAsync("#!train --epochs 1 --as thing");
        Assert.Contains("stored as C# variable thing (TrainingRun)", replaced.Html);
        Assert.IsType<TrainingRun>(_kernel.Variable<object>("thing"));

        // A variable of the same type is the command's own result from before: replaced, as a re-run should.
        Assert.True((await _kernel.SubmitAsync("#!train --epochs 1 --as sameRun")).Succeeded);
        var rerun = await _kernel.SubmitAsync("#!train --epochs 1 --as sameRun");
        Assert.Contains("stored as C# variable sameRun (TrainingRun)", rerun.Html);
    }
}
