using NotebookDL.Replay;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// A notebook's expected numbers count only after the note that states them (issue 17: the replay passed a notebook
/// when an expected string appeared in any cell, even before the cell that should produce it — the student version
/// of chapter 11 passed that way with 0 of 18 exercises solved).
/// </summary>
[Collection("notebook state")]
public sealed class ExpectationTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("notebookdl-expect-");

    public void Dispose() => _folder.Delete(recursive: true);

    private NotebookFile Notebook(string dib)
    {
        var path = Path.Combine(_folder.FullName, "expect.ipynb");
        File.WriteAllText(path, NotebookConverter.ToIpynb(dib));
        return NotebookFile.Read(path);
    }

    private static string Dib(string firstNote, string secondNote) => $"""
        #!markdown

        # Expectations
        {firstNote}

        #!csharp

        #r "nuget:NotebookDL"

        #!csharp

        Console.WriteLine("early 0.842");

        #!markdown

        The softmax of the lecture's scores.
        {secondNote}

        #!csharp

        Console.WriteLine("late 0.114");
        """;

    [Fact]
    public void Each_expectation_belongs_to_the_markdown_cell_that_states_it()
    {
        var notebook = Notebook(Dib("<!-- notebookdl-expect: early 0.842 -->", "<!-- notebookdl-expect: late 0.114 | 0.1 -->"));
        Assert.Equal([new Expectation("early 0.842", 0), new Expectation("late 0.114", 3), new Expectation("0.1", 3)], notebook.Expectations);
        Assert.Null(notebook.Root["metadata"]?["notebookdl"]?["expect"]); // one place: the cells
    }

    [Fact]
    public async Task A_string_shown_after_its_note_passes()
    {
        var notebook = Notebook(Dib("<!-- notebookdl-expect: early 0.842 -->", "<!-- notebookdl-expect: late 0.114 -->"));
        var result = await new NotebookRunner(TimeSpan.FromSeconds(120), output.WriteLine).RunAsync(notebook);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(["early 0.842", "late 0.114"], result.Found);
    }

    [Fact]
    public async Task A_string_shown_only_before_its_note_fails_naming_both_cells()
    {
        var notebook = Notebook(Dib("", "<!-- notebookdl-expect: early 0.842 | never shown -->"));
        var result = await new NotebookRunner(TimeSpan.FromSeconds(120), output.WriteLine).RunAsync(notebook);
        Assert.False(result.Succeeded);
        Assert.Equal("expected: 'early 0.842' (stated in cell #4) appears only before it, in cell #3; 'never shown' (stated in cell #4) is in no output after it", result.Failure);
        Assert.Empty(result.Found);
    }
}
