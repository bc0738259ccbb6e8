using NotebookDL.Exercises;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLCheck : MagicDirective;

/// <summary>
/// <c>#!check softmax --impl mySoftmax</c>: runs the learner's code held in a C# variable (or a layer class
/// declared in the notebook) against the engine on seeded random inputs and shows the pass/fail table with
/// relative errors and hints. A failed check is a result, not an error; so is code that does not return within
/// <c>--timeout</c> seconds (an endless loop), and the notebook runs on. Without an exercise: the exercise list.
/// </summary>
public sealed class CheckCommand : MagicCommand<NotebookDLCheck>
{
    public override string Name => "check";
    public override string Summary => "checks your implementation of an exercise against the engine: a pass/fail table with errors and hints";

    private static readonly Option<ExerciseDefinition?> Exercise = Option.Custom<ExerciseDefinition?>("--exercise",
        $"the exercise: {string.Join(", ", ExerciseCatalog.Names)} (name optional; none lists them)", null, Find, e => e?.Name ?? "").NameOptional();

    private static readonly Option<string?> Impl = SharedOptions.Impl.With(help: "the C# variable holding your function (var mySoftmax = MySoftmax;), or your layer class's name", echo: Echo.Always);
    private static readonly Option<bool> List = Option.Flag("--list", "list the exercises with what to write and this notebook's last check of each");
    private static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of the random inputs");
    private static readonly Option<double> Timeout = SharedOptions.Timeout;
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the result", "check");

    public override IReadOnlyList<CommandOption> Options { get; } = [Exercise, Impl, List, Seed, Timeout, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!check --list",
        "#!check softmax --impl mySoftmax",
        "#!check batchnorm --impl MyBatchNorm --seed 1",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var exercise = c.Get(Exercise);
        if (c.Get(List) || exercise is null)
        {
            if (c.Values.Given(Impl)) throw new CommandException("say which exercise to check, e.g. #!check softmax --impl mySoftmax");
            var board = c.Session.Board;
            c.Show(ExerciseBoardFormatter.Html(board), ExerciseBoardFormatter.Text(board));
            return;
        }
        var implName = c.Get(Impl)
                       ?? throw new CommandException($"{Impl.Name} is required: the C# variable (or layer class) holding your code, e.g. #!check {exercise.Name} --impl my{Pascal(exercise.Name)}");
        var variable = c.Get(As);
        var implementation = ImplementationLookup.Find(c, implName, Impl.Name);

        var result = exercise.Check(implementation, c.Get(Seed), implName, timeout: TimeSpan.FromSeconds(c.Get(Timeout)));
        c.Session.Learner.Record(result);
        var stored = await c.StoreAsync(variable, result);
        c.Show(ExerciseResultFormatter.Html(result) + Html.Detail($"#!check {exercise.Name} {c.Values.Echo("")} · {stored}"),
               ExerciseResultFormatter.Text(result));
    }

    internal static ExerciseDefinition Find(string name)
    {
        try
        {
            return ExerciseCatalog.Find(name);
        }
        catch (ArgumentException e)
        {
            throw new CommandException(UserMessage(e));
        }
    }

    private static string Pascal(string name) => string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
