using System.Globalization;
using NotebookDL.Babysitting;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;
using NotebookDL.Init;
using NotebookDL.Regularization;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLSanityCheck : MagicDirective;

/// <summary>
/// <c>#!sanity-check</c>: the lecture's three babysitting checks before a long run, each with pass/fail:
/// the initial cost with small weights is about ln C; adding regularisation raises it; the net can overfit
/// 20 examples to training accuracy 1.00 with plain SGD and no regularisation.
/// </summary>
public sealed class SanityCheckCommand : MagicCommand<NotebookDLSanityCheck>
{
    public override string Name => "sanity-check";
    public override string Summary => "the babysitting checks: initial cost ≈ ln C, regularisation raises it, 20 examples overfit to accuracy 1.00";

    private static readonly Option<double?> LearningRate = Option.WithoutDefault(TrainingOptionTable.LearningRate,
        $"learning rate of the overfit; when not given, {string.Join(", ", SanityCheckOptions.DefaultLearningRates.Select(NumberText.Exact))} are tried in turn");

    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the checks", "sanity");

    private static readonly Option<int?> OverfitExamples = TrainingOptionTable.Examples.With(20, "examples to overfit", echo: Echo.Always);
    private static readonly Option<double> MaxSeconds =
        TrainingOptionTable.MaxSeconds.With(60, "time budget of the overfit check, all learning rates together", echo: Echo.Always);

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        TrainingOptionTable.Hidden, TrainingOptionTable.Activation,
        TrainingOptionTable.Init.With("1e-4", "weight scale of the small initial weights (any init name works)"),
        TrainingOptionTable.Reg.With(1e3, "lambda of the L2 term for the second check"),
        OverfitExamples,
        TrainingOptionTable.Epochs.With(200, "epochs of plain SGD on them"),
        LearningRate,
        TrainingOptionTable.Seed.With(help: "seed of the weights and the shuffles"),
        MaxSeconds,
        As,
    ];

    public override IReadOnlyList<string> Examples { get; } = ["#!sanity-check", "#!sanity-check --hidden 100,50 --reg 10"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var examples = c.Get(OverfitExamples)!.Value;
        double? lr = c.Get(LearningRate);
        var name = c.Get(As);

        var data = c.Session.Data;
        var train = data.Train;
        if (examples > train.Count) throw new CommandException($"--examples {examples} is more than the {train.Count} training examples of {data.Name}");
        var settings = TrainSettings.For(c);
        var architecture = settings.Network(train.Features, train.Classes, null) with { Regularizer = Regularizer.None };
        WorkGuard.CheckTraining(architecture, new TrainOptions { BatchSize = Math.Min(examples, 200) }, train.Count);

        var status = $"overfitting {examples} examples with plain SGD";
        var live = c.Live(Html.Detail(status + "…"), status + "…");
        var checks = SanityCheck.Run(architecture, train, new SanityCheckOptions
        {
            Lambda = c.Get(TrainingOptionTable.Reg), Examples = examples, Epochs = c.Get(TrainingOptionTable.Epochs), LearningRates = lr is double given ? [given] : SanityCheckOptions.DefaultLearningRates,
            MaxDuration = TimeSpan.FromSeconds(c.Get(MaxSeconds)),
        }, new ImmediateProgress<OverfitProgress>(p =>
        {
            var line = SanityChecksFormatter.Progress(status, p);
            live.Replace(new HtmlOutput(Html.Detail(line), line));
        }), c.CancellationToken);
        var ended = $"{status}: {SanityChecksFormatter.Ended(checks)}";
        live.Replace(new HtmlOutput(Html.Detail(ended), ended));

        var stored = await c.StoreAsync(name, checks);
        c.Show(SanityChecksFormatter.Html(checks, $"{c.Values.Echo("#!sanity-check")} · data: {data.Name} · {stored}"),
            checks.ToString());
        c.Show(Chart.From(SanityChecksFormatter.Figure(checks)));
    }
}
