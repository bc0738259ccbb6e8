using System.CommandLine;
using System.CommandLine.Parsing;

namespace NotebookDL.Replay.Verbs;

/// <summary>
/// A verb's positional arguments take any word the parser does not recognise, so without this a mistyped
/// option (<c>--ot out</c>) would be taken as a folder or file name. A word starting with a dash that names no
/// existing file or folder is reported as the unknown option it is, which is a usage error.
/// </summary>
public static class UnknownOptions
{
    /// <summary>Adds the check to <paramref name="argument"/>; returns it.</summary>
    public static Argument<T> Rejected<T>(this Argument<T> argument)
    {
        argument.Validators.Add(Check);
        return argument;
    }

    /// <summary>An error for each dashed word of <paramref name="result"/> that is no file or folder.</summary>
    private static void Check(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
            if (token.Value.StartsWith('-') && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                result.AddError($"Unrecognized option '{token.Value}'.");
    }
}
