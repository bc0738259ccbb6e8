using System.Runtime.CompilerServices;

namespace NotebookDL.Tests.Notebooks;

/// <summary>In the test assembly a missing tool skips the test with its reason, or fails it under CI (CI=true).</summary>
public static class MissingToolsSkipTests
{
    [ModuleInitializer]
    internal static void Install() => ExternalTool.OnMissing = reason =>
    {
        if (Repository.InCi) throw new InvalidOperationException(reason + " (CI=true: .ci/run should have installed it)");
        Skip.If(true, reason + "; test skipped");
    };
}
