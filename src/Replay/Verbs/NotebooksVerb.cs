using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// <c>notebooks [paths...] --out DIR --cell-timeout SECONDS</c>: replays notebooks headless, each in a fresh
/// kernel state, and writes &lt;out&gt;/&lt;name&gt;.ipynb (executed), &lt;out&gt;/&lt;name&gt;.html and
/// &lt;out&gt;/index.html. Exits 0 when every notebook ran clean, 1 naming each failed notebook and cell, 2 when a
/// path is neither a notebook nor a folder of them. It is also the runner's default verb.
/// </summary>
public static class NotebooksVerb
{
    /// <summary>The verb as a subcommand: <c>NotebookDL.Replay notebooks ...</c>.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Notebook folders (every *.ipynb in them, in name order) and .ipynb files to replay.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => ["notebooks"],
        }.Rejected();
        var output = new Option<string>("--out")
        {
            Description = "The folder the executed notebooks, their HTML reports and index.html are written to.",
            HelpName = "DIR",
            DefaultValueFactory = _ => "out",
        };
        var cellTimeout = new Option<double>("--cell-timeout")
        {
            Description = "Seconds a cell may run before the notebook fails on it.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 600,
            CustomParser = ParseSeconds,
        };
        var command = new Command("notebooks", "Replay notebooks headless and write the executed notebooks and HTML reports (the default verb).")
        {
            paths, output, cellTimeout,
        };
        command.SetAction(parse => ReplayAsync(parse.GetValue(paths)!, parse.GetValue(output)!,
            TimeSpan.FromSeconds(parse.GetValue(cellTimeout)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Seconds in the invariant culture (so 1.5 means the same everywhere), finite and above zero.</summary>
    private static double ParseSeconds(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds > 0)
            return seconds;
        result.AddError($"Cannot parse '{text}' for option '--cell-timeout': it takes a number of seconds above 0, such as 600 or 1.5.");
        return 0;
    }

    /// <summary>Replays the notebooks <paramref name="inputs"/> name; returns the exit code.</summary>
    private static async Task<int> ReplayAsync(IReadOnlyList<string> inputs, string outDir, TimeSpan cellTimeout, TextWriter output, TextWriter error)
    {
        var files = new List<string>();
        foreach (var p in inputs)
        {
            if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*.ipynb").Order(StringComparer.Ordinal));
            else if (File.Exists(p)) files.Add(p);
            else { error.WriteLine($"no notebook or folder '{p}'"); return VerbInvocation.UsageError; }
        }
        if (files.Count == 0) { error.WriteLine($"no .ipynb files in {string.Join(", ", inputs)}"); return VerbInvocation.UsageError; }

        Directory.CreateDirectory(outDir);
        var clock = Stopwatch.StartNew();
        var results = new List<NotebookResult>();
        var runner = new NotebookRunner(cellTimeout, output.WriteLine);
        for (int n = 0; n < files.Count; n++)
        {
            var notebook = NotebookFile.Read(files[n]);
            output.WriteLine($"[{n + 1}/{files.Count}] {notebook.Name}: {notebook.Title}");
            var result = await runner.RunAsync(notebook);
            results.Add(result);
            notebook.Write(Path.Combine(outDir, notebook.Name + ".ipynb"));
            ReportWriter.WriteNotebook(result, Path.Combine(outDir, notebook.Name + ".html"));
            output.WriteLine(result.Succeeded
                ? $"  ok in {result.Elapsed.TotalSeconds:F1} s; shows {string.Join(", ", result.Found)}"
                : $"  FAILED in {result.Elapsed.TotalSeconds:F1} s: {result.Failure}");
        }
        ReportWriter.WriteIndex(results, Path.Combine(outDir, "index.html"));
        output.WriteLine($"{results.Count(r => r.Succeeded)}/{results.Count} notebooks ran clean in {clock.Elapsed.TotalSeconds:F0} s; open {Path.GetFullPath(Path.Combine(outDir, "index.html"))}");
        foreach (var failed in results.Where(r => !r.Succeeded))
            error.WriteLine($"FAILED: {failed.Notebook.Path}: {failed.Failure}");
        return results.All(r => r.Succeeded) ? 0 : 1;
    }
}
