using System.CommandLine;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// <c>convert [folder]</c>: writes each .dib notebook's .ipynb twin beside it (the .dib is what authors edit).
/// </summary>
public static class ConvertVerb
{
    /// <summary>The verb as a subcommand: <c>NotebookDL.Replay convert ...</c>.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("folder")
        {
            Description = "The folder whose .dib notebooks get their .ipynb twins.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "notebooks",
        }.Rejected();
        var command = new Command("convert", "Write each .dib notebook's .ipynb twin beside it.") { folder };
        command.SetAction(parse =>
        {
            foreach (var written in NotebookConverter.ConvertFolder(parse.GetValue(folder)!))
                parse.InvocationConfiguration.Output.WriteLine($"wrote {written}");
            return 0;
        });
        return command;
    }
}
