using System.CommandLine;
using System.Diagnostics;
using NotebookDL.Replay;
using NotebookDL.Replay.Grading;
using NotebookDL.Replay.Verbs;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// The grader on a class made from chapter 11's key and its student version: a complete notebook, an untouched
/// student version, an endless loop in one exercise, a cell that does not compile (handed in as a .dib), a notebook
/// that fakes passing output, one that calls the engine's own softmax, one that allocates without end, and a file that
/// is not a notebook — graded in one run, each in processes of its own (1 GB heap cap), with the gradebook asserted row by
/// row; and one whose cell never returns outside any check (its process is killed, the cell rerun as its declarations).
/// </summary>
public class GradeTests(ITestOutputHelper output)
{
    private static string KeyDib => File.ReadAllText(Path.Combine(Repository.Notebooks, "11-exercises.dib"));

    private static string KeyIpynb => Path.Combine(Repository.Notebooks, "11-exercises.ipynb");

    /// <summary>The key's text with the solution of the function declared by <paramref name="signature"/> replaced by <paramref name="body"/>.</summary>
    private static string WithSolution(string dib, string signature, string body)
    {
        int at = dib.IndexOf(signature, StringComparison.Ordinal);
        int begin = dib.IndexOf(StudentVersion.BeginMarker, at, StringComparison.Ordinal);
        int end = dib.IndexOf(StudentVersion.EndMarker, begin, StringComparison.Ordinal) + StudentVersion.EndMarker.Length;
        Assert.True(at >= 0 && begin > at && end > begin, signature);
        return dib[..begin] + body + dib[end..];
    }

    private static void Write(string folder, string name, string dib) =>
        File.WriteAllText(Path.Combine(folder, name + ".ipynb"), NotebookConverter.ToIpynb(dib));

