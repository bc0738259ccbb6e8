using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Formatters;
using NotebookDL.Losses;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLSoftmax : MagicDirective;

/// <summary>
/// <c>#!softmax [5,2,-1,3]</c>: the lecture's softmax steps z → t = e^z → Σt → a = t/Σt, hardmax, and with
/// <c>--y</c> the loss -log a_y and dZ = a - y; a bar chart of the probabilities.
/// </summary>
public sealed class SoftmaxCommand : MagicCommand<NotebookDLSoftmax>
{
    public override string Name => "softmax";
    public override string Summary => "softmax of a score vector step by step: t = e^z, sum(t), a = t / sum(t), hardmax, loss and dZ";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--z", "the scores z, as [5,2,-1,3] or 5,2,-1,3 (name optional)", Implicit: true),
        new OptionSpec("--labels", "class names, comma-separated (e.g. cat,dog,chick,none)"),
        new OptionSpec("--y", "index of the true class: shows the loss -log a_y and dZ = a - y"),
        new OptionSpec("--as", "name of the C# variable that keeps the result", "softmax"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!softmax [5,2,-1,3]",
        "#!softmax 5,2,-1,3 --labels cat,dog,chick,none --y 0",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var z = c.Options.Doubles("--z") ?? throw new CommandException("give the scores, e.g. #!softmax [5,2,-1,3]");
        if (z.Length > 1000) throw new CommandException($"--z has {z.Length} scores; softmax's step-by-step view takes at most 1000");
        var labels = c.Options.Words("--labels") ?? Enumerable.Range(0, z.Length).Select(i => $"class {i}").ToArray();
        if (labels.Length != z.Length)
            throw new CommandException($"--labels names {labels.Length} classes but there are {z.Length} scores");
        int? y = c.Options.Has("--y") ? c.Options.Int("--y", 0, 0, z.Length - 1) : null;
        var name = c.Options.VariableName("softmax");

        var steps = Softmax.Steps(z);
        var stored = await c.StoreAsync(name, steps);
        var echo = $"#!softmax [{string.Join(",", z.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]" +
                   (c.Options.Words("--labels") is { } named ? $" --labels {string.Join(",", named)}" : "") + (y is int yy ? $" --y {yy}" : "");
        c.Show(SoftmaxFormatter.Html(steps, labels, y) + Html.Detail($"{echo} · {stored}"),
               SoftmaxFormatter.Text(steps, labels, y));
        c.Show(Chart.From(FigureSpec.Bars(
            "softmax probabilities a = e^z / Σ e^z", "class", "probability", labels,
            ("a = softmax(z)", steps.A), ("hardmax", steps.Hardmax))));
    }
}
