using System.Diagnostics;
using System.Text.Json;
using NotebookDL.Replay.Verbs;

namespace NotebookDL.Replay.Grading;

/// <summary>The grader's settings: the time a cell or a check may take, the memory cap of each student's process, the seed.</summary>
/// <param name="CellTimeout">What one cell, or one exercise's check, may take before its process is killed.</param>
/// <param name="MemoryMegabytes">The GC heap hard limit of each student's process.</param>
/// <param name="Seed">Salts every check's seed (which also depends on the student and the exercise).</param>
/// <param name="WorkFolder">Where each student's executed notebook is written.</param>
public sealed record GradeOptions(TimeSpan CellTimeout, int MemoryMegabytes, int Seed, string WorkFolder)
{
    /// <summary>What a process may take to start its kernel and load NotebookDL before its first cell.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(120);
}

/// <summary>One student's gradebook rows, their executed notebook (null when there is none) and how grading went.</summary>
public sealed record SubmissionGrades(string Student, string File, IReadOnlyList<ExerciseGrade> Rows, string? ExecutedNotebook,
    int Attempts, TimeSpan Elapsed, IReadOnlyList<string> Incidents)
{
    public int Points => Rows.Sum(r => r.Points);

    public int Max => Rows.Sum(r => r.Max);
}

