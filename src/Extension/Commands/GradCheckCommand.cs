using NotebookDL.Extension.Formatters;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Regularization;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLGradCheck : MagicDirective;

/// <summary>
/// <c>#!gradcheck --hidden 10,10 --batchnorm</c>: builds a small network on random data and compares every
/// parameter's backprop gradient with the centred difference (f(x + h) − f(x − h)) / 2h, cs231n's check
/// before training: a relative error below 1e-7 means the backward pass is right.
/// </summary>
public sealed class GradCheckCommand : MagicCommand<NotebookDLGradCheck>
{
    /// <summary>Features of the random input.</summary>
    public const int Inputs = 10;

    /// <summary>Classes of the random labels.</summary>
    public const int Classes = 4;

    /// <summary>Examples in the random batch.</summary>
    public const int BatchSize = 8;

    /// <summary>Widest hidden layer accepted.</summary>
    public const int MaxUnits = 100;

    /// <summary>Most hidden layers accepted.</summary>
    public const int MaxLayers = 5;

    /// <summary>Most parameters accepted: each costs two forward passes (about 3 s at this size).</summary>
    public const int MaxParameters = 15_000;

    public override string Name => "gradcheck";
    public override string Summary => "numerical gradient check of a small network: backprop's gradient of every parameter against centred differences (pass below 1e-7)";

    private static readonly Option<int[]> Hidden = TrainingOptionTable.Hidden.With(new[] { 10 },
        $"hidden layer widths, e.g. 50 or 10,10 (each at most {MaxUnits}, at most {MaxLayers} layers; 0 = none: softmax regression)");

    private static readonly Option<string> Activation = TrainingOptionTable.Activation.With("tanh");

    private static readonly Option<double> Dropout = TrainingOptionTable.Dropout.With(
        help: "dropout probability after every hidden activation (the mask is frozen during the check)", echo: Echo.Always);

    private static readonly Option<double> Reg = TrainingOptionTable.Reg.With(help: "L2 strength λ: the cost adds 0.5·λ·ΣW²");

    private static readonly Option<string> Init = TrainingOptionTable.Init.With("xavier-normal", "how W starts (xavier-normal keeps the gradients large enough to check)");

    private static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of the weights and the random data");

    private static readonly Option<Dtype> CheckDtype = TrainingOptionTable.Dtype.With(help:
        $"the precision of the network and of the check: {string.Join(", ", Dtypes.Names)} (float32 shows why checks run in float64: the centred difference loses its digits)");

    private static readonly Option<double> Step = Option.Number("--step",
        "h of the centred difference (f(x + h) − f(x − h)) / 2h: its error grows as h², rounding's as 1/h", GradientCheckOptions.Default.Step, 1e-12, 1).Echoed(Echo.UnlessDefault);

    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the report", "gradcheck");

    public override IReadOnlyList<CommandOption> Options { get; } =
        [Hidden, TrainingOptionTable.BatchNorm, Activation, Dropout, Reg, Init, Seed, CheckDtype, Step, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!gradcheck",
        "#!gradcheck --hidden 10,10 --batchnorm",
        "#!gradcheck --activation relu --dropout 0.5 --reg 0.1",
        "#!gradcheck --dtype float32",
        "#!gradcheck --dtype float32 --step 1e-2",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var hidden = c.Get(Hidden);
        var tooWide = hidden.FirstOrDefault(h => h > MaxUnits);
        if (tooWide > 0)
            throw new CommandException($"{Hidden.Name} {string.Join(",", hidden)}: a layer of {tooWide} units is too wide for a gradient check, which runs two forward passes per parameter; " +
                                       $"use at most {MaxUnits} units per layer (the check does not need a big net to find a bug)");
        if (hidden.Length > MaxLayers)
            throw new CommandException($"{Hidden.Name} lists {hidden.Length} layers; a gradient check needs at most {MaxLayers}");
        bool batchNorm = c.Get(TrainingOptionTable.BatchNorm);
        double dropout = c.Get(Dropout);
        double reg = c.Get(Reg);
        var init = Initializer.Parse(c.Get(Init));
        int seed = c.Get(Seed);
        var name = c.Get(As);

        var net = Mlp.Create(new MlpOptions
        {
            InputSize = Inputs, Classes = Classes, Hidden = hidden, Activation = c.Get(Activation), Init = init, BatchNorm = batchNorm,
            Dropout = dropout, Regularizer = reg > 0 ? Regularizer.L2(reg) : Regularizer.None, Seed = seed,
        });
        if (net.ParameterCount > MaxParameters)
            throw new CommandException($"{Hidden.Name} {string.Join(",", hidden)} gives {net.ParameterCount:N0} parameters; checking them takes two forward passes each, " +
                                       $"about {EstimatedSeconds(net.ParameterCount):N0} s; the limit is {MaxParameters:N0} parameters (e.g. --hidden 50 or 10,10)");

        c.CancellationToken.ThrowIfCancellationRequested();
        var dtype = c.Get(CheckDtype);
        var options = GradientCheckOptions.Default with { Step = c.Get(Step) };
        var report = dtype == Dtype.Float32
            ? GradientCheck.OnRandomBatch(Precision.Convert<double, float>(net), BatchSize, seed, options) // the same weights, rounded
            : GradientCheck.OnRandomBatch(net, BatchSize, seed, options);

        var stored = await c.StoreAsync(name, report);
        var line = c.Values.Echo("#!gradcheck");
        int[] widths = [Inputs, .. hidden, Classes];
        var setup = $"network {string.Join(" → ", widths)}: {string.Join(" → ", net.Layers.Select(l => l.Name))}; " +
                    $"{net.ParameterCount:N0} parameters, W from {init}; data: X = randn({BatchSize}, {Inputs}) and {BatchSize} random labels of {Classes} classes; " +
                    $"cost J = softmax loss{(reg > 0 ? " + 0.5·λ·ΣW²" : "")}, forward passes in training mode" +
                    (dropout > 0 ? " with one dropout mask kept fixed" : "") +
                    (dtype == Dtype.Float32 ? "; in float32: the same backprop code, but f(x ± h) keep about 7 digits, so their difference keeps few: check in float64" : "");
        c.Show(Html.Block(GradientCheckReportFormatter.Html(report), Html.Detail(setup), Html.Detail($"{line} · {stored}")),
               GradientCheckReportFormatter.Text(report));
    }

    /// <summary>Rough seconds for a check of <paramref name="parameters"/> parameters: two forward passes each, each pass ∝ the net's size (measured: 11,604 in 2.3 s).</summary>
    private static double EstimatedSeconds(int parameters) => 1.7e-8 * parameters * (double)parameters;
}
