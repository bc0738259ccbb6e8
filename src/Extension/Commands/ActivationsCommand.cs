using System.Globalization;
using NotebookDL.Extension.Formatters;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Probes;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLActivations : MagicDirective;

/// <summary>
/// <c>#!activations --init small,large,xavier</c>: the lecture's initialisation demo. X = randn(samples, units)
/// goes through <c>layers</c> hidden layers H = f(H·W) of <c>units</c> units; per layer the mean, std and
/// saturated share of the activations, their histograms and the std per layer, for one or several inits.
/// </summary>
public sealed class ActivationsCommand : MagicCommand<NotebookDLActivations>
{
    /// <summary>At most this many weights (layers·units²): 200 MB of float64.</summary>
    public const long MaxWeights = 25_000_000;

    /// <summary>At most this many activations (samples·units·layers): each is cached twice, so about 400 MB.</summary>
    public const long MaxActivations = 25_000_000;

    /// <summary>At most this estimated run time in seconds, over all inits.</summary>
    public const double MaxSeconds = 30;

    /// <summary>Multiply-adds per second of the engine's matrix product on a small machine (2 cores; measured ~2e9).</summary>
    public const double MultiplyAddsPerSecond = 2e9;

    /// <summary>The registered activations a layer stack H = f(H·W) can use: the element-wise ones, without weights of their own.</summary>
    private static string[] ElementwiseActivations => [.. ActivationRegistry.Entries.Where(e => e.IsElementwise).Select(e => e.Name)];

    public override string Name => "activations";
    public override string Summary => "the initialisation demo: activation mean, std, saturation and histograms per layer of a deep net, for one or several inits";

