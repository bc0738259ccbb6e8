using Microsoft.DotNet.Interactive;
using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

namespace NotebookDL.Extension;

/// <summary>
/// The entry point the kernel calls on <c>#r "nuget:NotebookDL"</c>: registers the formatters and the magic
/// commands, emits plotly.js once for the charts, prints one line saying what it added, and starts the
/// background <see cref="WarmUp"/> that spares the first command's wait.
/// </summary>
public sealed class NotebookDLKernelExtension : IKernelExtension
{
    /// <summary>Every magic command NotebookDL adds, in the order the help lists them.</summary>
    public static IReadOnlyList<MagicCommand> Commands { get; } = CreateCommands();

    public static string Version { get; } =
        typeof(NotebookDLKernelExtension).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? "?";

    public Task OnLoadAsync(Kernel kernel)
    {
        WarmUp.StartCharts(); // in the background: the first command's chart, then its stored variable (below)
        EngineFormatters.Register();
        ChartFormatters.Register();
        DoublePrecisionNames.Declare(kernel); // Dense, Parameter, ... as the engine's double-precision names
        var session = NotebookSession.Of(kernel); // this notebook's state, handed to every command it runs
        foreach (var command in Commands) command.Register(kernel, session);
        KernelDiagnosticsMiddleware.Install(kernel, Commands); // our own error instead of the parser's DNI diagnostics
        StackGuard.Install(kernel); // a learner's endless recursion fails its cell instead of ending the kernel

        if (KernelInvocationContext.Current is { } context)
        {
            // plotly.js goes out once, in an output that is never updated, so every chart can rely on window.Plotly.
            string? chartProblem = null;
            try
            {
                context.Display(new HtmlOutput(PlotlyScript.Html(), ""), "text/html");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                chartProblem = $" Charts are unavailable: {e.Message}";
            }
            var line = $"NotebookDL {Version} loaded: {Commands.Count} magic commands (#!softmax, #!train, #!search, ...) and rich output for the engine's objects. " +
                       $"Type #!notebookdl for the list, #!<command> --help for one.{chartProblem}";
            context.Display(new HtmlOutput(Html.Detail(line), line), HtmlOutput.MimeTypes);
        }
        WarmUp.StartCompiler();
        return Task.CompletedTask;
    }

    private static IReadOnlyList<MagicCommand> CreateCommands()
    {
        var list = new List<MagicCommand>
        {
            new SoftmaxCommand(),
            new ActivationFunctionsCommand(),
            new ActivationsCommand(),
            new DatasetCommand(),
            new TrainCommand(),
            new StepCommand(),
            new ContinueCommand(),
            new ResetCommand(),
            new SanityCheckCommand(),
            new GradCheckCommand(),
            new BatchNormCommand(),
            new BoundaryCommand(),
            new CompareCommand(),
            new SearchCommand(),
            new LrFindCommand(),
            new EnsembleCommand(),
            new CheckCommand(),
            new UseCommand(),
            new ErrorsCommand(),
            new LabelNoiseCommand(),
            new MismatchCommand(),
            new TransferCommand(),
            new MultiTaskCommand(),
        };
        list.Insert(0, new HelpCommand(list));
        return list;
    }
}