/// <summary>
/// Grades one submission in processes of its own (<see cref="GradeSubmissionVerb"/>), never in the grader's: each
/// attempt is timed step by step from its events and killed (with its process tree) when a cell or a check overruns
/// or when it stops on its own. The next attempt starts a fresh kernel that runs a cell which timed out or stopped the
/// kernel as its declarations only, and a cell that did so twice not at all; an exercise whose check overran is graded
/// timeout, one whose check stopped the kernel error, and neither is checked again. So nothing a notebook does stops
/// the class from being graded: at worst every exercise costs one attempt.
/// </summary>
public sealed class SubmissionGrader(GradeOptions options)
{
    /// <summary>Grades <paramref name="file"/> against <paramref name="key"/> as <paramref name="student"/>.</summary>
    public async Task<SubmissionGrades> GradeAsync(string file, string student, IReadOnlyList<KeyExercise> key, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            SubmissionFile.Read(file);
        }
        catch (InvalidDataException e)
        {
            return new SubmissionGrades(student, file, [.. key.Select(k => ExerciseGrade.Of(student, k, GradeStatus.Missing, e.Message))], null, 0, clock.Elapsed, [e.Message]);
        }
        var grades = new Dictionary<string, ExerciseGrade>();
        var declarationsOnly = new List<int>();
        var skip = new List<int>();
        var incidents = new List<string>();
        var executed = Path.Combine(options.WorkFolder, student + ".ipynb");
        File.Delete(executed);
        int attempts = 0;
        while (attempts < key.Count + 20)
        {
            attempts++;
            var remaining = key.Where(k => !grades.ContainsKey(k.Name)).ToList();
            var attempt = new GradingAttempt(Guid.NewGuid().ToString("N"), Path.GetFullPath(file), student, options.Seed, executed, remaining,
                [.. declarationsOnly], [.. skip], options.CellTimeout.TotalSeconds);
            var outcome = await RunAsync(attempt, grades, ct);
            if (outcome.Done) break;
            incidents.Add(outcome.Why);
            if (outcome.Cell is int cell)
            {
                if (declarationsOnly.Contains(cell)) skip.Add(cell);
                else declarationsOnly.Add(cell);
            }
            else if (outcome.Exercise is { } name && key.FirstOrDefault(k => k.Name == name) is { } exercise)
                grades[name] = ExerciseGrade.Of(student, exercise, outcome.TimedOut ? GradeStatus.Timeout : GradeStatus.Error,
                    outcome.TimedOut ? $"the check did not return within {options.CellTimeout.TotalSeconds:G} s (an endless loop?)" : $"the check stopped the kernel: {outcome.Why}");
            else if (key.Any(k => !grades.ContainsKey(k.Name)))
            {
                foreach (var k in key.Where(k => !grades.ContainsKey(k.Name)))
                    grades[k.Name] = ExerciseGrade.Of(student, k, GradeStatus.Error, $"not graded: {outcome.Why}");
                break;
            }
            else break; // every exercise graded; only the executed notebook is missing
        }
        var rows = key.Select(k => grades.TryGetValue(k.Name, out var g) ? g
            : ExerciseGrade.Of(student, k, GradeStatus.Error, $"not graded after {attempts} attempts")).ToList();
        return new SubmissionGrades(student, file, rows, File.Exists(executed) ? executed : null, attempts, clock.Elapsed, incidents);
    }

    /// <summary>What a check may take beyond the cell timeout (its own limit) before its process is killed.</summary>
    private static readonly TimeSpan CheckMargin = TimeSpan.FromSeconds(10);

    /// <summary>How an attempt ended: done, or killed or stopped in a cell, a check, or before either.</summary>
    private sealed record Outcome(bool Done, bool TimedOut, int? Cell, string? Exercise, string Why);

    /// <summary>Runs one attempt, adding the grades it reports to <paramref name="grades"/>.</summary>
    private async Task<Outcome> RunAsync(GradingAttempt attempt, Dictionary<string, ExerciseGrade> grades, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("could not start a grading process");
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(attempt, GradingJson.Options));
            process.StandardInput.Close();
            int? cell = null;
            string? exercise = null;
            bool started = false;
            var deadline = DateTime.UtcNow + GradeOptions.StartupTimeout;
            var timeout = GradeOptions.StartupTimeout;
            while (true)
            {
                var read = process.StandardOutput.ReadLineAsync(ct).AsTask();
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || await Task.WhenAny(read, Task.Delay(left, ct)) != read)
                {
                    Kill(process);
                    string where = cell is int c ? $"cell {c + 1}" : exercise is { } e ? $"the check of {e}" : "starting the kernel";
                    return new Outcome(false, true, cell, exercise, $"{where} did not finish within {timeout.TotalSeconds:G} s");
                }
                var line = await read;
                if (line is null)
                {
                    await process.WaitForExitAsync(ct);
                    string where = cell is int c ? $"in cell {c + 1}" : exercise is { } e ? $"in the check of {e}" : started ? "after the checks" : "before the first cell";
                    return new Outcome(false, false, cell, exercise, $"the kernel stopped {where} (exit code {process.ExitCode}){Tail(await errors)}");
                }
                var ev = GradingEvent.Parse(line, attempt.Token);
                started |= ev is not null;
                switch (ev?.Type)
                {
                    case "cell":
                        (cell, exercise, timeout) = (ev.Cell, null, options.CellTimeout);
                        deadline = DateTime.UtcNow + timeout;
                        break;
                    case "exercise":
                        // The check stops learner code itself at the cell timeout; the margin is for a check stuck elsewhere.
                        (cell, exercise, timeout) = (null, ev.Exercise, options.CellTimeout + CheckMargin);
                        deadline = DateTime.UtcNow + timeout;
                        break;
                    case "grade" when ev.Exercise == exercise && attempt.Exercises.FirstOrDefault(k => k.Name == exercise) is { } k && ev.Status is { } status:
                        grades[k.Name] = ExerciseGrade.Of(attempt.Student, k, status, ev.Reason ?? "", ev.Hint);
                        exercise = null;
                        break;
                    case "done":
                        Kill(process); // its work is written; do not wait for the kernel to shut down
                        return new Outcome(true, false, null, null, "");
                }
            }
        }
        finally
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // already gone
    }

    private static string Tail(string errors)
    {
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.Where(l => !l.StartsWith("at ", StringComparison.Ordinal)).TakeLast(2).ToList();
        return last.Count == 0 ? "" : ": " + string.Join(" ", last);
    }

    /// <summary>This program again, on the hidden verb, with the memory cap: the app host beside it, else dotnet with its dll.</summary>
    private ProcessStartInfo StartInfo()
    {
        var folder = AppContext.BaseDirectory;
        var host = Path.Combine(folder, OperatingSystem.IsWindows() ? "NotebookDL.Replay.exe" : "NotebookDL.Replay");
        var start = File.Exists(host)
            ? new ProcessStartInfo(host)
            : new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { ArgumentList = { Path.Combine(folder, "NotebookDL.Replay.dll") } };
        start.ArgumentList.Add(GradeSubmissionVerb.Name);
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{(long)options.MemoryMegabytes << 20:X}";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }
}