    private static void MakeClass(string folder)
    {
        Directory.CreateDirectory(folder);
        File.Copy(KeyIpynb, Path.Combine(folder, "complete.ipynb"));
        var (student, _) = StudentVersion.Strip(KeyDib);
        Write(folder, "untouched", student);
        Write(folder, "looper", WithSolution(KeyDib, "Matrix<double> TanhBackward(", "while (true) { }"));
        File.WriteAllText(Path.Combine(folder, "typo.dib"), KeyDib.Replace("return x * W + ones * b;", "return x * W + ones * b"));
        // Prints "all cases pass" from its own Check and hard-codes the softmax of the lecture's scores [5, 2, -1, 3].
        var (faker, _) = StudentVersion.Strip(WithSolution(KeyDib, "Matrix<double> MySoftmax(",
            "return Matrix<double>.Build.DenseOfArray(new[,] { { 0.8390, 0.0418, 0.0021, 0.1171 } });"));
        faker = faker.Replace("using static NotebookDL.Exercise;",
            "using static NotebookDL.Exercise;\n\n#!csharp\n\nstring Check(string exercise, object implementation) { Console.WriteLine($\"{exercise}: all cases pass\"); return $\"{exercise}: all cases pass\"; }");
        Write(folder, "faker", faker);
        Write(folder, "copier", WithSolution(KeyDib, "Matrix<double> MySoftmax(", "return NotebookDL.Losses.Softmax.Rows(scores);"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "my answers are in my head");
        // A cell that never returns on its own (outside any check): its process is killed, the cell rerun as its declarations.
        Write(folder, "spinner", KeyDib.Replace("Check(\"dense-forward\", DenseForward)", "Check(\"dense-forward\", DenseForward);\nwhile (true) { }"));
        // Allocates without end right after the usings: the process's heap cap turns it into an OutOfMemoryException in that cell.
        Write(folder, "hog", KeyDib.Replace("using static NotebookDL.Exercise;",
            "using static NotebookDL.Exercise;\n\n#!csharp\n\n{\n    var hog = new List<double[]>();\n    while (true) hog.Add(new double[1 << 20]);\n}"));
    }

    [Fact]
    public async Task A_class_of_nine_is_graded_in_one_run_and_an_endless_loop_costs_one_exercise()
    {
        var root = Path.Combine(Path.GetTempPath(), "notebookdl-grade-" + Guid.NewGuid().ToString("N"));
        try
        {
            var submissions = Path.Combine(root, "submissions");
            var grades = Path.Combine(root, "grades");
            MakeClass(submissions);
            var configuration = new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() };
            var clock = Stopwatch.StartNew();
            int code = await VerbInvocation.InvokeAsync(Program.Commands(), Program.DefaultVerb,
                ["grade", submissions, "--key", KeyIpynb, "--out", grades, "--cell-timeout", "12", "--parallel", "2", "--memory-mb", "1024"], configuration);
            output.WriteLine(configuration.Output.ToString());
            output.WriteLine(configuration.Error.ToString());
            Assert.Equal(0, code);
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(6), $"grading took {clock.Elapsed}");

            var key = GradingKey.Read(KeyIpynb);
            Assert.Equal(18, key.Count);
            var lines = File.ReadAllLines(Path.Combine(grades, "grades.csv"));
            Assert.Equal("student,exercise,points,max,status", lines[0]);
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            string[] students = ["complete", "copier", "faker", "hog", "looper", "notes", "spinner", "typo", "untouched"];
            Assert.Equal(students.Length * key.Count, rows.Count);
            for (int s = 0; s < students.Length; s++)
                for (int e = 0; e < key.Count; e++)
                {
                    var row = rows[s * key.Count + e];
                    var expected = Expected(students[s], key[e].Name);
                    Assert.True(row[0] == students[s] && row[1] == key[e].Name && row[4] == expected && row[3] == "1" && row[2] == (expected == "pass" ? "1" : "0"),
                        $"{string.Join(",", row)}: expected {students[s]},{key[e].Name},{(expected == "pass" ? 1 : 0)},1,{expected}");
                }

            // The pages: the class with its chart and the hints that fired, each student's executed notebook with the checks.
            var index = File.ReadAllText(Path.Combine(grades, "index.html"));
            foreach (var part in new[] { "Plotly.newPlot", "pass rate per exercise", "points per student", "the hints that fired most", "looper.html" })
                Assert.Contains(part, index);
            // The loop inside a function: the student's own check stops it (10 s), the teacher's check too (the cell timeout).
            var looper = File.ReadAllText(Path.Combine(grades, "looper.html"));
            Assert.Contains("17 of 18 points", looper);
            Assert.Contains("Grading", looper);
            Assert.Contains("did not return within 10 s", looper);
            Assert.Contains("the check did not return within 12 s", looper);
            // The loop at a cell's top level: killed after 12 s, the cell's declarations rerun, every exercise graded.
            var spinner = File.ReadAllText(Path.Combine(grades, "spinner.html"));
            Assert.Contains("18 of 18 points", spinner);
            Assert.Contains("did not finish within 12 s", spinner);
            Assert.Contains("the grader ran only this cell&#39;s declarations", spinner);
            Assert.Contains("is not a notebook", File.ReadAllText(Path.Combine(grades, "notes.html")));
            Assert.Contains("CS1002", File.ReadAllText(Path.Combine(grades, "typo.html")));
            Assert.Contains("OutOfMemoryException", File.ReadAllText(Path.Combine(grades, "hog.html")));
            Assert.Contains("engine&#39;s own code", File.ReadAllText(Path.Combine(grades, "copier.html")));
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The gradebook's status for each student of the fixture class.</summary>
    private static string Expected(string student, string exercise) => student switch
    {
        "complete" or "hog" or "spinner" => "pass",
        "untouched" or "faker" => "fail",
        "looper" => exercise == "tanh-backward" ? "timeout" : "pass",
        "typo" => exercise == "dense-forward" ? "error" : "pass",
        // Its softmax calls the engine's; its loss calls its softmax, so the loss reaches the engine's code too.
        "copier" => exercise is "softmax" or "softmax-loss" ? "fail" : "pass",
        "notes" => "missing",
        _ => throw new ArgumentException(student),
    };

    [Fact]
    public void The_key_lists_every_checked_exercise_with_its_expression_and_points_from_the_metadata()
    {
        var key = GradingKey.Read(KeyIpynb);
        Assert.Equal("softmax", key[0].Name);
        Assert.Equal("MySoftmax", key[0].Expression);
        Assert.Contains(key, k => k.Name == "relu-backward" && k.Expression == "myReluBackward" && k.IsName);
        Assert.Contains(key, k => k.Name == "batchnorm" && k.Identifier == "MyBatchNorm");
        Assert.All(key, k => Assert.Equal(1, k.Points));

        var dib = KeyDib.Replace("# 11. Exercises", "# 11. Exercises\n\n<!-- notebookdl-points: batchnorm=3, adam=2 -->");
        var path = Path.Combine(Path.GetTempPath(), $"notebookdl-key-{Guid.NewGuid():N}.dib");
        try
        {
            File.WriteAllText(path, dib);
            var weighted = GradingKey.Read(path);
            Assert.Equal(3, weighted.Single(k => k.Name == "batchnorm").Points);
            Assert.Equal(2, weighted.Single(k => k.Name == "adam").Points);
            Assert.Equal(key.Count + 3, weighted.Sum(k => k.Points));
            File.WriteAllText(path, dib.Replace("adam=2", "nosuch=2"));
            Assert.Contains("'nosuch', which the key does not check", Assert.Throws<InvalidDataException>(() => GradingKey.Read(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("grade /no/such/folder --key notebooks/11-exercises.ipynb", 1, "no submissions folder")]
    [InlineData("grade . --key README.md", 1, "the key cannot be used")]
    [InlineData("grade .", 2, "--key")]
    [InlineData("grade . --key notebooks/11-exercises.ipynb --cell-timeout 0", 2, "--cell-timeout must be between")]
    public async Task Bad_input_is_a_clear_error(string line, int exit, string message)
    {
        var configuration = new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() };
        var args = line.Split(' ').Select(a => a.StartsWith("notebooks/", StringComparison.Ordinal) || a == "README.md" ? Path.Combine(Repository.Root, a) : a).ToArray();
        int code = await VerbInvocation.InvokeAsync(Program.Commands(), Program.DefaultVerb, args, configuration);
        Assert.Equal(exit, code);
        Assert.Contains(message, configuration.Error.ToString());
    }
}
