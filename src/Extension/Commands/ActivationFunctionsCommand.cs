using NotebookDL.Extension.Formatters;
using NotebookDL.Probes;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLActivationFunctions : MagicDirective;

/// <summary>
/// <c>#!activation-functions</c>: each activation f(x) and its gradient f'(x), computed by the engine's layers
/// (forward, then backward with dOut = 1), side by side; and where each saturates or dies.
/// </summary>
public sealed class ActivationFunctionsCommand : MagicCommand<NotebookDLActivationFunctions>
{
    public override string Name => "activation-functions";
    public override string Summary => "plots activation functions and their gradients, computed by the engine's layers";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--names", "which functions: sigmoid, tanh, relu, leaky-relu, prelu (alpha 0.25), elu (alpha 1)", "sigmoid,tanh,relu,leaky-relu,elu"),
        new OptionSpec("--range", "x runs from -range to +range", "5"),
        new OptionSpec("--slope", "leaky ReLU's slope (the lecture's 0.01 is hard to see; try 0.1)", "0.01"),
    ];

    public override IReadOnlyList<string> Examples { get; } = ["#!activation-functions", "#!activation-functions --names relu,leaky-relu --slope 0.1"];

    protected internal override Task RunAsync(CommandContext c)
    {
        var names = (c.Options.Words("--names") ?? ["sigmoid", "tanh", "relu", "leaky-relu", "elu"]).Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        foreach (var n in names)
            if (!ActivationCurves.Names.Contains(n)) throw new CommandException($"--names: unknown activation '{n}'; use {string.Join(", ", ActivationCurves.Names)}");
        double range = c.Options.Double("--range", 5, 0.1, 1e3);
        double slope = c.Options.Double("--slope", 0.01, 0, 1);

        var curves = ActivationCurves.Sample(names, range, slope);
        c.Show(Chart.From(ActivationCurvesFormatter.Figure(curves)));
        c.Show(ActivationCurvesFormatter.Html(curves), ActivationCurvesFormatter.Text(curves));
        return Task.CompletedTask;
    }
}
