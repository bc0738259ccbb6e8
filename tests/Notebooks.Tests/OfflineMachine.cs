namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// A student's machine with no internet, for the offline bundle's end-to-end test: a fresh HOME (no NuGet.Config,
/// an empty package cache, no <c>~/.packagemanagement</c>, no kernelspec, no dotnet tools) and commands that run in a
/// network namespace of their own (<c>unshare -rn</c>: a user and a network namespace whose only interface is
/// loopback, which Jupyter and the kernel talk over). The dotnet SDK and Debian's Jupyter come from this machine.
/// </summary>
public sealed class OfflineMachine : IDisposable
{
    private readonly Dictionary<string, string> _environment;

    private OfflineMachine(string root, Dictionary<string, string> environment)
    {
        Root = root;
        _environment = environment;
    }

    public string Root { get; }
    public string Home => Path.Combine(Root, "home");
    public string NuGetPackages => Path.Combine(Home, ".nuget", "packages");
    public string JupyterData => Path.Combine(Home, ".local", "share", "jupyter");

    public static OfflineMachine Create()
    {
        _ = ExternalTool.Jupyter;
        _ = ExternalTool.Unshare;
        _ = ExternalTool.Ip;
        var root = Directory.CreateTempSubdirectory("notebookdl-offline-").FullName;
        var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        // Every variable that could point the SDK, NuGet or Jupyter back at this machine's own folders is set to the
        // fresh HOME's default; Debian's jupyter (/usr/bin) comes before any other python on PATH.
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, ".nuget", "packages"),
            ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(home, ".local", "share", "NuGet", "http-cache"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(home, ".local", "share", "jupyter"),
            ["JUPYTER_PATH"] = Path.Combine(home, ".local", "share", "jupyter"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(home, ".jupyter"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(home, ".local", "share", "jupyter", "runtime"),
            ["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? ExternalTool.DotnetRoot,
            ["PATH"] = $"{Path.Combine(home, ".dotnet", "tools")}:/usr/bin:{ExternalTool.DotnetRoot}:{Environment.GetEnvironmentVariable("PATH")}",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        return new OfflineMachine(root, environment);
    }

    /// <summary>Runs a bash script (stopping at its first failing command) with no network but loopback; returns its exit code and output.</summary>
    public (int ExitCode, string Output) Run(string script, string workingDirectory, TimeSpan timeout) =>
        ExternalTool.Run(ExternalTool.Unshare, ["-rn", "bash", "-ec", $"{ExternalTool.Ip} link set lo up\n{script}"], timeout, _environment, workingDirectory);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
