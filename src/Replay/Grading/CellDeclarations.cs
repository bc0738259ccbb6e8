using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookDL.Replay.Grading;

/// <summary>
/// A C# cell without its statements: its methods, classes and other declarations only. When a cell never returns
/// (an endless loop in the check at its end), the grader runs it again this way, so the functions the cell defines
/// still exist for the teacher's checks and for later cells that call them.
/// </summary>
public static class CellDeclarations
{
    /// <summary>The declarations of <paramref name="source"/> (a script cell), or "" when it has none or is a magic command.</summary>
    public static string Of(string source)
    {
        if (source.TrimStart().StartsWith("#!", StringComparison.Ordinal)) return "";
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var kept = root.Members.Where(m => m is not GlobalStatementSyntax).Select(m => m.ToFullString());
        return string.Concat(root.Usings.Select(u => u.ToFullString())) + string.Concat(kept);
    }
}
