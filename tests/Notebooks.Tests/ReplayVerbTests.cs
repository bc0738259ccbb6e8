using System.CommandLine;
using NotebookDL.Replay;
using NotebookDL.Replay.Verbs;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// The runner's command line (src/Replay/Verbs on System.CommandLine): every verb's --help lists its own
/// options with their defaults, an unknown option or a bad value is a usage error (exit code 2) naming it, and
/// a command line that names no verb replays notebooks, as the README's first command and the tests' bare
/// file lists expect. The verbs run in process here, their output caught; one run goes through the program.
/// </summary>
[Collection("notebook state")]
public sealed class ReplayVerbTests(ITestOutputHelper output) : IDisposable
{
    private const string Clean = """
        #!markdown

        # A clean notebook
        <!-- notebookdl-expect: hello from the default verb -->

        #!csharp

        #r "nuget:NotebookDL"

        #!csharp

        Console.WriteLine("hello from the default verb");
        """;

    private const string Exercise = """
        #!markdown

        # Exercise

        #!csharp

        #r "nuget:NotebookDL"

        #!csharp

        double Twice(double x)
        {
            // BEGIN SOLUTION
            return 2 * x;
            // END SOLUTION
        }
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("notebookdl-verbs-");

    public void Dispose()
    {
        _folder.Delete(recursive: true);
    }

    /// <summary>Runs the runner's command line in process; returns its exit code and what it wrote to each stream.</summary>
    private async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        var configuration = new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() };
        var code = await VerbInvocation.InvokeAsync(Program.Commands(), Program.DefaultVerb, args, configuration);
        var (stdout, stderr) = (configuration.Output.ToString()!, configuration.Error.ToString()!);
        output.WriteLine($"> {string.Join(" ", args)}\nexit {code}\n{stdout}\n--- stderr\n{stderr}");
        return (code, stdout, stderr);
    }

    public static TheoryData<string, string[], string[]> VerbHelp() => new()
    {
        { "notebooks", ["<paths>", "--out <DIR>", "[default: out]", "--cell-timeout <SECONDS>", "[default: 600]"], ["--version"] },
        { "student", ["<folder>", "--out <DIR>", $"[default: {Path.Combine("out", "student")}]"], ["--cell-timeout", "--version"] },
        { "bundle", ["--out <DIR>", "[default: bundle]", "--version <V>", "[default: 0.1.0]", "--student"], ["--cell-timeout", "<paths>"] },
        { "convert", ["<folder>", "[default: notebooks]"], ["--out", "--cell-timeout", "--version"] },
    };

    [Theory]
    [MemberData(nameof(VerbHelp))]
    public async Task Each_verbs_help_lists_its_options_with_their_defaults_and_no_other_verbs(string verb, string[] listed, string[] absent)
    {
        var (code, stdout, stderr) = await Run(verb, "--help");

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains($"NotebookDL.Replay {verb} ", stdout);
        Assert.Contains("-h, --help", stdout);
        foreach (var text in listed) Assert.Contains(text, stdout);
        foreach (var text in absent) Assert.DoesNotContain(text, stdout);
    }

    [Fact]
    public async Task The_runners_help_lists_every_verb_and_says_which_is_the_default()
    {
        var (code, stdout, _) = await Run("--help");

        Assert.Equal(0, code);
        foreach (var verb in new[] { "notebooks", "student", "bundle", "convert" })
            Assert.Matches($@"(?m)^\s+{verb}\b", stdout);
        Assert.Contains("names no verb is the notebooks verb's", stdout);
    }

    [Theory]
    [InlineData("notebooks", new[] { "--bogus" })]
    [InlineData("notebooks", new[] { "notebooks", "--bogus", "--out", "out" })]
    [InlineData("student", new[] { "student", "--bogus" })]
    [InlineData("bundle", new[] { "bundle", "--bogus" })]
    [InlineData("convert", new[] { "convert", "--bogus" })]
    [InlineData("bundle", new[] { "bundle", "--cell-timeout", "5" })] // another verb's option is unknown here
    public async Task An_unknown_option_is_a_usage_error_naming_it_and_the_verbs_help(string verb, string[] args)
    {
        var (code, stdout, stderr) = await Run(args);

        Assert.Equal(VerbInvocation.UsageError, code);
        Assert.Equal(2, code);
        Assert.Contains(args.Contains("--bogus") ? "'--bogus'" : "'--cell-timeout'", stderr);
        Assert.Contains($"try: NotebookDL.Replay {verb} --help", stderr);
        Assert.Empty(stdout); // nothing ran
    }

    [Theory]
    [InlineData(new[] { "--cell-timeout", "abc" }, "--cell-timeout", "abc")]
    [InlineData(new[] { "notebooks", "--cell-timeout", "-5" }, "--cell-timeout", "-5")]
    [InlineData(new[] { "notebooks", "--cell-timeout", "1,5" }, "--cell-timeout", "1,5")]
    [InlineData(new[] { "notebooks", "--cell-timeout" }, "--cell-timeout", "missing")]
    [InlineData(new[] { "student", "--out" }, "--out", "missing")]
    [InlineData(new[] { "bundle", "--version" }, "--version", "missing")]
    [InlineData(new[] { "bundle", "--version", "0.1.0-beta" }, "--version", "stable version")] // #r "nuget:NotebookDL" would pass it over
    public async Task A_bad_or_missing_value_is_a_usage_error_naming_the_option(string[] args, string option, string said)
    {
        var (code, stdout, stderr) = await Run(args);

        Assert.Equal(2, code);
        Assert.Contains($"'{option}'", stderr);
        Assert.Contains(said, stderr);
        Assert.Empty(stdout);
    }

    [Fact]
    public void The_program_exits_2_on_a_bad_value()
    {
        var replay = Path.Combine(AppContext.BaseDirectory, "NotebookDL.Replay.dll");
        var (code, log) = ExternalTool.Run("dotnet", [replay, "notebooks", "--cell-timeout", "abc"], TimeSpan.FromMinutes(1));
        output.WriteLine(log);

        Assert.Equal(2, code);
        Assert.Contains("Cannot parse 'abc' for option '--cell-timeout'", log);
    }

    [Theory]
    [InlineData(new string[0], new[] { "notebooks" }, "out", 600.0)]
    [InlineData(new[] { "notebooks", "--out", "out" }, new[] { "notebooks" }, "out", 600.0)] // the README's first command
    [InlineData(new[] { "notebooks/a.ipynb", "more", "--out", "x" }, new[] { "notebooks/a.ipynb", "more" }, "x", 600.0)]
    [InlineData(new[] { "--out", "x", "--cell-timeout", "1.5" }, new[] { "notebooks" }, "x", 1.5)]
    [InlineData(new[] { "notebooks", "notebooks", "--cell-timeout", "30" }, new[] { "notebooks" }, "out", 30.0)]
    public void A_command_line_naming_no_verb_is_the_notebooks_verbs(string[] args, string[] paths, string outFolder, double seconds)
    {
        var root = Program.Commands();
        var parse = root.Parse(VerbInvocation.WithDefaultVerb(root, Program.DefaultVerb, args));

        Assert.Empty(parse.Errors);
        Assert.Equal("notebooks", parse.CommandResult.Command.Name);
        Assert.Equal(paths, parse.GetValue<string[]>("paths"));
        Assert.Equal(outFolder, parse.GetValue<string>("--out"));
        Assert.Equal(seconds, parse.GetValue<double>("--cell-timeout"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--version")]
    [InlineData("student")]
    [InlineData("convert")]
    public void A_verb_or_the_runners_own_option_keeps_the_command_line_as_it_is(string first)
    {
        var root = Program.Commands();
        Assert.Equal([first, "x"], VerbInvocation.WithDefaultVerb(root, Program.DefaultVerb, [first, "x"]));
    }

    [Fact]
    public async Task The_default_verb_replays_a_bare_notebook_path_and_writes_its_report()
    {
        var notebook = Path.Combine(_folder.FullName, "clean.ipynb");
        File.WriteAllText(notebook, NotebookConverter.ToIpynb(Clean));
        var outFolder = Path.Combine(_folder.FullName, "out");

        var (code, stdout, stderr) = await Run(notebook, "--out", outFolder, "--cell-timeout", "120");

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains("[1/1] clean: A clean notebook", stdout);
        Assert.Contains("1/1 notebooks ran clean", stdout);
        foreach (var file in new[] { "clean.ipynb", "clean.html", "index.html" })
            Assert.True(File.Exists(Path.Combine(outFolder, file)), $"{file} was not written");
        Assert.Contains("hello from the default verb", File.ReadAllText(Path.Combine(outFolder, "clean.ipynb")));
    }

    [Fact]
    public async Task The_default_verb_on_a_missing_path_is_a_usage_error_naming_it()
    {
        var missing = Path.Combine(_folder.FullName, "no-such-notebook.ipynb");
        var (code, _, stderr) = await Run(missing);

        Assert.Equal(2, code);
        Assert.Contains($"no notebook or folder '{missing}'", stderr);
    }

    [Fact]
    public async Task Convert_writes_each_dibs_ipynb_twin_in_the_folder_it_is_given()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "clean.dib"), Clean);

        var (code, stdout, _) = await Run("convert", _folder.FullName);

        Assert.Equal(0, code);
        var twin = Path.Combine(_folder.FullName, "clean.ipynb");
        Assert.Contains($"wrote {twin}", stdout);
        Assert.Equal(NotebookConverter.ToIpynb(Clean), File.ReadAllText(twin));
    }

    [Fact]
    public async Task Student_writes_the_stubbed_notebooks_to_out_and_fails_with_1_inside_the_notebooks_folder()
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(_folder.FullName, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(notebooks, "exercise.dib"), Exercise);
        var outFolder = Path.Combine(_folder.FullName, "student");

        var (code, stdout, _) = await Run("student", notebooks, "--out", outFolder);
        Assert.Equal(0, code);
        Assert.Contains("1 solutions replaced by stubs", stdout);
        Assert.DoesNotContain("2 * x", File.ReadAllText(Path.Combine(outFolder, "exercise.dib")));

        var (inside, _, stderr) = await Run("student", notebooks, "--out", Path.Combine(notebooks, "student"));
        Assert.Equal(1, inside);
        Assert.Contains("never into the notebooks' folder", stderr);
    }
}
