using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookDL.Exercises;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

namespace NotebookDL.Replay.Grading;

/// <summary>
/// One attempt at grading one submission, inside the process the grader started for it (never the grader's own):
/// a fresh in-process kernel with NotebookDL loaded runs the student's code cells top to bottom (a failing cell is
/// recorded and the next one runs; the cells the grader says to skip are not run), then the teacher's check of each
/// exercise still to grade is called on the student's definitions — the engine's check, fully qualified, with a seed
/// the student never saw — and the executed notebook, with a grading section appended, is written. Every step is
/// announced on <paramref name="events"/> first, so the grader can time it and kill this process when it overruns.
/// </summary>
public sealed class SubmissionRun(GradingAttempt attempt, TextWriter events)
{
    /// <summary>The variable the grader assigns the learner's code to before checking it.</summary>
    private const string Slot = "__notebookdl_graded";

    private string Student => attempt.Student;

    /// <summary>Runs the cells, grades the attempt's exercises and writes the executed notebook to the attempt's <see cref="GradingAttempt.Out"/>.</summary>
    public async Task RunAsync()
    {
        var notebook = SubmissionFile.Read(attempt.File);
        using var kernel = NotebookRunner.CreateKernel();
        var csharp = (CSharpKernel)kernel.FindKernelByName("csharp")!;
        await kernel.SendAsync(new SubmitCode(NotebookRunner.InProcessLoad, "csharp"));
        var cells = notebook.Cells.OfType<JsonObject>().ToList();
        var failures = new Dictionary<int, string>();
        int executionCount = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if ((string?)cell["cell_type"] != "code") continue;
            var source = NotebookFile.Source(cell);
            var outputs = new CellOutputs();
            if (IsLoadCell(cell, source) || source.Trim().Length == 0) continue; // NotebookDL is loaded above
            if (attempt.Skip.Contains(i))
            {
                failures[i] = "stopped its kernel twice: not run";
                cell["outputs"] = new JsonArray(Note("not run by the grader: this cell stopped its kernel twice", "stderr"));
                continue;
            }
            bool declarationsOnly = attempt.DeclarationsOnly.Contains(i);
            if (declarationsOnly) source = CellDeclarations.Of(source);
            events.WriteLine(GradingEvent.CellStarts(i).ToLine(attempt.Token));
            executionCount++;
            if (source.Trim().Length > 0)
            {
                var result = await kernel.SendAsync(new SubmitCode(source, NotebookFile.KernelName(cell)));
                foreach (var e in result.Events) outputs.Add(e, executionCount);
            }
            if (outputs.Failure is { } failure) failures[i] = failure;
            var shown = outputs.Outputs.Select(o => (JsonNode)o).ToList();
            if (declarationsOnly)
                shown.Insert(0, Note($"the grader ran only this cell's declarations: it did not finish within {attempt.CellTimeoutSeconds:G} s (an endless loop?) or stopped its kernel\n", "stderr"));
            cell["outputs"] = new JsonArray(shown.ToArray());
            cell["execution_count"] = executionCount;
        }

