using System.Globalization;
using NotebookDL.Babysitting;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;
using NotebookDL.Init;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLSanityCheck : MagicDirective;

/// <summary>
/// <c>#!sanity-check</c>: the lecture's three babysitting checks before a long run, each with pass/fail:
/// the initial cost with small weights is about ln C; adding regularisation raises it; the net can overfit
/// 20 examples to training accuracy 1.00 with plain SGD and no regularisation.
/// </summary>
public sealed class SanityCheckCommand : MagicCommand<NotebookDLSanityCheck>
{
    /// <summary>Learning rates tried in turn for the overfit check when --lr is not given.</summary>
    private static readonly double[] OverfitRates = [1e-3, 1e-2, 1e-1, 1];

    public override string Name => "sanity-check";
    public override string Summary => "the babysitting checks: initial cost ≈ ln C, regularisation raises it, 20 examples overfit to accuracy 1.00";

    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("--hidden", "hidden layer sizes, e.g. 50 or 100,50", "50"),
        new("--activation", NotebookDL.Layers.ActivationRegistry.NameList, "relu"),
        new("--init", "weight scale of the small initial weights (any init name works)", "1e-4"),
        new("--reg", "lambda of the L2 term for the second check", "1e3"),
        new("--examples", "examples to overfit", "20"),
        new("--epochs", "epochs of plain SGD on them", "200"),
        new("--lr", "learning rate of the overfit; when not given, 1e-3, 1e-2, 1e-1 and 1 are tried in turn"),
        new("--seed", "seed of the weights and the shuffles", "0"),
        new("--max-seconds", "time budget of the overfit check, all learning rates together", "60"),
        new("--as", "name of the C# variable that keeps the checks", "sanity"),
    ];

    public override IReadOnlyList<string> Examples { get; } = ["#!sanity-check", "#!sanity-check --hidden 100,50 --reg 10"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var o = c.Options;
        var hidden = o.Ints("--hidden", 1, 100_000) ?? [50];
        var activation = o.Choice("--activation", "relu", TrainSettings.Activations);
        var initText = o.Text("--init") ?? "1e-4";
        Initializer init;
        try { init = Initializer.Parse(initText); }
        catch (ArgumentException e) { throw new CommandException("--init: " + e.Message); }
        double reg = o.Double("--reg", 1e3, 0, 1e12);
        int examples = o.Int("--examples", 20, 1, 10_000);
        int epochs = o.Int("--epochs", 200, 1, 100_000);
        double? lr = o.OptionalDouble("--lr", 0, 1e6);
        int seed = o.Int("--seed", 0);
        double maxSeconds = o.Double("--max-seconds", 60, 0.1, 86_400);
        var name = o.VariableName("sanity");

        var data = NotebookState.Data;
        var train = data.Train;
        if (examples > train.Count) throw new CommandException($"--examples {examples} is more than the {train.Count} training examples of {data.Name}");
        var architecture = new MlpOptions
        {
            InputSize = train.Features, Classes = train.Classes, Hidden = hidden, Activation = activation, Init = init, Seed = seed,
        };
        WorkGuard.CheckTraining(architecture, new TrainSettings { Batch = Math.Min(examples, 200) }, train.Count);

        var status = $"overfitting {examples} examples with plain SGD";
        var live = c.Live(Html.Detail(status + "…"), status + "…");
        var checks = SanityCheck.Run(architecture, train, new SanityCheckOptions
        {
            Lambda = reg, Examples = examples, Epochs = epochs, LearningRates = lr is double given ? [given] : SanityCheckOptions.DefaultLearningRates,
            MaxDuration = TimeSpan.FromSeconds(ClassroomLimits.Budget(maxSeconds)),
        }, new ImmediateProgress<OverfitProgress>(p =>
        {
            var line = SanityChecksFormatter.Progress(status, p);
            live.Replace(new HtmlOutput(Html.Detail(line), line));
        }), c.CancellationToken);
        var ended = $"{status}: {SanityChecksFormatter.Ended(checks)}";
        live.Replace(new HtmlOutput(Html.Detail(ended), ended));

        var stored = await c.StoreAsync(name, checks);
        var inv = CultureInfo.InvariantCulture;
        c.Show(SanityChecksFormatter.Html(checks,
                $"#!sanity-check --hidden {string.Join(",", hidden)} --activation {activation} --init {initText} --reg {reg.ToString(inv)} --examples {examples} --epochs {epochs}" +
                (lr is double l ? $" --lr {l.ToString(inv)}" : "") + $" --seed {seed} --max-seconds {maxSeconds.ToString(inv)} · data: {data.Name} · {stored}"),
            checks.ToString());
        c.Show(Chart.From(SanityChecksFormatter.Figure(checks)));
    }
}
