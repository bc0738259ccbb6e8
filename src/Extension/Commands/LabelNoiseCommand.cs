using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLLabelNoise : MagicDirective;

/// <summary>
/// <c>#!label-noise --rates 0.1,0.2,0.3</c>: the same network trained on the current data with clean labels, then
/// with random and with systematic wrong labels at each rate, every one measured on the clean dev set. Random
/// noise barely hurts; systematic noise at the same rate hurts a lot.
/// </summary>
public sealed class LabelNoiseCommand : MagicCommand<NotebookDLLabelNoise>
{
    /// <summary>Most rates (each trains two networks).</summary>
    public const int MaxRates = 10;

    private static readonly Option<double[]> Rates = Option.Custom("--rates", "shares of training labels made wrong, comma-separated",
        LabelNoiseExperiment.DefaultRates.ToArray(), ReadRates, r => string.Join(",", r.Select(NumberText.Exact))).Echoed();

    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the LabelNoiseResult", "noise");

    public override string Name => "label-noise";
    public override string Summary => "trains on clean labels, then on random and on systematic wrong labels: how much each raises the dev error";

    public override IReadOnlyList<CommandOption> Options { get; } = [Rates, .. ExperimentSettings.All, As];

    public override IReadOnlyList<string> Examples { get; } = ["#!label-noise", "#!label-noise --rates 0.2 --epochs 10", "#!label-noise --rates 0.05,0.1,0.2,0.4"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var rates = c.Get(Rates);
        var settings = ExperimentSettings.Read(c.Values);
        var name = c.Get(As);

        var data = c.Session.Data;
        var dev = data.Splits.Val ?? throw new CommandException($"the current data ({data.Name}) has no val part to measure on: #!dataset {data.Name} --val N");
        if (data.Train.Y.Classes is null) throw new CommandException("label noise needs one class per example; the current data has multi-label targets");
        settings.CheckWork(data.Train.Features, data.Train.Classes, data.Train.Count * (1 + 2 * rates.Length));

        var experiment = new LabelNoiseExperiment();
        var result = ExperimentMonitor.Follow(c, experiment, $"label noise on {data.Name}: {1 + 2 * rates.Length} networks",
            ct => experiment.Run(data.Train, dev, settings.Options(), rates, ct));
        var stored = await c.StoreAsync(name, result);

        var line = c.Values.Echo("#!label-noise", [Rates, .. ExperimentSettings.All]);
        c.Show(Chart.From(LabelNoiseResultFormatter.Figure(result)));
        c.Show(Html.Block(
                LabelNoiseResultFormatter.Html(result),
                Html.Detail("random: each wrong label is a random other class; systematic: whole classes labelled as the next class (c → c+1), the same number of wrong labels"),
                Html.Detail($"{line} · data: {data.Description} · {stored}")),
            LabelNoiseResultFormatter.Text(result));
    }

    /// <summary>The rates of <c>--rates</c>: distinct shares in (0, 1], at most <see cref="MaxRates"/>.</summary>
    private static double[] ReadRates(string text)
    {
        var rates = Option.SplitList(text).Select(item => Option.ParseNumber(Rates.Name, item, double.NegativeInfinity, double.PositiveInfinity)).ToArray();
        if (rates.Length == 0) throw new CommandException($"--rates needs at least one number, got '{text}'");
        foreach (var r in rates)
            if (!(r > 0 && r <= 1)) throw new CommandException($"--rates takes shares in (0, 1] (0.2 for 20%), got {r.ToString(CultureInfo.InvariantCulture)}");
        if (rates.Length > MaxRates) throw new CommandException($"--rates lists {rates.Length} rates; at most {MaxRates} (each trains two networks)");
        if (rates.Distinct().Count() != rates.Length) throw new CommandException("--rates lists a rate twice");
        return rates;
    }
}
