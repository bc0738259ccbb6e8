using System.Globalization;
using System.Text;
using NotebookDL.Charts.Spec;
using NotebookDL.Reports;

namespace NotebookDL.Replay.Grading;

/// <summary>
/// What the grader writes: <c>grades.csv</c> (one row per student and exercise of the key, header
/// <c>student,exercise,points,max,status</c>), <c>&lt;student&gt;.html</c> (the student's executed notebook with the
/// grades on top and the teacher's check of each exercise at the end) and <c>index.html</c> (the class: points per
/// student, the pass rate of each exercise as a chart, the hints that fired most).
/// </summary>
public static class Gradebook
{
    public const string CsvHeader = "student,exercise,points,max,status";

    public static void Write(ClassGrades grades, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "grades.csv"), Csv(grades), new UTF8Encoding(false));
        foreach (var s in grades.Students) WriteStudent(s, Path.Combine(folder, s.Student + ".html"));
        HtmlPage.Write(Path.Combine(folder, "index.html"), $"Gradebook: {grades.Students.Count} students, {grades.Key.Count} exercises", ClassBlocks(grades));
    }

    public static string Csv(ClassGrades grades)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var row in grades.Students.SelectMany(s => s.Rows))
            csv.Append(string.Join(',', Quote(row.Student), row.Exercise, row.Points.ToString(CultureInfo.InvariantCulture), row.Max.ToString(CultureInfo.InvariantCulture), row.StatusText)).Append('\n');
        return csv.ToString();
    }

    /// <summary>The student's page: the grades, then the executed notebook (or why there is none).</summary>
    private static void WriteStudent(SubmissionGrades s, string path)
    {
        var header = $"<p class=\"meta\"><a href=\"index.html\">the class</a> · {Html.Encode(Path.GetFileName(s.File))} · graded in {s.Elapsed.TotalSeconds:F1} s</p>\n" +
                     $"<h1>{Html.Encode(s.Student)}: {s.Points} of {s.Max} points</h1>\n" + StudentTable(s) +
                     (s.Incidents.Count > 0 ? Html.Detail("while grading: " + string.Join("; ", s.Incidents)) : "");
        if (s.ExecutedNotebook is { } executed)
            ReportWriter.WriteNotebook(NotebookFile.Read(executed), header, path);
        else
            File.WriteAllText(path, HtmlPage.Of($"{s.Student}: {s.Points} of {s.Max} points", header));
    }

    private static string StudentTable(SubmissionGrades s) => Html.Table(["exercise", "status", "points", "why", "hint"],
        s.Rows.Select(r => new[] { Html.Code(r.Exercise), Status(r.Status), $"{r.Points} / {r.Max}", Html.Encode(r.Reason), Html.Encode(r.Hint) }));

    private static string?[] ClassBlocks(ClassGrades g)
    {
        var students = g.Students;
        // One narrow column per exercise (numbered, named in the legend below), so 18 exercises fit the page.
        var perStudent = "<div style=\"overflow-x:auto\">" + Html.Table(["student", "points", .. g.Key.Select((k, i) => $"<span title=\"{Html.Encode(k.Name)}\">{i + 1}</span>")],
            students.Select(s => new[] { $"<a href=\"{Uri.EscapeDataString(s.Student)}.html\">{Html.Encode(s.Student)}</a>", $"<b>{s.Points}</b> / {s.Max}" }
                .Concat(s.Rows.Select(r => Mark(r)))), "points per student (each name opens the student's notebook with the checks)") + "</div>" +
            Html.Detail(string.Join(" · ", g.Key.Select((k, i) => $"{i + 1} {k.Name}{(k.Points == 1 ? "" : $" ({k.Points} points)")}")) +
                        " — ✓ pass, ✗ fail, ! error (did not compile or threw), T timeout, – missing");
        var names = g.Key.Select(k => k.Name).ToArray();
        var passRate = names.Select(n => students.Count == 0 ? 0 : (double)students.Count(s => s.Rows.Any(r => r.Exercise == n && r.Status == GradeStatus.Pass)) / students.Count).ToArray();
        var chart = FigureSpec.Bars("pass rate per exercise", "exercise", "share of the class that passed", names, ("pass rate", passRate)) with { Height = 380 };
        var hints = students.SelectMany(s => s.Rows).Where(r => r.Status != GradeStatus.Pass && !string.IsNullOrEmpty(r.Hint))
            .GroupBy(r => (r.Exercise, Hint: r.Hint!)).OrderByDescending(h => h.Count()).ThenBy(h => h.Key.Exercise, StringComparer.Ordinal).Take(10).ToList();
        var hintTable = hints.Count == 0 ? Html.Note("no hint fired: every check that ran passed", "ok")
            : Html.Table(["students", "exercise", "hint (what to teach again)"], hints.Select(h => new[] { h.Count().ToString(CultureInfo.InvariantCulture), Html.Code(h.Key.Exercise), Html.Encode(h.Key.Hint) }),
                "the hints that fired most");
        var statuses = string.Join(", ", students.SelectMany(s => s.Rows).GroupBy(r => r.StatusText).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Count()} {x.Key}"));
        return
        [
            Html.Detail($"graded in {g.Elapsed.TotalSeconds:F0} s · {statuses} · grades.csv holds every row"),
            perStudent, Chart.From(chart).ToHtml(), hintTable,
        ];
    }

    /// <summary>A row's status as one mark, its reason on hover.</summary>
    private static string Mark(ExerciseGrade r)
    {
        var (mark, color) = r.Status switch
        {
            GradeStatus.Pass => ("✓", "#2e7d32"),
            GradeStatus.Fail => ("✗", "#d93025"),
            GradeStatus.Error => ("!", "#d93025"),
            GradeStatus.Timeout => ("T", "#b06000"),
            _ => ("–", "#777"),
        };
        return $"<b style=\"color:{color}\" title=\"{Html.Encode($"{r.Exercise}: {r.StatusText}{(r.Reason.Length > 0 ? " — " + r.Reason : "")}")}\">{mark}</b>";
    }

    private static string Status(GradeStatus status) => status switch
    {
        GradeStatus.Pass => "<b style=\"color:#2e7d32\">pass</b>",
        GradeStatus.Missing => "<span style=\"color:#777\">missing</span>",
        _ => $"<b style=\"color:#d93025\">{status.ToString().ToLowerInvariant()}</b>",
    };

    private static string Quote(string field) => field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
