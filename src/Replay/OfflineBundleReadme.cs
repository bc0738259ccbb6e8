namespace NotebookDL.Replay;

/// <summary>
/// The offline bundle's README: which notebooks it holds, the commands that set a machine up once so the
/// unchanged notebooks (<c>#r "nuget:NotebookDL"</c>) load from the bundle's feed with no internet, how charts
/// draw in classic Jupyter, and what to clear on a machine that loaded the same version before.
/// </summary>
public static class OfflineBundleReadme
{
    /// <summary>The name the set-up gives the bundle's feed in the user's NuGet configuration.</summary>
    public const string FeedSourceName = "notebookdl-bundle";

    /// <summary>The heading of the set-up section; the shell block right under it is what to run in the bundle's folder.</summary>
    public const string SetupHeading = "## Set up each machine once";

    /// <summary>The Debian package with the <c>jupyter-trust</c> command, which <c>jupyter trust</c> runs (python3-nbformat alone lacks it).</summary>
    public const string TrustPackage = "jupyter-nbformat";

    public static string Text(string version, bool withTool, bool student) => $$"""
        # NotebookDL {{version}}: offline bundle, {{(student ? "student" : "teacher")}} version

        {{(student
            ? "The notebooks are the student version: each exercise solution is a stub that throws \"not implemented yet\" and the checks around it stay."
            : "**These notebooks hold the exercise solutions (chapter 11): keep this bundle for teachers.** For students' machines write one with `bundle --student`.")}}

        Everything a classroom needs without internet, besides the .NET 10 SDK and Jupyter (or VS Code with
        Polyglot Notebooks): `feed/` is a NuGet folder feed, `notebooks/` the course, `{{OfflineBundle.KernelspecScript}}`
        a safer kernelspec.

        {{SetupHeading}}

        In this folder, in a shell (Linux or macOS, with `~/.dotnet/tools` on PATH){{(withTool ? "" : "; this bundle was made on a machine without the kernel, so installing it needs internet")}}:

        ```sh
        dotnet nuget add source "$PWD/feed" --name {{FeedSourceName}}
        dotnet nuget disable source nuget.org
        dotnet tool install -g Microsoft.dotnet-interactive --version {{OfflineBundle.ToolVersion}}{{(withTool ? " --add-source ./feed" : "")}}
        dotnet interactive jupyter install
        bash {{OfflineBundle.KernelspecScript}}
        ```

        The two `dotnet nuget` commands write the user's NuGet configuration (`~/.nuget/NuGet/NuGet.Config`), which the
        kernel's `#r "nuget:..."` reads. The first lets the notebooks' first cell, `#r "nuget:NotebookDL"`, unchanged, find
        NotebookDL {{version}} in this folder's feed (give its full path: a relative one would be read from the
        configuration's own folder). The second is needed as well: with no internet, a restore that still lists nuget.org
        fails (NU1301, unable to load the service index). On Windows, give the feed's full path instead of `"$PWD/feed"`
        and skip the last line, which makes the kernel listen on 127.0.0.1 only and Jupyter's Interrupt send a message
        instead of killing the kernel. Back online, `dotnet nuget enable source nuget.org` and
        `dotnet nuget remove source {{FeedSourceName}}` undo the set-up.

        ## Run the notebooks

        Open `notebooks/` in Jupyter (`jupyter notebook notebooks`) or VS Code and run each notebook top to bottom.
        Charts work offline (NotebookDL embeds plotly.js), but they are drawn by scripts, which classic Jupyter runs
        only in a trusted notebook: trust the course once with `jupyter trust notebooks/*.ipynb` (on Debian the command
        comes with the package `{{TrustPackage}}`: `apt install {{TrustPackage}}`), or use File > Trust Notebook in each.

        ## A machine that loaded NotebookDL {{version}} before

        NuGet serves a version it already holds in `~/.nuget/packages` without looking at the feed, and the kernel caches
        what each `#r "nuget:Package, version"` resolved to in `~/.packagemanagement` (the files in the packages folder it
        restored into), so an empty `NUGET_PACKAGES` alone still loads an older copy. To load this bundle's {{version}}
        there, delete `~/.packagemanagement` and `~/.nuget/packages/notebookdl*` once, or write the bundle with a new version.
        """;
}
