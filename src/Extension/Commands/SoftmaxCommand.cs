using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Formatters;
using NotebookDL.Losses;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLSoftmax : MagicDirective;

/// <summary>
/// <c>#!softmax [5,2,-1,3]</c>: the lecture's softmax steps z → t = e^z → Σt → a = t/Σt, hardmax, and with
/// <c>--y</c> the loss -log a_y and dZ = a - y; a bar chart of the probabilities. Bare, the course's scores [5,2,-1,3].
/// </summary>
public sealed class SoftmaxCommand : MagicCommand<NotebookDLSoftmax>
{
    public override string Name => "softmax";
    public override string Summary => "softmax of a score vector step by step: t = e^z, sum(t), a = t / sum(t), hardmax, loss and dZ";

    /// <summary>The scores a bare <c>#!softmax</c> takes: the course's example (notebook 1), whose first probability is 0.842.</summary>
    internal static readonly double[] CourseScores = [5, 2, -1, 3];

    private static readonly Option<double[]?> Z = Option.Numbers("--z", "the scores z, as [5,2,-1,3] or 5,2,-1,3",
        defaultText: $"[{string.Join(",", CourseScores)}], the course's example").NameOptional();
    private static readonly Option<string[]?> Labels = Option.Words("--labels", "class names, comma-separated (e.g. cat,dog,chick,none)").Echoed(Echo.UnlessDefault);
    private static readonly Option<int?> Y = Option.OptionalWhole("--y", "index of the true class (0 to the number of scores - 1): shows the loss -log a_y and dZ = a - y").Echoed(Echo.UnlessDefault);
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the result", "softmax");

    public override IReadOnlyList<CommandOption> Options { get; } = [Z, Labels, Y, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!softmax",
        "#!softmax [3.2,5.1,-1.7] --labels cat,car,frog --y 0",
        "#!softmax 5,2,-1,3 --labels cat,dog,chick,none --y 0",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var z = c.Get(Z) ?? CourseScores;
        if (z.Length > 1000) throw new CommandException($"{Z.Name} has {z.Length} scores; softmax's step-by-step view takes at most 1000");
        var labels = c.Get(Labels) ?? Enumerable.Range(0, z.Length).Select(i => $"class {i}").ToArray();
        if (labels.Length != z.Length)
            throw new CommandException($"{Labels.Name} names {labels.Length} classes but there are {z.Length} scores");
        int? y = c.Get(Y);
        if (y < 0 || y >= z.Length) throw new CommandException($"{Y.Name} must be a whole number between 0 and {z.Length - 1}, got {y}");
        var name = c.Get(As);

        var steps = Softmax.Steps(z);
        var stored = await c.StoreAsync(name, steps);
        var echo = $"#!softmax [{Z.Format(z)}] {c.Values.Echo("")}".TrimEnd(); // the scores bare, as typed first
        c.Show(SoftmaxFormatter.Html(steps, labels, y) + Html.Detail($"{echo} · {stored}"),
               SoftmaxFormatter.Text(steps, labels, y));
        c.Show(Chart.From(Figure(steps, labels)));
    }

    /// <summary>The bar chart of the probabilities and the hardmax, one pair of bars per class.</summary>
    internal static FigureSpec Figure(SoftmaxSteps steps, string[] labels) => FigureSpec.Bars(
        "softmax probabilities a = e^z / Σ e^z", "class", "probability", labels,
        ("a = softmax(z)", steps.A), ("hardmax", steps.Hardmax));
}
