using NotebookDL.Exercises;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLUse : MagicDirective;

/// <summary>
/// <c>#!use MyBatchNorm</c>: checks the learner's implementation and, when every case passes, plugs it into
/// the engine so that <c>#!train</c> (and <c>#!batchnorm</c>) build their networks or optimisers with it. The
/// exercise is found from the implementation's signature (and, among the activations, from the one it
/// passes), or named with <c>--layer</c> / <c>--optimizer</c>. A failing implementation is shown and not
/// plugged in, nor is one that does not return within <c>--timeout</c> seconds; the notebook runs on with the
/// engine's code. One that passes by calling the engine's own code is plugged in with the check's warning.
/// </summary>
public sealed class UseCommand : MagicCommand<NotebookDLUse>
{
    /// <summary>--layer value → (the exercise, the engine's layer kind it replaces).</summary>
    private static readonly Dictionary<string, (string Exercise, string Kind)> LayerExercises = new(StringComparer.Ordinal)
    {
        ["batchnorm"] = ("batchnorm", "BatchNorm"), ["dropout"] = ("dropout", "Dropout"), ["relu"] = ("relu-backward", "ReLU"),
        ["leaky-relu"] = ("leaky-relu-backward", "LeakyReLU"), ["sigmoid"] = ("sigmoid-backward", "Sigmoid"), ["tanh"] = ("tanh-backward", "Tanh"),
    };

    private static readonly string[] OptimizerExercises = ["momentum", "rmsprop", "adam"];

    public override string Name => "use";
    public override string Summary => "plugs your passing implementation into the engine, so #!train trains with your code (--off goes back)";

    private static readonly Option<string?> Impl = SharedOptions.Impl.With(help: "the C# variable or layer class holding your code (name optional), e.g. MyBatchNorm or adamStep").NameOptional();

    private static readonly Option<string> Layer = Option.Choice("--layer", "the layer it replaces", "", () => [.. LayerExercises.Keys])
        .With(defaultText: "found from its signature");

    /// <summary>#!train's --optimizer, taking only the optimisers that have an exercise.</summary>
    private static readonly Option<string> Optimizer = TrainingOptionTable.Optimizer.With(
        help: $"the optimiser it replaces: {string.Join(", ", OptimizerExercises)}", defaultText: "found from its signature");

    private static readonly Option<bool> Off = Option.Flag("--off", "go back to the engine's own code (for --layer / --optimizer, or everything)");
    private static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of the check's random inputs");
    private static readonly Option<double> Timeout = SharedOptions.Timeout;
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the check", "check");

    public override IReadOnlyList<CommandOption> Options { get; } = [Impl, Layer, Optimizer, Off, Seed, Timeout, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!use MyBatchNorm",
        "#!use adamStep",
        "#!use myReluBackward --layer relu",
        "#!use --off",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var layer = c.Values.Given(Layer) ? c.Get(Layer) : null;
        var optimizer = c.Values.Given(Optimizer) ? c.Get(Optimizer) : null;
        if (optimizer is not null && !OptimizerExercises.Contains(optimizer))
            throw new CommandException($"{Optimizer.Name} must be one of {string.Join(", ", OptimizerExercises)}; got '{optimizer}' (no exercise replaces it)");
        if (layer is not null && optimizer is not null) throw new CommandException($"give {Layer.Name} or {Optimizer.Name}, not both");
        int seed = c.Get(Seed);
        var variable = c.Get(As);
        var implName = c.Get(Impl);

        if (c.Get(Off))
        {
            if (implName is not null) throw new CommandException($"{Off.Name} takes no implementation: #!use --off, or #!use --off --layer batchnorm");
            var target = layer is not null ? LayerExercises[layer].Kind : optimizer;
            var removed = c.Session.Learner.StopUsing(target);
            var said = removed.Count == 0 ? "nothing of yours was plugged in" : "back to the engine's own code for " + string.Join(", ", removed.Select(r => r.Target));
            c.Show(Html.Block(Html.Note(said), InUseDetail(c)), said);
            return;
        }
        if (implName is null)
        {
            var inUse = c.Session.Learner.Describe() ?? "the engine's own code everywhere: nothing of yours is plugged in";
            c.Show(Html.Block(Html.Note(inUse), Html.Detail("Plug a passing implementation in with #!use NAME (a C# variable or layer class).")), inUse);
            return;
        }

        var implementation = ImplementationLookup.Find(c, implName, Impl.Name);
        var candidates = layer is not null ? [ExerciseCatalog.Find(LayerExercises[layer].Exercise)]
            : optimizer is not null ? [ExerciseCatalog.Find(optimizer)]
            : ExerciseCatalog.All.Where(e => e.Pluggable && e.Accepts(implementation)).ToList();
        if (candidates.Count == 0)
            throw new CommandException($"{implName} fits none of the exercises that can be plugged in ({string.Join(", ", ExerciseCatalog.All.Where(e => e.Pluggable).Select(e => e.Name))}): " +
                                       "check it with #!check first, or say which with --layer / --optimizer");

        UseResult? best = null;
        foreach (var exercise in candidates)
        {
            var replacement = exercise.Plug(implementation, out var check, seed, implName, TimeSpan.FromSeconds(c.Get(Timeout)));
            c.Session.Learner.Record(check);
            var attempt = new UseResult(check, replacement);
            if (replacement is not null)
            {
                c.Session.Learner.Use(replacement);
                best = attempt;
                break;
            }
            if (best is null || check.PassedCount > best.Check.PassedCount || check.TimedOut) best = attempt;
            // Code that ran away would run away again for the next candidate, one more core each time.
            if (check.TimedOut) break;
        }
        var stored = await c.StoreAsync(variable, best!);
        var ambiguous = !best!.Plugged && candidates.Count > 1
            ? Html.Detail($"{implName} fits {string.Join(", ", candidates.Select(e => e.Name))} and passes none; the table shows the closest. Say which with --layer.")
            : null;
        c.Show(Html.Block(ExerciseResultFormatter.Html(best), ambiguous, InUseDetail(c),
                Html.Detail($"#!use {implName}{(layer is null ? "" : " --layer " + layer)}{(optimizer is null ? "" : " --optimizer " + optimizer)} --seed {seed} · {stored}")),
            ExerciseResultFormatter.Text(best));
    }

    private static string InUseDetail(CommandContext c) => Html.Detail("Now in use: " + (c.Session.Learner.Describe() ?? "the engine's own code everywhere"));
}
