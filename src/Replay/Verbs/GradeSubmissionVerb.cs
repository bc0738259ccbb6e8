using System.CommandLine;
using System.Text.Json;
using NotebookDL.Replay.Grading;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// <c>grade-submission</c> (hidden): the process the <c>grade</c> verb starts for each attempt at one submission. It
/// reads a <see cref="GradingAttempt"/> as one JSON line on standard input, runs it (<see cref="SubmissionRun"/>) and
/// writes its events to standard output. Not for people: <c>grade</c> starts, times and kills it.
/// </summary>
public static class GradeSubmissionVerb
{
    public const string Name = "grade-submission";

    public static Command Create()
    {
        var command = new Command(Name, "Grade one submission for the grade verb (reads its attempt on standard input).") { Hidden = true };
        command.SetAction(async (_, _) =>
        {
            // The events go to the process's real standard output: the kernel redirects Console.Out while cells run.
            var events = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            var attempt = JsonSerializer.Deserialize<GradingAttempt>(Console.In.ReadLine() ?? "", GradingJson.Options)
                          ?? throw new InvalidDataException("grade-submission: no attempt on standard input");
            await new SubmissionRun(attempt, events).RunAsync();
            return 0;
        });
        return command;
    }
}
