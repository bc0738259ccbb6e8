using System.Text.Json.Nodes;
using NotebookDL.Extension.Session;
using NotebookDL.Replay;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// The teacher's side: solutions between the markers become stubs that throw "not implemented yet", the checks
/// stay, the student version goes to a folder of its own, and it runs top to bottom showing failed checks.
/// </summary>
[Collection("notebook state")]
public class StudentVersionTests(ITestOutputHelper output)
{
    private const string Notebook = """
        #!markdown

        # Exercise
        Write your code between `// BEGIN SOLUTION` and `// END SOLUTION`.
        <!-- notebookdl-expect: all 5 cases pass -->
        <!-- notebookdl-student-expect: not implemented yet -->

        #!csharp

        double Twice(double x)
        {
            // BEGIN SOLUTION
            var y = 2 * x;
            return y;
            // END SOLUTION
        }

        Check("twice", Twice)
        """;

    [Fact]
    public void Each_solution_becomes_a_stub_at_its_indentation_and_the_check_stays()
    {
        var (text, solutions) = StudentVersion.Strip(Notebook);
        Assert.Equal(1, solutions);
        Assert.Contains("    // YOUR CODE HERE\n    throw new NotImplementedException(\"not implemented yet\");\n}", text);
        Assert.DoesNotContain("2 * x", text);
        Assert.Contains("Check(\"twice\", Twice)", text);
        Assert.Contains("Write your code between `// BEGIN SOLUTION` and `// END SOLUTION`.", text); // markdown is left alone
    }

    [Fact]
    public void The_student_version_expects_the_students_numbers_instead_of_the_teachers()
    {
        var (text, _) = StudentVersion.Strip(Notebook);
        Assert.DoesNotContain("all 5 cases pass", text);
        Assert.Contains("<!-- notebookdl-expect: not implemented yet -->", text);
        Assert.Equal(["not implemented yet"], NotebookFile.Read(WriteIpynb(text)).Expectations.Select(e => e.Text));
    }

    [Theory]
    [InlineData("#!csharp\n// BEGIN SOLUTION\nint x = 1;\n", "notebook:2: // BEGIN SOLUTION is never closed")]
    [InlineData("#!csharp\nint x = 1;\n// END SOLUTION\n", "notebook:3: // END SOLUTION without a // BEGIN SOLUTION")]
    [InlineData("#!csharp\n// BEGIN SOLUTION\n// BEGIN SOLUTION\n", "notebook:3: // BEGIN SOLUTION inside the solution opened at line 2")]
    [InlineData("#!csharp\n// BEGIN SOLUTION\nint x = 1;\n\n#!markdown\n\ntext\n", "notebook:2: the solution opened here runs into the next cell (line 5)")]
    public void Unbalanced_markers_are_a_clear_error_naming_the_line(string dib, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => StudentVersion.Strip(dib)).Message);

    [Fact]
    public void The_student_version_is_never_written_into_the_notebooks_folder()
    {
        var e = Assert.Throws<ArgumentException>(() => StudentVersion.WriteFolder(Repository.Notebooks, Path.Combine(Repository.Notebooks, "student")));
        Assert.Contains("never into the notebooks' folder", e.Message);
        Assert.Throws<ArgumentException>(() => StudentVersion.WriteFolder(Repository.Notebooks, Repository.Notebooks));
    }

    public static TheoryData<string> NotebooksWithSolutions() =>
    [
        .. Directory.GetFiles(Repository.Notebooks, "*.dib").Order(StringComparer.Ordinal)
            .Where(p => StudentVersion.Strip(File.ReadAllText(p)).Solutions > 0)
            .Select(p => Path.GetFileName(p)!),
    ];

    [Theory]
    [MemberData(nameof(NotebooksWithSolutions))]
    public async Task The_student_version_runs_top_to_bottom_showing_failed_checks_as_tables(string dib)
    {
        var outFolder = Directory.CreateTempSubdirectory("notebookdl-student-");
        try
        {
            var written = StudentVersion.WriteFolder(Repository.Notebooks, outFolder.FullName);
            var name = Path.GetFileNameWithoutExtension(dib);
            Assert.True(written.Single(w => w.Notebook == name).Solutions > 0);
            Assert.Contains(Path.GetFileName(dib), Directory.GetFiles(outFolder.FullName).Select(Path.GetFileName));

            var notebook = NotebookFile.Read(Path.Combine(outFolder.FullName, name + ".ipynb"));
            var result = await new NotebookRunner(TimeSpan.FromSeconds(300), output.WriteLine).RunAsync(notebook);
            Assert.True(result.Succeeded, result.Failure);
            var executed = notebook.Root.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.Contains(">TODO<", executed);              // the stubs' cases
            Assert.DoesNotMatch(@"all \d+ cases pass", executed); // no solution left behind
            Assert.Contains("not implemented yet", executed);
            Assert.Contains("Not plugged in", executed);      // #!use leaves the engine's code in place
            Assert.DoesNotContain("\"output_type\":\"error\"", executed);
            output.WriteLine($"student {name}: {result.Elapsed.TotalSeconds:F1} s, shows {string.Join(", ", result.Found)}");
        }
        finally
        {
            outFolder.Delete(recursive: true);
        }
    }

    private static string WriteIpynb(string dibText)
    {
        var path = Path.Combine(Path.GetTempPath(), $"notebookdl-student-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, NotebookConverter.ToIpynb("#!csharp\n\n#r \"nuget:NotebookDL\"\n\n" + dibText));
        return path;
    }
}
