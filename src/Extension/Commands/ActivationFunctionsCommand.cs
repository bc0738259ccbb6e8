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

    /// <summary>The functions plotted unless told: the lecture's five.</summary>
    private static readonly string[] DefaultNames = ["sigmoid", "tanh", "relu", "leaky-relu", "elu"];

    private static readonly Option<string[]> Names = Option.Custom<string[]>("--names",
        () => $"which functions, comma-separated: {Option.Or(ActivationCurves.Names)} (prelu with its starting slope 0.25, elu with alpha 1)",
        DefaultNames, ReadNames, names => string.Join(",", names));

    private static readonly Option<double> Range = Option.Number("--range", "x runs from -range to +range", 5, 0.1, 1e3);
    private static readonly Option<double> Slope = Option.Number("--slope", "leaky ReLU's slope (the lecture's 0.01 is hard to see; try 0.1)", 0.01, 0, 1);

    public override IReadOnlyList<CommandOption> Options { get; } = [Names, Range, Slope];

    public override IReadOnlyList<string> Examples { get; } = ["#!activation-functions", "#!activation-functions --names relu,leaky-relu --slope 0.1"];

    protected internal override Task RunAsync(CommandContext c)
    {
        var curves = ActivationCurves.Sample(c.Get(Names), c.Get(Range), c.Get(Slope));
        c.Show(Chart.From(ActivationCurvesFormatter.Figure(curves)));
        c.Show(ActivationCurvesFormatter.Html(curves), ActivationCurvesFormatter.Text(curves));
        return Task.CompletedTask;
    }

    /// <summary>The functions named (any case, repeats dropped), each one that <see cref="ActivationCurves"/> can sample.</summary>
    private static string[] ReadNames(string text)
    {
        var words = Option.SplitList(text);
        if (words.Length == 0) throw new CommandException($"{Names.Name} needs at least one value, got '{text}'");
        var names = words.Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        foreach (var n in names)
            if (!ActivationCurves.Names.Contains(n)) throw new CommandException($"{Names.Name}: unknown activation '{n}'; use {string.Join(", ", ActivationCurves.Names)}");
        return names;
    }
}
