using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLActivationFunctions : MagicDirective;

/// <summary>
/// <c>#!activation-functions</c>: each activation f(x) and its gradient f'(x), computed by the engine's layers
/// (forward, then backward with dOut = 1), side by side; and where each saturates or dies.
/// </summary>
public sealed class ActivationFunctionsCommand : MagicCommand<NotebookDLActivationFunctions>
{
    /// <summary>The registered activations a single unit can plot: all but those that bring a layer's weights (maxout).</summary>
    private static ActivationEntry[] Plottable => [.. ActivationRegistry.Entries.Where(e => !e.IncludesWeights)];

    public override string Name => "activation-functions";
    public override string Summary => "plots activation functions and their gradients, computed by the engine's layers";

    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("--names", "which functions: " + string.Join(", ", Plottable.Select(e => $"{e.Name} ({e.Description})")), "sigmoid,tanh,relu,leaky-relu,elu"),
        new("--range", "x runs from -range to +range", "5"),
        new("--slope", "leaky ReLU's slope (the lecture's 0.01 is hard to see; try 0.1)", "0.01"),
    ];

    public override IReadOnlyList<string> Examples { get; } = ["#!activation-functions", "#!activation-functions --names relu,leaky-relu --slope 0.1"];

    protected internal override Task RunAsync(CommandContext c)
    {
        var names = (c.Options.Words("--names") ?? ["sigmoid", "tanh", "relu", "leaky-relu", "elu"]).Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        var known = Plottable;
        foreach (var n in names)
            if (!known.Any(e => e.Name == n)) throw new CommandException($"--names: unknown activation '{n}'; use {string.Join(", ", known.Select(e => e.Name))}");
        double range = c.Options.Double("--range", 5, 0.1, 1e3);
        double slope = c.Options.Double("--slope", 0.01, 0, 1);

        const int points = 401;
        var x = Enumerable.Range(0, points).Select(i => -range + 2 * range * i / (points - 1)).ToArray();
        var values = new List<(string Name, double[] X, double[] Y)>();
        var gradients = new List<(string Name, double[] X, double[] Y)>();
        var rows = new List<string[]>();
        foreach (var name in names)
        {
            var layer = known.First(e => e.Name == name).Create(new ActivationSettings { Slope = slope }); // one unit: PReLU's alpha 0.25
            var input = Mat.Zeros(points, 1);
            x.CopyTo(input.Data(), 0);
            var y = layer.Forward(input, Mode.Train).Data().ToArray();
            var dy = layer.Backward(Mat.Filled(points, 1, 1.0)).Data().ToArray();
            values.Add((layer.Name, x, y));
            gradients.Add((layer.Name, x, dy));
            rows.Add([Html.Encode(layer.Name), Html.Num(y[0]), Html.Num(y[points / 2]), Html.Num(y[^1]), Html.Num(dy.Max()), Html.Num(dy[0]), Html.Num(dy[^1])]);
        }

        c.Show(Chart.From(FigureSpec.Grid("activation functions and their gradients", 2,
            new PanelSpec { Title = "f(x)", XTitle = "x", YTitle = "f(x)", Traces = [.. values.Select(v => TraceSpec.Line(v.Name, v.X, v.Y))] },
            new PanelSpec { Title = "f'(x) (backward pass with dOut = 1)", XTitle = "x", YTitle = "f'(x)", Traces = [.. gradients.Select(v => TraceSpec.Line(v.Name, v.X, v.Y))] })
            with { Height = 400 }));
        c.Show(Html.Block(
                Html.Table(["function", $"f(−{range:G3})", "f(0)", $"f({range:G3})", "largest f'", $"f'(−{range:G3})", $"f'({range:G3})"], rows),
                Html.Detail("A gradient near 0 at both ends means the unit saturates (sigmoid, tanh); exactly 0 for x < 0 means a ReLU unit " +
                            "whose inputs stay negative stops learning (it is dead). Leaky ReLU, PReLU and ELU keep a gradient there.")),
            string.Join("\n", rows.Select(r => string.Join("  ", r))));
        return Task.CompletedTask;
    }
}
