using System.Collections.Concurrent;
using System.Diagnostics;

namespace NotebookDL.Replay.Grading;

/// <summary>The class graded: every student's rows, in the order of their ids, and the time it took.</summary>
public sealed record ClassGrades(IReadOnlyList<KeyExercise> Key, IReadOnlyList<SubmissionGrades> Students, TimeSpan Elapsed);

/// <summary>
/// Grades a folder of submissions (one notebook per student; the file name without extension is the id) against a key,
/// a number of students at a time, each in processes of its own; reports each student as they finish.
/// </summary>
public static class ClassGrader
{
    public static async Task<ClassGrades> GradeAsync(string folder, IReadOnlyList<KeyExercise> key, GradeOptions options, int parallel,
        Action<string> progress, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"no submissions folder at {Path.GetFullPath(folder)}");
        var submissions = Submissions(folder);
        if (submissions.Count == 0) throw new InvalidDataException($"{folder} holds no submissions (one notebook per student, .ipynb or .dib)");
        Directory.CreateDirectory(options.WorkFolder);
        var clock = Stopwatch.StartNew();
        var results = new ConcurrentDictionary<string, SubmissionGrades>();
        int finished = 0;
        var grader = new SubmissionGrader(options);
        await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (s, token) =>
        {
            var grades = await grader.GradeAsync(s.File, s.Student, key, token);
            results[s.Student] = grades;
            int n = Interlocked.Increment(ref finished);
            var statuses = string.Join(", ", grades.Rows.GroupBy(r => r.StatusText).Select(g => $"{g.Count()} {g.Key}"));
            progress($"[{n}/{submissions.Count}] {s.Student}: {grades.Points} of {grades.Max} points ({statuses}) in {grades.Elapsed.TotalSeconds:F1} s" +
                     (grades.Attempts > 1 ? $", {grades.Attempts} attempts: {string.Join("; ", grades.Incidents)}" : ""));
        });
        return new ClassGrades(key, [.. submissions.Select(s => results[s.Student])], clock.Elapsed);
    }

    /// <summary>The submissions of <paramref name="folder"/>: every visible file (a file that is not a notebook is a student whose notebook could not be read), with its student id.</summary>
    public static IReadOnlyList<(string Student, string File)> Submissions(string folder)
    {
        var files = Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return files.Select(f =>
        {
            var id = Path.GetFileNameWithoutExtension(f);
            if (id.Length == 0 || !ids.Add(id)) ids.Add(id = Path.GetFileName(f)); // two files of one student: the second by its full name
            return (id, f);
        }).ToList();
    }
}
