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

    /// <summary>The most hidden layers, units per layer and rows of X, past the budget check: they keep the tables and charts readable.</summary>
    public const int MaxLayers = 100, MaxUnits = 5000, MaxSamples = 20_000;

    /// <summary>The most inits compared at once.</summary>
    public const int MaxInits = 8;

    /// <summary>
    /// <c>#!train</c>'s <c>--init</c>, each value read by its declaration; here a comma list compares several, each kept with
    /// the text that named it.
    /// </summary>
    private static readonly Option<IReadOnlyList<(string Key, Initializer Init)>> Inits = Option.Custom<IReadOnlyList<(string Key, Initializer Init)>>(
        TrainingOptionTable.Init.Name,
        () => $"how W starts: {InitializerRegistry.Described}, gaussian:0.05 or a bare scale; a comma list compares them",
        [("small", Initializer.Parse("small"))], ReadInits, inits => string.Join(",", inits.Select(i => i.Key)))
        .NameOptional().Echoed();

    private static readonly Option<double?> Scale = Option.OptionalNumber("--scale", "W = scale·randn (overrides --init)", 0, 1000);

    /// <summary><c>#!train</c>'s <c>--activation</c>, narrowed to the registered activations a stack H = f(H·W) can use.</summary>
    private static readonly Option<string> Activation = Option.Choice(TrainingOptionTable.Activation.Name,
        "the activation of every layer (the element-wise ones)", "tanh", () => ElementwiseActivations).Echoed();

    // Only ≥ 1 when read: the budget check comes first, so that a size far too big says how much it would take; the maxima after.
    private static readonly Option<int> Layers = Option.Whole("--layers", $"hidden layers, 1..{MaxLayers}", 10, 1).Echoed();
    private static readonly Option<int> Units = Option.Whole("--units", $"units per layer (and input width), 1..{MaxUnits}", 500, 1).Echoed();
    private static readonly Option<int> Samples = Option.Whole("--samples", $"rows of X = randn(samples, units), 1..{MaxSamples}", 1000, 1).Echoed();

    private static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of X and of the weights");
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the report(s)", "activations");

    public override IReadOnlyList<CommandOption> Options { get; } = [Inits, Scale, Activation, Layers, Units, Samples, Seed, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!activations --init small",
        "#!activations --init small,large,xavier",
        "#!activations --init xavier,he --activation relu",
        "#!activations --scale 0.05 --layers 5 --units 200",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var inits = c.Get(Scale) is double scale
            ? [($"gaussian:{scale.ToString("G4", CultureInfo.InvariantCulture)}", Initializer.Gaussian(scale))]
            : c.Get(Inits);
        var activation = c.Get(Activation);
        int layers = c.Get(Layers), units = c.Get(Units), samples = c.Get(Samples);
        CheckBudget(layers, units, samples, inits.Count);
        AtMost(Layers, layers, MaxLayers);
        AtMost(Units, units, MaxUnits);
        AtMost(Samples, samples, MaxSamples);
        int seed = c.Get(Seed);
        var name = c.Get(As);

        var reports = new Dictionary<string, ActivationReport>();
        foreach (var (key, init) in inits)
        {
            c.CancellationToken.ThrowIfCancellationRequested();
            reports[key] = ActivationStats.DeepNetExperiment(layers, units, samples, activation, init, seed);
        }

        var line = c.Values.With(Inits, inits).Echo("#!activations"); // --scale written as the init it makes
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

    /// <summary>The inits to compare, keyed by how they were typed (lower case), each read by <c>#!train</c>'s <c>--init</c>.</summary>
    private static IReadOnlyList<(string Key, Initializer Init)> ReadInits(string text)
    {
        var names = Option.SplitList(text);
        if (names.Length == 0) throw new CommandException($"{Inits.Name} needs at least one value, got '{text}'");
        if (names.Length > MaxInits) throw new CommandException($"{Inits.Name} lists {names.Length} inits; compare at most {MaxInits} at a time");
        var result = new List<(string Key, Initializer Init)>();
        foreach (var raw in names)
        {
            var key = raw.ToLowerInvariant();
            if (result.Any(r => r.Key == key)) throw new CommandException($"{Inits.Name} names '{key}' twice");
            result.Add((key, Initializer.Parse((string)TrainingOptionTable.Init.Parse(key)!)));
        }
        return result;
    }

    /// <summary>Refuses a size over its maximum, as the option's range would.</summary>
    private static void AtMost(Option<int> option, int value, int max)
    {
        if (value > max) throw new CommandException($"{option.Name} must be a whole number between 1 and {max}, got {value}");
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