    public override IReadOnlyList<CommandOption> Options =>
    [
        new OptionSpec("--init", $"how W starts: {InitializerRegistry.Described}, gaussian:0.05 or a bare scale; a comma list compares them", "small", Implicit: true),
        new OptionSpec("--scale", "W = scale·randn (overrides --init)"),
        new OptionSpec("--activation", string.Join(", ", ElementwiseActivations), "tanh"),
        new OptionSpec("--layers", "hidden layers, 1..100", "10"),
        new OptionSpec("--units", "units per layer (and input width), 1..5000", "500"),
        new OptionSpec("--samples", "rows of X = randn(samples, units), 1..20000", "1000"),
        new OptionSpec("--seed", "seed of X and of the weights", "0"),
        new OptionSpec("--as", "name of the C# variable that keeps the report(s)", "activations"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!activations --init small",
        "#!activations --init small,large,xavier",
        "#!activations --init xavier,he --activation relu",
        "#!activations --scale 0.05 --layers 5 --units 200",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var o = c.Options;
        var inits = ReadInits(o);
        var activation = o.Choice("--activation", "tanh", ElementwiseActivations);
        int layers = o.Int("--layers", 10, min: 1);
        int units = o.Int("--units", 500, min: 1);
        int samples = o.Int("--samples", 1000, min: 1);
        CheckBudget(layers, units, samples, inits.Count);
        // The sizes are within the budget; the ranges keep the tables and charts readable.
        layers = o.Int("--layers", 10, 1, 100);
        units = o.Int("--units", 500, 1, 5000);
        samples = o.Int("--samples", 1000, 1, 20_000);
        int seed = o.Int("--seed", 0);
        var name = o.VariableName("activations");

        var reports = new Dictionary<string, ActivationReport>();
        foreach (var (key, init) in inits)
        {
            c.CancellationToken.ThrowIfCancellationRequested();
            reports[key] = ActivationStats.DeepNetExperiment(layers, units, samples, activation, init, seed);
        }

        var line = $"#!activations --init {string.Join(",", inits.Select(i => i.Key))} --activation {activation} --layers {layers} --units {units} --samples {samples} --seed {seed}";
        var meaning = "W per layer (" + units.ToString(CultureInfo.InvariantCulture) + " → " + units.ToString(CultureInfo.InvariantCulture) + ", no bias): " +
                      string.Join("; ", inits.Select(i => $"{i.Key} = {i.Init}, std {Html.Num(i.Init.Std(units, units), 3)}")) +
                      (inits.Any(i => i.Init == Initializer.XavierUniform) ? $". Xavier uniform has the std of randn/√fan_in when fan_in = fan_out (1/√{units} = {Html.Num(1 / Math.Sqrt(units), 3)})" : "");
        if (reports.Count == 1)
        {
            var report = reports.Values.Single();
            var stored = await c.StoreAsync(name, report);
            c.Show(Html.Block(ActivationReportFormatter.Html(report), Html.Detail(meaning), Html.Detail($"{line} · {stored}")),
                   ActivationReportFormatter.Text(report));
            foreach (var chart in ActivationReportFormatter.Charts(report)) c.Show(chart);
        }
        else
        {
            var stored = await c.StoreAsync(name, reports);
            c.Show(Html.Block(ActivationReportFormatter.Html(reports), Html.Detail(meaning), Html.Detail($"{line} · {stored}")),
                   ActivationReportFormatter.Text(reports));
            foreach (var chart in ActivationReportFormatter.Charts(reports)) c.Show(chart);
        }
    }

    /// <summary>The inits to compare, keyed by how they were typed.</summary>
    private static IReadOnlyList<(string Key, Initializer Init)> ReadInits(OptionReader o)
    {
        if (o.OptionalDouble("--scale", 0, 1000) is double scale)
            return [($"gaussian:{scale.ToString("G4", CultureInfo.InvariantCulture)}", Initializer.Gaussian(scale))];
        var names = o.Words("--init") ?? ["small"];
        if (names.Length > 8) throw new CommandException($"--init lists {names.Length} inits; compare at most 8 at a time");
        var result = new List<(string, Initializer)>();
        foreach (var raw in names)
        {
            var key = raw.ToLowerInvariant();
            if (result.Any(r => r.Item1 == key)) throw new CommandException($"--init names '{key}' twice");
            try
            {
                result.Add((key, Initializer.Parse(key)));
            }
            catch (ArgumentException e)
            {
                throw new CommandException($"--init: {e.Message}");
            }
        }
        return result;
    }

    /// <summary>Refuses, before any work, a run that would not fit in memory or would keep the kernel busy for long.</summary>
    public static void CheckBudget(int layers, int units, int samples, int inits)
    {
        // In double: the sizes as typed may overflow a long before they are refused.
        double weights = (double)layers * units * units;
        double activations = (double)samples * units * layers;
        double seconds = (double)samples * units * units * layers * inits / MultiplyAddsPerSecond;
        double bytes = 8.0 * (weights + 2.0 * activations + (double)samples * units);
        if (weights <= MaxWeights && activations <= MaxActivations && seconds <= MaxSeconds) return;
        var over = new List<string>();
        if (weights > MaxWeights) over.Add($"{weights:N0} weights (limit {MaxWeights:N0})");
        if (activations > MaxActivations) over.Add($"{activations:N0} activations (limit {MaxActivations:N0})");
        if (seconds > MaxSeconds) over.Add($"about {Duration(seconds)} of matrix products (limit {MaxSeconds:N0} s)");
        throw new CommandException(
            $"{layers:N0} layers of {units:N0} units on {samples:N0} samples{(inits > 1 ? $" for {inits} inits" : "")} is too big: " +
            $"it needs {string.Join(" and ", over)}, about {Bytes(bytes)} of memory. " +
            "The lecture's demo is --layers 10 --units 500 --samples 1000; make --units, --layers or --samples smaller");
    }

    private static string Bytes(double b) =>
        b >= 1e12 ? $"{b / 1e12:N0} TB" : b >= 1e9 ? $"{b / 1e9:N1} GB" : $"{b / 1e6:N0} MB";

    private static string Duration(double s) =>
        s >= 86400 ? $"{s / 86400:N0} days" : s >= 3600 ? $"{s / 3600:N1} hours" : s >= 120 ? $"{s / 60:N0} minutes" : $"{s:N0} s";
}