        var section = new List<JsonObject> { Markdown("## Grading\n\nThe teacher's checks, run by the grader on your definitions with seeds you have not seen.") };
        foreach (var exercise in attempt.Exercises)
        {
            events.WriteLine(GradingEvent.ExerciseStarts(exercise.Name).ToLine(attempt.Token));
            var (grade, html) = await GradeAsync(kernel, csharp, exercise, cells, failures);
            events.WriteLine(GradingEvent.Graded(grade).ToLine(attempt.Token));
            section.Add(Markdown($"### {exercise.Name}: {grade.StatusText}, {grade.Points} of {grade.Max}" + (grade.Reason.Length > 0 ? $"\n\n{grade.Reason}" : "")));
            if (html is not null) section.Add(Output(html));
        }
        foreach (var cell in section) notebook.Cells.Add(cell);
        notebook.Write(attempt.Out);
        events.WriteLine(GradingEvent.Done.ToLine(attempt.Token));
    }

    /// <summary>Finds the learner's code under the key's name and runs the engine's check on it.</summary>
    private async Task<(ExerciseGrade Grade, string? Html)> GradeAsync(CompositeKernel kernel, CSharpKernel csharp, KeyExercise exercise,
        List<JsonObject> cells, Dictionary<int, string> failures)
    {
        object? implementation = null;
        string? problem = null;
        if (!exercise.IsName || !csharp.TryGetValue<object>(exercise.Identifier, out implementation) || implementation is null)
        {
            var assign = await kernel.SendAsync(new SubmitCode($"object {Slot} = {exercise.Expression};", "csharp"));
            var failed = assign.Events.OfType<Microsoft.DotNet.Interactive.Events.CommandFailed>().FirstOrDefault();
            implementation = failed is null ? csharp.TryGetValue<object>(Slot, out var value) ? value : null
                : exercise.IsName ? ImplementationLookup.NotebookClass(exercise.Identifier) : null;
            // CS0103: the name does not exist; anything else (out of memory, a type that cannot be assigned) is the grader's to report.
            if (implementation is null && failed is not null && !failed.Message.Contains("CS0103", StringComparison.Ordinal))
                problem = FirstLine(failed.Message);
        }
        if (implementation is null)
        {
            if (problem is not null)
                return (ExerciseGrade.Of(Student, exercise, GradeStatus.Error, $"the grader could not take {exercise.Identifier}: {problem}"), null);
            var declaring = DeclaringCell(cells, exercise.Identifier);
            if (declaring is int cell && failures.TryGetValue(cell, out var failure))
                return (ExerciseGrade.Of(Student, exercise, GradeStatus.Error, $"the cell that defines {exercise.Identifier} failed: {FirstLine(failure)}"), null);
            return (ExerciseGrade.Of(Student, exercise, GradeStatus.Missing, $"{exercise.Identifier} is not defined"), null);
        }
        // Strict: code that only calls the engine's own fails; the check's own limit ends an endless loop without killing this process.
        var result = ExerciseCatalog.Find(exercise.Name).Check(implementation, seed: SeedOf(exercise.Name), name: exercise.Identifier,
            grading: true, timeout: TimeSpan.FromSeconds(attempt.CellTimeoutSeconds));
        return (Classify(exercise, result), ExerciseResultFormatter.Html(result));
    }

    /// <summary>The status of a check: pass; error when the code threw; fail otherwise, with the first hint.</summary>
    private ExerciseGrade Classify(KeyExercise exercise, ExerciseResult result)
    {
        if (result.Passed) return ExerciseGrade.Of(Student, exercise, GradeStatus.Pass, "");
        if (result.TimedOut)
            return ExerciseGrade.Of(Student, exercise, GradeStatus.Timeout, $"the check did not return within {attempt.CellTimeoutSeconds:G} s (an endless loop?)");
        if (result.NotImplemented) return ExerciseGrade.Of(Student, exercise, GradeStatus.Fail, "not implemented yet");
        var threw = result.Cases.FirstOrDefault(c => c.Outcome == CaseOutcome.Threw);
        if (threw is not null && result.Cases.All(c => c.Passed || c.Outcome == CaseOutcome.Threw))
            return ExerciseGrade.Of(Student, exercise, GradeStatus.Error, $"threw in {threw.Name}: {threw.Hint}", threw.Hint);
        return ExerciseGrade.Of(Student, exercise, GradeStatus.Fail, $"{result.PassedCount} of {result.Cases.Count} cases pass", result.FirstHint);
    }

    /// <summary>The seed of an exercise's check: from the student and the exercise, never 0 (the seed the notebook's own checks use).</summary>
    private int SeedOf(string exercise)
    {
        uint hash = 2166136261;
        foreach (char c in $"{attempt.Seed}/{Student}/{exercise}") hash = (hash ^ c) * 16777619;
        return (int)(hash % 2_000_000_000) + 1;
    }

    /// <summary>The last code cell that declares <paramref name="identifier"/> (a method, a class, a variable), or null.</summary>
    internal static int? DeclaringCell(IReadOnlyList<JsonObject> cells, string identifier)
    {
        var declaration = new Regex($@"(\b(class|record|struct)\s+{Regex.Escape(identifier)}\b)|(\b{Regex.Escape(identifier)}\s*(<[^>]*>)?\s*\()|(\b{Regex.Escape(identifier)}\s*=)");
        int? found = null;
        for (int i = 0; i < cells.Count; i++)
            if ((string?)cells[i]["cell_type"] == "code" && declaration.IsMatch(NotebookFile.Source(cells[i])) && !IsCheckOnly(NotebookFile.Source(cells[i]), identifier))
                found = i;
        return found;
    }

    /// <summary>True when the only mentions of <paramref name="identifier"/> are as a check's argument (not a declaration).</summary>
    private static bool IsCheckOnly(string source, string identifier) =>
        !Regex.IsMatch(Regex.Replace(source, $@"(Check|Use)\(\s*""[\w-]+""\s*,\s*(typeof\s*\()?{Regex.Escape(identifier)}", ""), $@"\b{Regex.Escape(identifier)}\b");

    private static bool IsLoadCell(JsonObject cell, string source) =>
        NotebookFile.HasTag(cell, NotebookFile.LoadCellTag) || source.Contains("#r \"nuget:NotebookDL", StringComparison.Ordinal);

    private static string FirstLine(string text) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? text;

    private static JsonObject Markdown(string text) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = text };

    /// <summary>A code-less cell holding <paramref name="html"/> as its output (the grading section's case tables).</summary>
    private static JsonObject Output(string html) => new()
    {
        ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["source"] = "",
        ["outputs"] = new JsonArray(new JsonObject
        {
            ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = html }, ["metadata"] = new JsonObject(),
        }),
    };

    private static JsonObject Note(string text, string stream) => new() { ["output_type"] = "stream", ["name"] = stream, ["text"] = text };
}
