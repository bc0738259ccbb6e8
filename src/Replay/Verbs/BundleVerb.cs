using System.CommandLine;
using System.CommandLine.Parsing;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// <c>bundle --out DIR --version V [--student]</c>: writes the offline classroom bundle (a NuGet folder feed with
/// NotebookDL and what it needs, the notebooks, the kernelspec script). With <c>--student</c> the notebooks are the
/// student version, solutions replaced by stubs. Runs inside the NotebookDL repository; exits 1 when packing fails,
/// 2 on a version the notebooks could not load.
/// </summary>
public static class BundleVerb
{
    /// <summary>The verb as a subcommand: <c>NotebookDL.Replay bundle ...</c>.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "The folder the bundle is written to.",
            HelpName = "DIR",
            DefaultValueFactory = _ => "bundle",
        };
        var version = new Option<string>("--version")
        {
            Description = "The stable version NotebookDL and NotebookDL.Engine are packed with (a new one avoids a stale NuGet cache).",
            HelpName = "V",
            DefaultValueFactory = _ => "0.1.0",
        };
        version.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && OfflineBundle.VersionProblem(result.Tokens[0].Value) is { } problem)
                result.AddError($"Option '--version': {problem}.");
        });
        var student = new Option<bool>("--student")
        {
            Description = "Bundle the student version of the notebooks (solutions replaced by stubs) for students' machines.",
        };
        var command = new Command("bundle", "Write an offline bundle for a classroom without internet: a folder feed plus the notebooks.")
        {
            output, version, student,
        };
        command.SetAction(parse =>
        {
            var log = parse.InvocationConfiguration.Output;
            return OfflineBundle.Write(RepositoryRoot(), parse.GetValue(output)!, parse.GetValue(version)!, parse.GetValue(student), log.WriteLine);
        });
        return command;
    }

    /// <summary>The repository holding the current directory: the nearest folder up with NotebookDL.sln.</summary>
    private static string RepositoryRoot()
    {
        var root = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(root, "NotebookDL.sln")))
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("run the bundle command inside the NotebookDL repository");
        return root;
    }
}
