using System.CommandLine;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// <c>student [folder] --out DIR</c>: writes the student version of the exercise notebooks (solutions replaced
/// by stubs, checks kept) to a folder of its own. Exits 1 when a notebook cannot be stripped or written.
/// </summary>
public static class StudentVerb
{
    /// <summary>The verb as a subcommand: <c>NotebookDL.Replay student ...</c>.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("folder")
        {
            Description = "The folder of .dib notebooks to make the student version of.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "notebooks",
        }.Rejected();
        var output = new Option<string>("--out")
        {
            Description = "The folder the student notebooks (.dib and .ipynb) are written to; not the notebooks folder itself.",
            HelpName = "DIR",
            DefaultValueFactory = _ => Path.Combine("out", "student"),
        };
        var command = new Command("student", "Write the student version of the notebooks: solutions replaced by stubs, checks kept.")
        {
            folder, output,
        };
        command.SetAction(parse => Write(parse.GetValue(folder)!, parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Writes the student version of <paramref name="folder"/> into <paramref name="outFolder"/>; 1 with the reason when it cannot.</summary>
    private static int Write(string folder, string outFolder, TextWriter output, TextWriter error)
    {
        try
        {
            foreach (var (name, solutions) in StudentVersion.WriteFolder(folder, outFolder))
                output.WriteLine($"wrote {Path.Combine(outFolder, name)}.dib and .ipynb: " + (solutions == 0 ? "no solutions (copied as is)" : $"{solutions} solutions replaced by stubs"));
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }
}
