using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using NotebookDL.Charts.Spec;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Charts;

/// <summary>
/// The chart assembly loaded from its own build output folder in a private load context and called by
/// reflection with strings only, as the extension will call it inside the kernel.
/// </summary>
public class IsolatedLoadTests(ITestOutputHelper output)
{
    /// <summary>Three loss curves of 500 iterations each, the size of a long training run's live chart.</summary>
    private static string ThreeCurves()
    {
        double[] x = [.. Enumerable.Range(1, 500).Select(i => (double)i)];
        return SpecJson.Serialize(FigureSpec.Lines("Loss", "iteration", "loss",
            ("lr 1e-3", x, [.. x.Select(i => Math.Log(10) * Math.Exp(-i / 150.0))]),
            ("lr 1e-4", x, [.. x.Select(i => Math.Log(10) * Math.Exp(-i / 600.0))]),
            ("lr 1e-2", x, [.. x.Select(i => Math.Log(10) * Math.Exp(-i / 40.0) + 0.3 * Math.Abs(Math.Sin(i / 7.0)))])));
    }

    private static Func<string, string> Method(Assembly charts, string name)
    {
        var method = charts.GetType("NotebookDL.Charts.Figures", throwOnError: true)!
            .GetMethod(name, BindingFlags.Public | BindingFlags.Static, name == "Build" ? [typeof(string)] : [])!;
        return name == "Build"
            ? spec => (string)method.Invoke(null, [spec])!
            : _ => (string)method.Invoke(null, null)!;
    }

    [Fact]
    public void Build_and_PlotlyJs_work_from_a_private_load_context_with_strings_only()
    {
        var context = new FolderLoadContext(FolderLoadContext.ChartsBuildOutput());
        try
        {
            var charts = context.LoadFromAssemblyPath(Path.Combine(context.Folder, "NotebookDL.Charts.dll"));
            var build = Method(charts, "Build");
            var spec = ThreeCurves();

            var clock = Stopwatch.StartNew();
            var json = build(spec);
            var first = clock.Elapsed;
            var later = Enumerable.Range(0, 5).Select(_ =>
            {
                clock.Restart();
                build(spec);
                return clock.Elapsed.TotalMilliseconds;
            }).ToArray();
            var script = Method(charts, "PlotlyJs")("");

            var figure = JsonNode.Parse(json)!;
            Assert.Equal(["lr 1e-3", "lr 1e-4", "lr 1e-2"], figure["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
            Assert.All(figure["data"]!.AsArray(), t => Assert.Equal(500, t!["y"]!.AsArray().Count));
            Assert.StartsWith("/**\n* plotly.js v2.28.0", script);
            output.WriteLine($"first Build in a fresh context: {first.TotalMilliseconds:F0} ms; next five: {string.Join(", ", later.Select(ms => ms.ToString("F0")))} ms");
            output.WriteLine($"3 lines x 500 points: {json.Length:N0} characters of figure JSON (spec {spec.Length:N0})");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Plotly_net_and_FSharp_core_come_from_the_folder_not_from_the_host()
    {
        var context = new FolderLoadContext(FolderLoadContext.ChartsBuildOutput());
        try
        {
            var charts = context.LoadFromAssemblyPath(Path.Combine(context.Folder, "NotebookDL.Charts.dll"));
            Method(charts, "Build")(SpecJson.Serialize(FigureSpec.Lines(null, null, null, ("a", [1, 2], [3, 4]))));

            foreach (var name in new[] { "Plotly.NET", "FSharp.Core", "DynamicObj", "Newtonsoft.Json" })
            {
                var loaded = context.Assemblies.Single(a => a.GetName().Name == name);
                Assert.Equal(Path.GetFullPath(context.Folder), Path.GetDirectoryName(loaded.Location) + Path.DirectorySeparatorChar);
                Assert.DoesNotContain(loaded, AssemblyLoadContext.Default.Assemblies);
            }
            Assert.NotSame(typeof(NotebookDL.Charts.Figures).Assembly, charts);
            // The BCL is shared: the context resolved System.Text.Json from the host.
            Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "System.Text.Json");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void An_invalid_spec_fails_across_the_boundary_as_the_hosts_own_ArgumentException()
    {
        var context = new FolderLoadContext(FolderLoadContext.ChartsBuildOutput());
        try
        {
            var charts = context.LoadFromAssemblyPath(Path.Combine(context.Folder, "NotebookDL.Charts.dll"));
            var build = Method(charts, "Build");

            var e = Assert.Throws<TargetInvocationException>(() => build("{\"panels\": [{\"traces\": [{\"kind\": \"pie\", \"y\": [1]}]}]}"));

            var inner = Assert.IsType<ArgumentException>(e.InnerException);
            Assert.Contains("unknown trace kind 'pie'", inner.Message);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void The_build_output_folder_holds_every_dependency_the_context_needs()
    {
        var folder = FolderLoadContext.ChartsBuildOutput();
        var dlls = Directory.GetFiles(folder, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.Superset(new HashSet<string?>
        {
            "NotebookDL.Charts", "Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine",
            "Fable.Core", "Newtonsoft.Json",
        }, dlls);
        var fsharp = AssemblyName.GetAssemblyName(Path.Combine(folder, "FSharp.Core.dll"));
        Assert.True(fsharp.Version >= new Version(10, 1), $"FSharp.Core in the folder is {fsharp.Version}; Plotly.NET 6 needs 10.1");
        var bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        output.WriteLine($"{folder}: {dlls.Count} DLLs, {bytes / 1024.0 / 1024.0:F1} MiB in all ({string.Join(", ", dlls.Order())})");
    }
}
