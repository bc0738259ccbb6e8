using NotebookDL.Exercises;

namespace NotebookDL.Tests.Exercises;

/// <summary>Checks of a check: it passes, or it fails with a hint that says the expected thing.</summary>
internal static class ExerciseAssert
{
    public static ExerciseResult Passes(string exercise, object implementation)
    {
        var result = ExerciseCatalog.Find(exercise).Check(implementation);
        Assert.True(result.Passed, result.ToString());
        return result;
    }

    /// <summary>The check fails, and some failed case's hint contains <paramref name="hint"/>.</summary>
    public static ExerciseResult FailsWith(string exercise, object implementation, string hint)
    {
        var result = ExerciseCatalog.Find(exercise).Check(implementation);
        Assert.False(result.Passed, result.ToString());
        Assert.True(result.Cases.Any(c => !c.Passed && c.Hint is not null && c.Hint.Contains(hint, StringComparison.Ordinal)),
            $"no failed case says '{hint}':\n{result}");
        Assert.DoesNotContain(result.Cases, c => c.Outcome == CaseOutcome.Threw && c.Hint!.Contains("NotebookDL.Exercises", StringComparison.Ordinal));
        return result;
    }
}
