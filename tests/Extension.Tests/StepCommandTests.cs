using NotebookDL.Extension.Session;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

/// <summary>#!train --paused, then #!step (by batch, by layer, by epoch): what each step shows is the engine's copy, and the session keeps its state.</summary>
[Collection("notebook state")]
public class StepCommandTests : IClassFixture<SharedKernel>
{
    private const string Paused = "#!train --hidden 16 --batchnorm --batch 100 --epochs 2 --lr 0.1 --paused";
    private readonly NotebookKernel _kernel;

    public StepCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset(); // the built-in digits, no session
    }

    private async Task<TrainingSession> PausedAsync(string line = Paused, string name = "session")
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.True(cell.Succeeded, cell.Describe());
        return _kernel.Variable<TrainingSession>(name);
    }

    [Fact]
    public async Task Train_paused_makes_a_session_waiting_before_its_first_batch_and_shows_the_network_at_a_glance()
    {
        var cell = await _kernel.SubmitAsync(Paused);
        Assert.True(cell.Succeeded, cell.Describe());
        foreach (var expected in new[] { "paused before its first mini-batch: 2 layers", "network at a glance: before the first step", "15 mini-batches of 100 per epoch",
                     "Dense 64→16 → BatchNorm(16) → ReLU", "stored as C# variable session (TrainingSession)", "#!step --layer", "--batchnorm", "--paused" })
            Assert.Contains(expected, cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
        var session = _kernel.Variable<TrainingSession>("session");
        Assert.Equal(0, session.Iteration);
        Assert.Same(session, _kernel.Session.Paused!.Session);
        Assert.Equal("forward, layer 1 of 2", session.Next.ToString());
        // Nothing has run yet: the plain-text glance says so with dashes, not NaN.
        Assert.DoesNotContain("NaN", string.Join("", cell.Formatted("text/plain")));
    }

    [Fact]
    public async Task Step_layer_shows_Z_the_batch_mean_and_variance_Z_norm_Z_tilde_and_A_as_the_engine_computed_them()
    {
        var session = await PausedAsync();
        var w1 = session.Network.Layers[0].Parameters[0].Value.Clone();
        var cell = await _kernel.SubmitAsync("#!step --layer");
        Assert.True(cell.Succeeded, cell.Describe());
        HtmlChecks.AssertReadable(cell.Html);
        var record = _kernel.Variable<StepRecord>("step");
        var layer = record.Layer(1);
        Assert.Contains("iteration 1 (epoch 1, batch 1 of 15), forward, layer 1 of 2", cell.Html);
        foreach (var t in layer.Forward)
        {
            Assert.Contains($"<b>{Encode(t.Symbol)}</b>", cell.Html);
            Assert.Contains($"<td style=\"border:1px solid #ddd;padding:2px 8px;text-align:right\">{Html(t.Summary.Std)}</td>", cell.Html);
        }
        Assert.Equal(["Z[1]", "μ[1]", "σ²[1]", "Z_norm[1]", "Z̃[1]", "A[1]"], layer.Forward.Select(t => t.Symbol));
        // What is shown is what the engine computed: Z = X·W with the batch's rows, μ the column means of Z.
        Assert.Equal(Ops.MatMul(record.X, w1), layer.Z);
        Assert.Equal(Ops.MeanRows(layer.Z!), layer.Mean);
        Assert.Contains(Encode("X·W[1] (no bias: batch norm's β takes its role)"), cell.Html);
        // The heatmaps (a separate chart output) and the glance with layer 1 filled in.
        Assert.Contains("Z[1] (100, 16, first 10", string.Join("", cell.Formatted("application/vnd.plotly.v1+json")));
        Assert.Contains("Plotly.newPlot", cell.Html);
        Assert.Contains("network at a glance: iteration 1 (epoch 1, batch 1 of 15), after forward, layer 1 of 2", cell.Html);
        Assert.Contains(Html(layer.Get("A")!.Summary.Std, 3), cell.Html);
    }

    [Fact]
    public async Task Stepping_layer_by_layer_shows_the_loss_with_dZ_L_the_backward_gradients_and_the_update_with_its_ratio()
    {
        var session = await PausedAsync();
        await _kernel.SubmitAsync("#!step --layer");
        var forward2 = await _kernel.SubmitAsync("#!step --layer");
        // The heatmaps' title counts the units layer 2 has (10 classes), not the most a heatmap could show.
        Assert.Contains("forward, layer 2 of 2: the first 10 examples \\u00D7 10 units", string.Join("", forward2.Formatted("application/vnd.plotly.v1+json")));
        var loss = await _kernel.SubmitAsync("#!step --layer");
        Assert.True(loss.Succeeded, loss.Describe());
        var record = session.Current!;
        Assert.Contains($"loss of the batch: J = {record.Cost:F4}", loss.Html);
        Assert.Contains("dZ[2]", loss.Html);
        Assert.Contains("(Ŷ − Y) / m", loss.Html);
        Assert.Contains("<b>ŷ</b>", loss.Html);
        Assert.Contains(Encode("dZ[L] × m = Ŷ − Y"), loss.Html);
        Assert.Contains($"#{record.Rows[0]} (y = {record.Y.Classes![0]})", loss.Html);
        HtmlChecks.AssertReadable(loss.Html);

        var back2 = await _kernel.SubmitAsync("#!step --layer");
        Assert.Contains("backward, layer 2 of 2", back2.Html);
        foreach (var symbol in new[] { "dW[2]", "db[2]" }) Assert.Contains($"<b>{symbol}</b>", back2.Html);
        var back1 = await _kernel.SubmitAsync("#!step --layer");
        foreach (var symbol in new[] { "dA[1]", "dZ̃[1]", "dγ[1]", "dβ[1]", "dZ[1]", "dW[1]" }) Assert.Contains($"<b>{Encode(symbol)}</b>", back1.Html);
        // Batch norm's gradients, one per unit, are drawn as bars beside the heatmaps.
        Assert.Contains("d\\u03B3[1] per unit", string.Join("", back1.Formatted("application/vnd.plotly.v1+json")));
        HtmlChecks.AssertReadable(back1.Html);

        var update = await _kernel.SubmitAsync("#!step --layer");
        Assert.True(update.Succeeded, update.Describe());
        Assert.Contains("update: every parameter takes its step", update.Html);
        Assert.Contains(Encode("the update W := W − α·dW with α = 0.1"), update.Html);
        var u = record.Update("W[1]")!;
        Assert.Contains(GlanceFormatterRatio(u.Ratio), update.Html);
        Assert.Equal(1, session.Iteration);
        Assert.Contains("next: forward, layer 1 of 2 of batch 2", update.Html);
        HtmlChecks.AssertReadable(update.Html);
    }

    [Fact]
    public async Task Step_runs_one_mini_batch_stores_its_record_and_leaves_earlier_copies_unchanged()
    {
        var session = await PausedAsync();
        var first = await _kernel.SubmitAsync("#!step --as first");
        Assert.True(first.Succeeded, first.Describe());
        foreach (var expected in new[] { "iteration 1 (epoch 1 / 2, batch 1 of 15): m = 100 examples", "cost J = ", "update / weight", "every intermediate of this batch", "stored as C# variable first (StepRecord)" })
            Assert.Contains(expected, first.Html);
        Assert.Contains("histogram", string.Join("", first.Formatted("application/vnd.plotly.v1+json")).ToLowerInvariant().Replace("\"type\":\"bar\"", "histogram"));
        HtmlChecks.AssertReadable(first.Html);
        var record = _kernel.Variable<StepRecord>("first");
        Assert.True(record.Complete);
        var kept = record.Layer(1).Z!.Clone();
        var keptDa = record.Layer(1).DA!.Clone();

        var c = await _kernel.SubmitAsync("var z = session.Current!.Layer(1).Z; z.RowCount");
        Assert.True(c.Succeeded, c.Describe());
        Assert.Contains("100", c.Html);
        Assert.True((await _kernel.SubmitAsync("#!step --as second")).Succeeded);
        Assert.Equal(kept, record.Layer(1).Z);
        Assert.Equal(keptDa, record.Layer(1).DA);
        Assert.NotEqual(kept, _kernel.Variable<StepRecord>("second").Layer(1).Z);
        Assert.Equal(2, session.Iteration);
    }

    [Fact]
    public async Task Step_epoch_continue_until_and_to_the_end_then_a_clear_error_and_reset()
    {
        var session = await PausedAsync();
        var epoch = await _kernel.SubmitAsync("#!step --epoch");
        Assert.True(epoch.Succeeded, epoch.Describe());
        Assert.Contains("epoch 1 / 2: cost", epoch.Html);
        Assert.Equal(15, session.Iteration);

        var until = await _kernel.SubmitAsync("#!continue --until \"iteration >= 20\"");
        Assert.True(until.Succeeded, until.Describe());
        Assert.Contains("iteration &gt;= 20 at iteration 20", until.Html);
        Assert.Equal(20, session.Iteration);
        Assert.False(session.Finished);

        var end = await _kernel.SubmitAsync("#!continue");
        Assert.True(end.Succeeded, end.Describe());
        Assert.True(session.Finished);
        Assert.Contains("completed 2 epochs", end.Html);
        Assert.Contains("verdict:", end.Html);
        HtmlChecks.AssertReadable(end.Html);

        var after = await _kernel.SubmitAsync("#!step");
        Assert.False(after.Succeeded);
        Assert.Contains("the session has ended (completed 2 epochs): #!reset starts it again", after.Failure!.Message);

        var reset = await _kernel.SubmitAsync("#!reset");
        Assert.True(reset.Succeeded, reset.Describe());
        Assert.Contains("reset after 30 iterations", reset.Html);
        Assert.Equal(0, session.Iteration);
        Assert.True((await _kernel.SubmitAsync("#!step")).Succeeded);
    }

    [Fact]
    public async Task Continue_pauses_at_max_seconds_with_a_live_display_and_can_go_on()
    {
        var session = await PausedAsync("#!train --hidden 16 --batch 10 --lr 0.01 --epochs 100000 --paused --as longRun", "longRun");
        var cell = await _kernel.SubmitAsync("#!continue --max-seconds 1");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("time budget of 1 s reached: paused after iteration", cell.Html);
        Assert.False(session.Finished);
        Assert.False(session.InBatch);
        int done = session.Iteration;
        Assert.True(done > 10, $"{done} iterations in 1 s");
        var updates = cell.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        var last = updates[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("network at a glance", last);
        Assert.Contains("cost per iteration", string.Join("", cell.Formatted("application/vnd.plotly.v1+json"))); // the curves, as a chart output
        Assert.Contains("Plotly.newPlot", cell.Html);
        Assert.True((await _kernel.SubmitAsync("#!step")).Succeeded);
        Assert.Equal(done + 1, session.Iteration);
    }

    [Fact]
    public async Task Cancel_pauses_a_running_continue_between_mini_batches_and_the_session_goes_on()
    {
        var session = await PausedAsync("#!train --hidden 16 --batch 10 --lr 0.01 --epochs 100000 --paused --as cancelled", "cancelled");
        var cell = await _kernel.SubmitAndCancelAsync("#!continue --max-seconds 60");
        Assert.Contains("cancel", cell.Html + cell.Updates);
        Assert.False(session.InBatch);
        Assert.False(session.Finished);
        int done = session.Iteration;
        Assert.True(done > 0);
        Assert.True((await _kernel.SubmitAsync("#!step --session cancelled")).Succeeded);
        Assert.Equal(done + 1, session.Iteration);
    }

    [Fact]
    public async Task Continue_until_a_condition_that_already_holds_runs_nothing()
    {
        var session = await PausedAsync();
        await _kernel.SubmitAsync("#!step");
        var cell = await _kernel.SubmitAsync("#!continue --until \"iteration >= 1\"");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("already: nothing to run", cell.Html);
        Assert.Equal(1, session.Iteration);
    }

    [Fact]
    public async Task A_paused_session_survives_bad_commands_and_keeps_its_state()
    {
        var session = await PausedAsync();
        await _kernel.SubmitAsync("#!step --layer"); // part-way into batch 1
        var record = session.Current;
        var w = session.Network.Layers[0].Parameters[0].Value.Clone();
        (string Line, string Message)[] bad =
        [
            ("#!step --bogus", "bogus"),
            ("#!step --layer --epoch", "--layer and --epoch are different step sizes"),
            ("#!step --max-seconds -1", "--max-seconds must be a number between 0.1 and 86400"),
            ("#!step --session nosuch", "there is no C# variable named 'nosuch'"),
            ("#!step --session keep", "the C# variable 'keep' holds a Int32, not a TrainingSession"),
            ("#!step --as 1x", "--as must be a C# variable name"),
            ("#!continue --until \"nonsense\"", "--until: cannot read the condition 'nonsense': write a quantity, a comparison and a number"),
            ("#!continue --until \"cost = 1.5\"", "--until: the condition 'cost = 1.5' compares with '=': use one of <, <=, >, >="),
            ("#!continue --until \"val acc > abc\"", "--until: cannot read the condition"),
            ("#!continue extra", "unexpected value 'extra'"),
            ("#!train --paused --lr abc", "--lr must be a number"),
            ("#!reset --session 1", "--session must be a C# variable name"),
        ];
        Assert.True((await _kernel.SubmitAsync("var keep = 42;")).Succeeded);
        foreach (var (line, message) in bad)
        {
            var cell = await _kernel.SubmitAsync(line);
            Assert.False(cell.Succeeded, $"{line}: {cell.Describe()}");
            Assert.Contains(message, cell.Failure!.Message);
            Assert.Equal(0, session.Iteration);
            Assert.True(session.InBatch, line);
            Assert.Equal("forward, layer 2 of 2", session.Next.ToString());
            Assert.Same(session, _kernel.Session.Paused!.Session);
            Assert.Same(record, session.Current);
        }
        Assert.Equal(w, session.Network.Layers[0].Parameters[0].Value);
        var next = await _kernel.SubmitAsync("#!step --layer");
        Assert.True(next.Succeeded, next.Describe());
        Assert.Contains("forward, layer 2 of 2", next.Html);
    }

    [Theory]
    [InlineData("#!step")]
    [InlineData("#!step --layer")]
    [InlineData("#!continue")]
    [InlineData("#!reset")]
    public async Task Stepping_without_a_session_is_a_clear_error_saying_how_to_start_one(string line)
    {
        _kernel.Session.Paused = null;
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded);
        Assert.Contains("there is no paused training session: start one with #!train --paused", cell.Failure!.Message);
        Assert.True((await _kernel.SubmitAsync("#!softmax [1,2]")).Succeeded);
    }

    [Fact]
    public async Task A_session_is_chosen_by_its_variable_and_shown_by_its_formatter_in_a_csharp_cell()
    {
        var first = await PausedAsync();
        var other = await PausedAsync("#!train --hidden 8 --batch 50 --paused --as other", "other");
        Assert.Same(other, _kernel.Session.Paused!.Session);
        Assert.True((await _kernel.SubmitAsync("#!step --session session")).Succeeded);
        Assert.Equal(1, first.Iteration);
        Assert.Equal(0, other.Iteration);
        Assert.Same(first, _kernel.Session.Paused!.Session);

        var shown = await _kernel.SubmitAsync("session");
        Assert.True(shown.Succeeded, shown.Describe());
        Assert.Contains("training session: epoch 1 / 2, iteration 1 / 30; next: forward, layer 1 of 2 of batch 2", shown.Html);
        Assert.Contains("network at a glance", shown.Html);
        HtmlChecks.AssertReadable(shown.Html);
        var layer = await _kernel.SubmitAsync("session.Current!.Layer(1)");
        Assert.Contains("layer 1: Dense 64→16 (no bias) → BatchNorm(16) → ReLU", layer.Html);
        Assert.Contains("Plotly.newPlot", layer.Html);
        HtmlChecks.AssertReadable(layer.Html);
        var tensor = await _kernel.SubmitAsync("session.Current!.Layer(1).Get(\"Z_tilde\")");
        Assert.Contains(Encode("Z̃[1] = γ·Z_norm + β"), tensor.Html);
        var record = await _kernel.SubmitAsync("session.Current");
        Assert.Contains("update / weight", record.Html);
        HtmlChecks.AssertReadable(record.Html);
    }

    private static string Encode(string text) => NotebookDL.Reports.Html.Encode(text);

    private static string Html(double v, int digits = 3) => NotebookDL.Reports.Html.Num(v, digits);

    private static string GlanceFormatterRatio(double r) => NotebookDL.Extension.Formatters.GlanceFormatter.Ratio(r);
}
