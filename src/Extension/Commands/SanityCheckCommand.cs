using System.Globalization;
using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Init;
using NotebookDL.Regularization;
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
        MlpOptions Architecture(Regularizer r) => new()
        {
            InputSize = train.Features, Classes = train.Classes, Hidden = hidden, Activation = activation, Init = init,
            Regularizer = r, Seed = seed,
        };
        WorkGuard.CheckTraining(Architecture(Regularizer.None), new TrainSettings { Batch = Math.Min(examples, 200) }, train.Count);

        // 1. The initial cost with small weights and no regularisation: -log(1/C) = ln C when every class is equally likely.
        double lnC = Math.Log(train.Classes);
        var probe = train.Take(Math.Min(train.Count, 1000));
        double initial = Mlp.Create(Architecture(Regularizer.None)).Cost(probe.X, probe.Y).Cost;
        bool initialOk = Math.Abs(initial - lnC) < 0.05 * lnC;
        // 2. The same weights with L2: the cost goes up by 0.5·λ·ΣW².
        double regularised = Mlp.Create(Architecture(Regularizer.L2(reg))).Cost(probe.X, probe.Y).Cost;
        bool regOk = regularised > initial;
        // 3. Overfit a tiny subset with plain SGD.
        var tiny = train.Take(examples, $"{train.Name} (first {examples})");
        var tries = new List<(double Lr, TrainingHistory History)>();
        var budget = TimeSpan.FromSeconds(ClassroomLimits.Budget(maxSeconds));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = $"overfitting {examples} examples with plain SGD";
        var live = c.Live(Html.Detail(status + "…"), status + "…");
        foreach (var rate in lr is double given ? [given] : OverfitRates)
        {
            var line = status + string.Concat(tries.Select(t => string.Format(CultureInfo.InvariantCulture, "; lr {0} → train accuracy {1:F2}", Html.Num(t.Lr), t.History.Epochs.LastOrDefault()?.TrainAccuracy ?? 0)))
                       + string.Format(CultureInfo.InvariantCulture, "; trying lr {0} ({1:F1} s of {2:G3} s used)…", Html.Num(rate), clock.Elapsed.TotalSeconds, budget.TotalSeconds);
            live.Replace(new HtmlOutput(Html.Detail(line), line));
            var net = Mlp.Create(Architecture(Regularizer.None));
            var history = new Trainer().Train(net, tiny, null, new TrainOptions
            {
                Optimizer = "sgd", LearningRate = rate, BatchSize = examples, Epochs = epochs, Seed = seed,
                TrainAccuracySamples = null, MaxDuration = budget - clock.Elapsed > TimeSpan.Zero ? budget - clock.Elapsed : TimeSpan.FromMilliseconds(1),
            }, c.CancellationToken);
            tries.Add((rate, history));
            // Stop at the first rate that overfits, or when cancelled or out of time (what ran is kept and shown).
            if (history.Epochs.LastOrDefault()?.TrainAccuracy == 1.0 || history.StopReason is StopReason.Cancelled or StopReason.TimeBudget) break;
        }
        var ended = tries[^1].History.StopReason switch
        {
            StopReason.Cancelled => "cancelled: the checks so far are shown",
            StopReason.TimeBudget => $"time budget of {budget.TotalSeconds:G3} s reached (--max-seconds): the checks so far are shown",
            _ => string.Format(CultureInfo.InvariantCulture, "done in {0:F1} s", clock.Elapsed.TotalSeconds),
        };
        live.Replace(new HtmlOutput(Html.Detail($"{status}: {ended}"), $"{status}: {ended}"));
        var (bestLr, overfit) = tries[^1];
        double finalAccuracy = overfit.Epochs.LastOrDefault()?.TrainAccuracy ?? 0;
        bool overfitOk = finalAccuracy == 1.0;

        var checks = new SanityChecks(lnC, initial, initialOk, reg, regularised, regOk, examples, bestLr, overfit, overfitOk,
            tries.Select(t => (t.Lr, t.History.Epochs.LastOrDefault()?.TrainAccuracy ?? 0)).ToArray());
        var stored = await c.StoreAsync(name, checks);
        var inv = CultureInfo.InvariantCulture;
        string Mark(bool ok) => ok ? "<b style=\"color:#2e7d32\">pass</b>" : "<b style=\"color:#d93025\">fail</b>";
        var rows = new[]
        {
            new[] { "initial cost ≈ ln C (small weights, no regularisation)", $"ln {train.Classes} = {Html.Fixed(lnC, 4)}", Html.Fixed(initial, 4), Mark(initialOk) },
            new[] { $"regularisation raises the cost (L2, λ = {Html.Num(reg)})", $"&gt; {Html.Fixed(initial, 4)}", Html.Fixed(regularised, 4), Mark(regOk) },
            new[] { $"overfit {examples} examples (plain SGD, no regularisation, {epochs} epochs)", "train accuracy 1.00",
                    $"{Html.Fixed(finalAccuracy, 2)} (cost {Html.Fixed(overfit.Costs.LastOrDefault(), 4)}, lr {Html.Num(bestLr)})", Mark(overfitOk) },
        };
        var triesLine = tries.Count > 1
            ? "learning rates tried for the overfit: " + string.Join(", ", tries.Select(t => string.Format(inv, "{0} → train accuracy {1:F2}", Html.Num(t.Lr), t.History.Epochs.LastOrDefault()?.TrainAccuracy ?? 0)))
            : null;
        c.Show(Html.Block(
                Html.Heading("sanity checks (babysitting the learning process)"),
                Html.Table(["check", "expected", "observed", ""], rows),
                triesLine is null ? null : Html.Detail(triesLine),
                Html.Note(checks.AllPassed
                    ? "all three checks pass: the loss, the gradients and the update work; go on to find a learning rate that makes the loss go down"
                    : "a check failed: fix it before a long run (see the table)", checks.AllPassed ? "ok" : "bad"),
                Html.Detail($"#!sanity-check --hidden {string.Join(",", hidden)} --activation {activation} --init {initText} --reg {reg.ToString(inv)} --examples {examples} --epochs {epochs}" +
                            (lr is double l ? $" --lr {l.ToString(inv)}" : "") + $" --seed {seed} --max-seconds {maxSeconds.ToString(inv)} · data: {data.Name} · {stored}")),
            checks.ToString());
        c.Show(Chart.From(FigureSpec.Lines($"overfitting {examples} examples (lr {Html.Num(bestLr)})", "iteration", "cost",
            ("cost", Enumerable.Range(1, overfit.Costs.Count).Select(i => (double)i).ToArray(), overfit.Costs.ToArray()))));
    }
}

/// <summary>The outcome of the three babysitting checks.</summary>
public sealed record SanityChecks(
    double LnC, double InitialCost, bool InitialCostOk,
    double Lambda, double RegularizedCost, bool RegularizationOk,
    int Examples, double OverfitLearningRate, TrainingHistory Overfit, bool OverfitOk,
    (double LearningRate, double TrainAccuracy)[] OverfitTries)
{
    public bool AllPassed => InitialCostOk && RegularizationOk && OverfitOk;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "initial cost {0:F4} vs ln C = {1:F4}: {2}\ncost with L2 λ={3:G3}: {4:F4}: {5}\noverfit {6} examples: train accuracy {7:F2} at lr {8:G3}: {9}",
        InitialCost, LnC, InitialCostOk ? "pass" : "fail", Lambda, RegularizedCost, RegularizationOk ? "pass" : "fail",
        Examples, Overfit.Epochs.LastOrDefault()?.TrainAccuracy ?? 0, OverfitLearningRate, OverfitOk ? "pass" : "fail");
}
