using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;

namespace NotebookDL.Extension.Session;

/// <summary>
/// Keeps a learner's endless recursion from killing the kernel. A stack overflow ends a .NET process and cannot be
/// caught, so every method, constructor, operator, property or accessor, local function and block-bodied lambda a
/// C# cell declares gets a first statement
/// that throws a catchable <see cref="NotebookDL.Exercises.RecursionTooDeepException"/> when the stack is nearly used up:
/// the cell (or the check running the code) fails with "recursed without end" and the kernel keeps every variable.
/// The guard is inserted on the line it guards, so the kernel's line numbers stay the learner's.
/// </summary>
public static class StackGuard
{
    /// <summary>The statement each guarded body starts with.</summary>
    public const string Statement = "global::NotebookDL.Exercises.RecursionGuard.Check();";

    /// <summary>
    /// <paramref name="code"/> with the guard in every method, local function and block-bodied lambda; the code
    /// unchanged when it does not parse (the kernel then reports the learner's own errors) or declares none.
    /// </summary>
    public static string Guard(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var root = tree.GetRoot();
        if (root.ContainsDiagnostics) return code;
        var changes = new List<TextChange>();
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case MethodDeclarationSyntax m:
                    AddGuard(changes, m.Body, m.Modifiers.Any(SyntaxKind.AsyncKeyword) ? null : m.ExpressionBody, m.SemicolonToken, IsVoid(m.ReturnType));
                    break;
                case BaseMethodDeclarationSyntax other: // constructors, destructors, operators, conversions
                    AddGuard(changes, other.Body, other.ExpressionBody, other.SemicolonToken, isVoid: other is ConstructorDeclarationSyntax or DestructorDeclarationSyntax);
                    break;
                case LocalFunctionStatementSyntax f:
                    AddGuard(changes, f.Body, f.Modifiers.Any(SyntaxKind.AsyncKeyword) ? null : f.ExpressionBody, f.SemicolonToken, IsVoid(f.ReturnType));
                    break;
                case AccessorDeclarationSyntax a: // get { } / get => …, set, init, add, remove
                    AddGuard(changes, a.Body, a.ExpressionBody, a.SemicolonToken, isVoid: !a.IsKind(SyntaxKind.GetAccessorDeclaration));
                    break;
                case BasePropertyDeclarationSyntax { } p when ArrowOf(p) is { } arrow: // int P => …; (a getter)
                    AddGuard(changes, null, arrow, SemicolonOf(p), isVoid: false, accessor: "get");
                    break;
                case AnonymousFunctionExpressionSyntax { Block: { } block }:
                    AddGuard(changes, block, null, default, isVoid: true);
                    break;
            }
        }
        return changes.Count == 0 ? code : SourceText.From(code).WithChanges(changes).ToString();
    }

    private static ArrowExpressionClauseSyntax? ArrowOf(BasePropertyDeclarationSyntax p) => p switch
    {
        PropertyDeclarationSyntax property => property.ExpressionBody,
        IndexerDeclarationSyntax indexer => indexer.ExpressionBody,
        _ => null,
    };

    private static SyntaxToken SemicolonOf(BasePropertyDeclarationSyntax p) => p switch
    {
        PropertyDeclarationSyntax property => property.SemicolonToken,
        IndexerDeclarationSyntax indexer => indexer.SemicolonToken,
        _ => default,
    };

    private static bool IsVoid(TypeSyntax type) => type is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword);

    /// <summary>
    /// The guard as the first statement of <paramref name="body"/>, or "=> e;" turned into "{ guard; return e; }"
    /// ("{ guard; e; }" when void; "{ get { guard; return e; } }" for a property, <paramref name="accessor"/> "get").
    /// Async arrows are left alone: whether they return depends on Task or Task&lt;T&gt;.
    /// </summary>
    private static void AddGuard(List<TextChange> changes, BlockSyntax? body, ArrowExpressionClauseSyntax? arrow, SyntaxToken semicolon, bool isVoid,
        string? accessor = null)
    {
        if (body is not null)
            changes.Add(new TextChange(new TextSpan(body.OpenBraceToken.Span.End, 0), " " + Statement));
        else if (arrow is not null && semicolon.IsKind(SyntaxKind.SemicolonToken) && !semicolon.IsMissing)
        {
            // "=> throw new NotImplementedException();" (an exercise's stub) becomes a throw statement: "return throw" is no C#.
            bool statement = isVoid || arrow.Expression is ThrowExpressionSyntax;
            var open = accessor is null ? "{ " : $"{{ {accessor} {{ ";
            changes.Add(new TextChange(arrow.ArrowToken.Span, open + Statement + (statement ? "" : " return")));
            changes.Add(new TextChange(semicolon.Span, accessor is null ? "; }" : "; } }"));
        }
    }

    /// <summary>
    /// Guards every C# cell <paramref name="kernel"/> (or one of its subkernels) runs. False when this version of
    /// the kernel does not let a middleware change the submitted code (the cells then run unguarded).
    /// </summary>
    public static bool Install(Kernel kernel)
    {
        if (CodeSetter is null) return false;
        var installed = false;
        void Add(Kernel k)
        {
            if (k is not CSharpKernel) return;
            lock (Guarded)
                if (!Guarded.TryAdd(k, true)) { installed = true; return; } // loaded twice: one guard is enough
            k.AddMiddleware(async (command, context, next) =>
            {
                if (command is SubmitCode submit) GuardInPlace(submit);
                await next(command, context);
            });
            installed = true;
        }
        if (kernel.RootKernel is CompositeKernel composite)
            foreach (var child in composite.ChildKernels) Add(child);
        else Add(kernel);
        return installed;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Kernel, object> Guarded = [];

    private static void GuardInPlace(SubmitCode submit)
    {
        try
        {
            var guarded = Guard(submit.Code);
            if (!ReferenceEquals(guarded, submit.Code)) CodeSetter!(submit, guarded);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A guard that cannot be added must never stop the learner's cell from running as written.
        }
    }

    /// <summary>Sets <see cref="SubmitCode.Code"/> (get-only in the public API; an internal setter or its backing field).</summary>
    private static readonly Action<SubmitCode, string>? CodeSetter = FindCodeSetter();

    private static Action<SubmitCode, string>? FindCodeSetter()
    {
        var property = typeof(SubmitCode).GetProperty(nameof(SubmitCode.Code), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (property?.GetSetMethod(nonPublic: true) is { } setter) return (s, code) => setter.Invoke(s, [code]);
        for (var type = typeof(SubmitCode); type is not null; type = type.BaseType)
            if (type.GetField("<Code>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is { } field)
                return (s, code) => field.SetValue(s, code);
        return null;
    }
}
