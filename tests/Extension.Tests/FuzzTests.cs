using System.Diagnostics;
using System.Text;
using NotebookDL.Data;
using NotebookDL.Extension;
using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Session;
using NotebookDL.Tensors;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// Sends random and mutated magic-command lines to every command through one shared kernel: each must end in
/// a result or a clear error (never an unexpected exception out of a handler, never a hang), and the kernel
/// must run the next cell with earlier results intact. 2,000 lines by default; set NOTEBOOKDL_FUZZ_LINES for
/// a longer run (e.g. 10000), NOTEBOOKDL_FUZZ_SEED to replay another sequence and NOTEBOOKDL_FUZZ_LOG to write
/// each line to a file before it runs.
/// </summary>
[Collection("notebook state")]
public class FuzzTests(ITestOutputHelper output) : IClassFixture<SharedKernel>
{
    private static readonly string[] Values =
    [
        "0", "1", "2", "3", "10", "-1", "-3", "0.5", "1e-3", "1e6", "1e308", "1e-308", "-1e308", "4.9e-324", "NaN", "nan", "inf",
        "-inf", "Infinity", "∞", "", "[]", "[1,2", "[5,2,-1,3]", "5,2,-1,3", "1,,2", ",", "abc", "\"a b\"", "'x'", "\"\"", "日本語",
        "é", "🙂", "true", "false", "null", "{}", "[[1]]", "2147483648", "99999999999999999999", "-2147483649", "0x10", "1_000",
        "relu", "tanh", "adam", "sgd", "small", "xavier", "he", "l1", "elastic", "step", "cosine-restarts", "off", "spiral",
        "digits", "cifar10", "mnist", "csv", "/nonexistent/path", "../../etc", "run", "linear", "10,10", "100,50", "0,5",
    ];

