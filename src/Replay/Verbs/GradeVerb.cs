using System.CommandLine;
using NotebookDL.Replay.Grading;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// <c>grade SUBMISSIONS --key KEY --out DIR [--cell-timeout S] [--parallel N] [--memory-mb M] [--seed N]</c>: grades a
/// class. Each submission runs in processes of its own with a time limit per cell and a memory cap; the grades come
/// from the teacher's checks run on the student's definitions with hidden seeds. Writes grades.csv, one page per
/// student and index.html. Exits 0 when every submission was graded (whatever the grades), 1 when the key or the
/// folder cannot be read.
/// </summary>
public static class GradeVerb
{
    public static Command Create()
    {
        var submissions = new Argument<string>("submissions") { Description = "The folder with one notebook per student (.ipynb or .dib); the file name without extension is the student's id." };
        var key = new Option<string>("--key") { Description = "The teacher's solution notebook: which exercises exist, under which names, for how many points.", HelpName = "NOTEBOOK", Required = true };
        var output = new Option<string>("--out") { Description = "The folder grades.csv, the students' pages and index.html are written to.", HelpName = "DIR", DefaultValueFactory = _ => "grades" };
        var cellTimeout = new Option<double>("--cell-timeout") { Description = "Seconds one cell, or one exercise's check, may run before its process is killed.", HelpName = "SECONDS", DefaultValueFactory = _ => 30 };
        var parallel = new Option<int>("--parallel") { Description = "Students graded at once, each in its own process.", HelpName = "N", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var memory = new Option<int>("--memory-mb") { Description = "The GC heap hard limit of each student's process, in MB.", HelpName = "MB", DefaultValueFactory = _ => 2048 };
        var seed = new Option<int>("--seed") { Description = "Salts the seeds of the teacher's checks (they also depend on the student and the exercise).", HelpName = "N", DefaultValueFactory = _ => 1 };
        cellTimeout.Validators.Add(r => { if (r.GetValue(cellTimeout) is <= 0 or > 86_400) r.AddError("--cell-timeout must be between 0 and 86400 seconds"); });
        parallel.Validators.Add(r => { if (r.GetValue(parallel) is < 1 or > 64) r.AddError("--parallel must be between 1 and 64"); });
        memory.Validators.Add(r => { if (r.GetValue(memory) is < 256 or > 1_048_576) r.AddError("--memory-mb must be between 256 and 1048576"); });
        var command = new Command("grade", "Grade a class: every student's notebook in its own guarded process, checked by the teacher's checks; writes a gradebook.")
        {
            submissions, key, output, cellTimeout, parallel, memory, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var outFolder = parse.GetValue(output)!;
            IReadOnlyList<KeyExercise> exercises;
            try
            {
                exercises = GradingKey.Read(parse.GetValue(key)!);
            }
            catch (InvalidDataException e)
            {
                error.WriteLine($"the key cannot be used: {e.Message}");
                return 1;
            }
            var options = new GradeOptions(TimeSpan.FromSeconds(parse.GetValue(cellTimeout)), parse.GetValue(memory), parse.GetValue(seed), Path.Combine(outFolder, "notebooks"));
            var log = parse.InvocationConfiguration.Output;
            log.WriteLine($"key: {exercises.Count} exercises, {exercises.Sum(e => e.Points)} points ({string.Join(", ", exercises.Select(e => e.Points == 1 ? e.Name : $"{e.Name} {e.Points}"))})");
            try
            {
                var grades = await ClassGrader.GradeAsync(parse.GetValue(submissions)!, exercises, options, parse.GetValue(parallel), log.WriteLine, ct);
                Gradebook.Write(grades, outFolder);
                log.WriteLine($"{grades.Students.Count} students graded in {grades.Elapsed.TotalSeconds:F0} s; open {Path.Combine(outFolder, "index.html")}");
                return 0;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
