using System.Diagnostics;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// Outside programs the end-to-end tests and the benchmark drive (Jupyter, the dotnet-interactive tool, Chromium),
/// found at fixed paths. What a missing one does is up to the host (<see cref="OnMissing"/>): the tests skip with a
/// one-line reason, except under CI (CI=true), where .ci/run installed them and a missing one is a failure
/// (the test assembly's MissingToolsSkipTests); the benchmark reports the section as skipped. Every run has a timeout, so a
/// hung cell fails fast.
/// </summary>
public static class ExternalTool
{
    /// <summary>Called with a one-line reason when a tool is missing; by default throws <see cref="MissingToolException"/>.</summary>
    public static Action<string> OnMissing { get; set; } = reason => throw new MissingToolException(reason);

    public static string Jupyter => Require("/usr/bin/jupyter", "Debian's jupyter-nbconvert, python3-nbclient and jupyter-client (apt)");

    public static string DotnetInteractive =>
        Require(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-interactive"),
            "the Microsoft.dotnet-interactive tool 1.0.712001 (dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001)");

    public static string Chromium => Require("/usr/bin/chromium", "Debian's chromium (apt)");

    /// <summary>unshare, which runs a program in namespaces of its own (here: a network with loopback only).</summary>
    public static string Unshare => Require("/usr/bin/unshare", "Debian's util-linux (apt)");

    /// <summary>ip, which brings the loopback of a new network namespace up (it starts down).</summary>
    public static string Ip => Require("/usr/bin/ip", "Debian's iproute2 (apt)");

    /// <summary>The folder holding the dotnet the tests run (the kernel's DOTNET_ROOT), found on PATH through its link.</summary>
    public static string DotnetRoot => Path.GetDirectoryName(Path.GetFullPath(WhichDotnet()))!;

    private static string WhichDotnet()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate)) return new FileInfo(candidate).LinkTarget is { } target ? Path.GetFullPath(target, dir) : candidate;
        }
        return "/usr/share/dotnet/dotnet";
    }

    public static string Require(string path, string what)
    {
        if (File.Exists(path)) return path;
        OnMissing($"{path} not found: needs {what}");
        return path;
    }

    /// <summary>Runs a program to completion within <paramref name="timeout"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, TimeSpan timeout,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(" ", args)} did not finish within {timeout.TotalSeconds:F0} s:\n{output}");
        }
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}

/// <summary>A program <see cref="ExternalTool"/> needs is not installed; the message says which and how to get it.</summary>
public sealed class MissingToolException(string message) : Exception(message);
