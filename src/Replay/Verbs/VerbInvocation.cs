using System.CommandLine;
using System.CommandLine.Invocation;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// Parses the runner's arguments and runs the verb they name, keeping the runner's exit codes: a usage error
/// (an unknown option, a missing or malformed value) prints what is wrong and exits with
/// <see cref="UsageError"/>; otherwise the verb's own code (0 ok, 1 failed) is the process's.
/// </summary>
public static class VerbInvocation
{
    /// <summary>The exit code of a command line that could not be parsed.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// The arguments as the root command parses them: unless they start with a verb or one of the root's own
    /// options (--help, -h, --version...), <paramref name="defaultVerb"/> is put in front, so a bare list of
    /// folders and files, options alone, or nothing at all run the default verb.
    /// </summary>
    public static IReadOnlyList<string> WithDefaultVerb(RootCommand root, string defaultVerb, IReadOnlyList<string> args)
    {
        if (args.Count > 0 && RootWords(root).Contains(args[0])) return args;
        return [defaultVerb, .. args];
    }

    /// <summary>The words the root itself understands first: its verbs' and its options' names and aliases.</summary>
    private static HashSet<string> RootWords(RootCommand root)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var verb in root.Subcommands) { words.Add(verb.Name); words.UnionWith(verb.Aliases); }
        foreach (var option in root.Options) { words.Add(option.Name); words.UnionWith(option.Aliases); }
        return words;
    }

    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="root"/> (the default verb put in front when
    /// they name none) and invokes the parsed verb's action, or help, which wins over parse errors as the
    /// library decides, with <paramref name="configuration"/>: the verbs and help write to its Output and
    /// Error (the console unless a test passes writers).
    /// </summary>
    public static Task<int> InvokeAsync(RootCommand root, string defaultVerb, IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parse = root.Parse(WithDefaultVerb(root, defaultVerb, args));
        if (parse.Action is not ParseErrorAction) return parse.InvokeAsync(configuration);

        foreach (var error in parse.Errors) configuration.Error.WriteLine(error.Message);
        var verb = parse.CommandResult.Command;
        configuration.Error.WriteLine(verb is RootCommand ? $"try: {root.HelpName} --help" : $"try: {root.HelpName} {verb.Name} --help");
        return Task.FromResult(UsageError);
    }
}
