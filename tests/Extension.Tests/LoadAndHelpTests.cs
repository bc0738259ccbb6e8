using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using NotebookDL.Extension;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Tests.Extension;

/// <summary>What a learner sees first: the one-line load message, #!notebookdl's list and each command's --help.</summary>
[Collection("notebook state")]
public class LoadAndHelpTests(SharedKernel shared) : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel = shared.Kernel;

    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in NotebookDLKernelExtension.Commands) data.Add(c.Name);
        return data;
    }

    [Fact]
    public async Task Loading_in_a_cell_prints_one_line_naming_the_commands_and_sends_plotly_js_once()
    {
        // As #r "nuget:NotebookDL" does: the extension loads while a cell runs, into a kernel of its own here
        // (the shared kernel already has the commands).
        var cell = await _kernel.SubmitAsync("""
            var fresh = new Microsoft.DotNet.Interactive.CompositeKernel();
            await new NotebookDL.Extension.NotebookDLKernelExtension().OnLoadAsync(fresh);
            """);
        Assert.True(cell.Succeeded, cell.Describe());
        var lines = cell.Text.Split('\n').Where(l => l.Contains("loaded:")).ToList();
        var line = Assert.Single(lines);
        Assert.Contains($"{NotebookDLKernelExtension.Commands.Count} magic commands", line);
        Assert.Contains("#!notebookdl", line);
        Assert.DoesNotContain("unavailable", line);
        // plotly.js, once, wrapped so that a page's require.js cannot capture it.
        Assert.Single(cell.Formatted("text/html"), h => h.Contains("var define = undefined, module = undefined, exports = undefined") && h.Length > 3_000_000);
    }

    [Fact]
    public async Task Hash_notebookdl_lists_every_command_with_its_summary()
    {
        var cell = await _kernel.SubmitAsync("#!notebookdl");
        Assert.True(cell.Succeeded, cell.Describe());
        foreach (var command in NotebookDLKernelExtension.Commands)
        {
            Assert.Contains("#!" + command.Name, cell.Html);
            Assert.Contains(Html(command.Summary), cell.Html);
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Every_command_has_a_description_and_its_help_lists_every_option(string name)
    {
        var command = NotebookDLKernelExtension.Commands.Single(c => c.Name == name);
        Assert.False(string.IsNullOrWhiteSpace(command.Summary));
        var directive = _kernel.Kernel.KernelInfo.SupportedDirectives.OfType<KernelActionDirective>().Single(d => d.Name == "#!" + name);
        Assert.Equal(command.Summary, directive.Description);

        var cell = await _kernel.SubmitAsync($"#!{name} --help");
        Assert.True(cell.Succeeded, cell.Describe());
        foreach (var option in command.AllOptions)
        {
            Assert.Contains(option.Name, cell.Html);
            Assert.Contains(Html(option.Help), cell.Html);
        }
        Assert.All(command.AllOptions, option => Assert.Contains(option.Name, cell.Text)); // the plain-text help too
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