    public static int LineCount =>
        int.TryParse(Environment.GetEnvironmentVariable("NOTEBOOKDL_FUZZ_LINES"), out var n) && n > 0 ? n : 2000;

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("NOTEBOOKDL_FUZZ_SEED"), out var s) ? s : 20261125;

    [Fact]
    public async Task Random_and_mutated_command_lines_end_in_a_result_or_a_clear_error_and_the_kernel_survives()
    {
        using var kernelHolder = new SharedKernel();
        var kernel = kernelHolder.Kernel;
        var previousCap = Environment.GetEnvironmentVariable(ClassroomLimits.MaxSecondsVariable);
        Environment.SetEnvironmentVariable(ClassroomLimits.MaxSecondsVariable, "0.5"); // valid but long work stops quickly
        // Small data keeps valid trainings short; #!dataset lines may replace it, as a user would.
        kernel.Session.Data = new CurrentData("spiral", Split.Random(Spiral.Create(20, 3, seed: 1), val: 12, seed: 0), "none", "small spiral");
        try
        {
            Assert.True((await kernel.SubmitAsync("var keep = 42;")).Succeeded);
            var rng = new Rng(Seed);
            int results = 0, errors = 0, slowest = 0;
            double slowestSeconds = 0;
            var unexpected = new List<string>();
            // NOTEBOOKDL_FUZZ_LOG=<file>: every line is written there before it runs, so a crash of the process names its line.
            using var log = Environment.GetEnvironmentVariable("NOTEBOOKDL_FUZZ_LOG") is { Length: > 0 } logPath ? new StreamWriter(logPath) { AutoFlush = true } : null;
            for (int i = 0; i < LineCount; i++)
            {
                var line = Line(rng);
                log?.WriteLine($"{i}\t{line}");
                var clock = Stopwatch.StartNew();
                var running = kernel.SubmitAsync(line);
                if (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(60))) != running)
                    Assert.Fail($"line {i} hung: {Show(line)}");
                var cell = await running;
                if (clock.Elapsed.TotalSeconds > slowestSeconds) (slowestSeconds, slowest) = (clock.Elapsed.TotalSeconds, i);
                if (cell.Succeeded) results++;
                else
                {
                    errors++;
                    var message = cell.Failure!.Message;
                    if (!IsClear(message))
                        unexpected.Add($"line {i}: {Show(line)} → {message.Split('\n')[0]}");
                }
                if (!cell.Succeeded)
                {
                    // After every failure the kernel must run the next command. (A C# cell, or a command storing a
                    // variable, each time would grow the C# kernel's chain of submissions by thousands, which slows
                    // every later compile: that check is sampled below.)
                    var next = await kernel.SubmitAsync("#!softmax --help");
                    Assert.True(next.Succeeded, $"after line {i} ({Show(line)}) the kernel could not run the next command: {next.Describe()}");
                }
                if (i % 100 == 99 || !cell.Succeeded && i % 10 == 0)
                {
                    var health = await kernel.SubmitAsync("keep + 1");
                    Assert.True(health.Succeeded && health.Html.Contains("43"), $"after line {i} ({Show(line)}) the kernel could not run the next cell: {health.Describe()}");
                }
            }
            output.WriteLine($"{LineCount} lines (seed {Seed}): {results} results, {errors} clear errors, {unexpected.Count} unexpected; slowest line {slowest} took {slowestSeconds:F1} s");
            Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(20)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ClassroomLimits.MaxSecondsVariable, previousCap);
        }
    }

    /// <summary>
    /// .NET's own exception messages: reaching the user, they say where the code broke rather than what the
    /// user should change, so a handler must catch the case first and say it in the command's words.
    /// </summary>
    private static readonly string[] DefaultMessages =
    [
        "Index was outside the bounds", "Index was out of range", "Sequence contains no", "Sequence contains more than",
        "Specified argument was out of the range of valid values", "Value cannot be null", "Input string was not in a correct format",
        "The input string", "Object reference not set", "Arithmetic operation resulted in an overflow", "Nullable object must have a value",
        "Collection was modified", "An item with the same key", "was not present in the dictionary", "Operation is not valid due to the current state",
        "Attempted to divide by zero", "Unable to cast object", "Exception of type",
    ];

    /// <summary>
    /// A clear error: one of the command's own messages ("#!train: ..."), or the kernel's or C#'s message for a
    /// line that never reached a handler (an unbalanced quote, a mangled directive) — never "failed unexpectedly",
    /// never empty, never a bare .NET message.
    /// </summary>
    internal static bool IsClear(string message) =>
        !string.IsNullOrWhiteSpace(message)
        && !message.Contains("failed unexpectedly", StringComparison.Ordinal)
        && !DefaultMessages.Any(d => message.Contains(d, StringComparison.Ordinal));

    [Theory]
    [InlineData("#!train: --lr must be a finite number, got NaN. Try #!train --help.", true)]
    [InlineData("#!train failed unexpectedly: NullReferenceException: Object reference not set to an instance of an object.", false)]
    [InlineData("#!search: Index was outside the bounds of the array.", false)]
    [InlineData("#!dataset: Specified argument was out of the range of valid values. (Parameter 'count')", false)]
    [InlineData("", false)]
    public void A_clear_error_is_the_command_s_own_words_not_a_bare_dotnet_message(string message, bool clear) =>
        Assert.Equal(clear, IsClear(message));

    /// <summary>A line for a random command: its options with random values, sometimes mutated.</summary>
    private static string Line(Rng rng)
    {
        var commands = NotebookDLKernelExtension.Commands;
        var command = commands[rng.NextInt(commands.Count)];
        var sb = new StringBuilder("#!" + command.Name);
        int options = rng.NextInt(5);
        for (int k = 0; k < options; k++)
        {
            switch (rng.NextInt(10))
            {
                case 0: // an option the command does not have
                    sb.Append(" --").Append(new[] { "bogus", "lr-max", "x", "", "-", "layers" }[rng.NextInt(6)]);
                    break;
                case 1: // a bare value
                    sb.Append(' ').Append(Value(rng));
                    break;
                default:
                    var option = command.AllOptions[rng.NextInt(command.AllOptions.Count)];
                    if (option.Name == "--help" && rng.NextInt(4) != 0) continue; // help is fine but dull
                    sb.Append(' ').Append(option.Name);
                    if (!option.IsFlag && rng.NextInt(10) != 0) sb.Append(' ').Append(Value(rng));
                    break;
            }
        }
        var line = sb.ToString();
        return rng.NextInt(8) == 0 ? Mutate(line, rng) : line;
    }

    private static string Value(Rng rng) => rng.NextInt(20) switch
    {
        0 => new string('9', 1 + rng.NextInt(400)),
        1 => string.Concat(Enumerable.Range(0, 1 + rng.NextInt(30)).Select(_ => (char)rng.NextInt(0x20, 0x7f))),
        2 => string.Join(",", Enumerable.Range(0, 1 + rng.NextInt(12)).Select(_ => Values[rng.NextInt(Values.Length)])),
        _ => Values[rng.NextInt(Values.Length)],
    };

    private static string Mutate(string line, Rng rng) => rng.NextInt(5) switch
    {
        0 => line + " " + new string('x', 5000),                                  // a very long line
        1 => line.Insert(rng.NextInt(line.Length + 1), "\""),                       // an unbalanced quote
        2 => line[..Math.Max(2, rng.NextInt(line.Length + 1))],                     // cut short
        3 => line.Replace("--", "—"),                                               // typographic dashes
        _ => line + " " + line[2..],                                                // options repeated
    };

    private static string Show(string line) => line.Length > 200 ? line[..200] + $"… ({line.Length} chars)" : line;
}
