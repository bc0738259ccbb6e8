using NotebookDL.Exercises;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLCheck : MagicDirective;

/// <summary>
/// <c>#!check softmax --impl mySoftmax</c>: runs the learner's code held in a C# variable (or a layer class
/// declared in the notebook) against the engine on seeded random inputs and shows the pass/fail table with
/// relative errors and hints. A failed check is a result, not an error. Without an exercise: the exercise list.
/// </summary>
public sealed class CheckCommand : MagicCommand<NotebookDLCheck>
{
    public override string Name => "check";
    public override string Summary => "checks your implementation of an exercise against the engine: a pass/fail table with errors and hints";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--exercise", $"the exercise: {string.Join(", ", ExerciseCatalog.Names)} (name optional; none lists them)", Implicit: true),
        new OptionSpec("--impl", "the C# variable holding your function (var mySoftmax = MySoftmax;), or your layer class's name"),
        new OptionSpec("--list", "list the exercises with what to write and this notebook's last check of each", Flag: true),
        new OptionSpec("--seed", "seed of the random inputs", "0"),
        new OptionSpec("--as", "name of the C# variable that keeps the result", "check"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!check --list",
        "#!check softmax --impl mySoftmax",
        "#!check batchnorm --impl MyBatchNorm --seed 1",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var name = c.Options.Text("--exercise");
        if (c.Options.Flag("--list") || name is null)
        {
            if (c.Options.Has("--impl")) throw new CommandException("say which exercise to check, e.g. #!check softmax --impl mySoftmax");
            var board = c.Session.Board;
            c.Show(ExerciseBoardFormatter.Html(board), ExerciseBoardFormatter.Text(board));
            return;
        }
        var exercise = Find(name);
        var implName = c.Options.Text("--impl")
                       ?? throw new CommandException($"--impl is required: the C# variable (or layer class) holding your code, e.g. #!check {exercise.Name} --impl my{Pascal(exercise.Name)}");
        int seed = c.Options.Int("--seed", 0);
        var variable = c.Options.VariableName("check");
        var implementation = ImplementationLookup.Find(c, implName, "--impl");

        var result = exercise.Check(implementation, seed, implName);
        c.Session.Learner.Record(result);
        var stored = await c.StoreAsync(variable, result);
        c.Show(ExerciseResultFormatter.Html(result) + Html.Detail($"#!check {exercise.Name} --impl {implName} --seed {seed} · {stored}"),
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
            throw new CommandException(e.Message.Split(" (Parameter")[0]);
        }
    }

    private static string Pascal(string name) => string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
