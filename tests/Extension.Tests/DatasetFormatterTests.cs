using System.Net;
using NotebookDL.Data;
using NotebookDL.Extension.Formatters;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

public class DatasetFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public DatasetFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    private static int Images(string html) => (html.Length - html.Replace("<img src=\"data:image/png;base64,", "").Length) / "<img src=\"data:image/png;base64,".Length;

    [Fact]
    public void The_digits_show_their_size_class_counts_and_two_images_per_class_enlarged_to_48_pixels()
    {
        var digits = Digits.Load();
        var html = DatasetFormatter.Html(digits);
        Assert.Contains(">1,797<", html);
        Assert.Contains(">64<", html);
        Assert.Contains(WebUtility.HtmlEncode("1×8×8 (C×H×W)"), html);
        var counts = DatasetFormatter.ClassCounts(digits);
        Assert.Equal(1797, counts.Sum());
        Assert.Contains($">{counts[3]:N0}<", html);
        Assert.Equal(20, Images(html));
        Assert.Contains("width=\"48\" height=\"48\"", html);
        Assert.Contains("<figcaption>9</figcaption>", html);
        Assert.Contains("min 0, mean", html);
        HtmlChecks.AssertReadable(html);
    }

    [Fact]
    public void A_data_set_stored_as_rows_is_shown_from_its_rows_without_making_X()
    {
        // 50,000 CIFAR-10 images in float32 rows are 600 MB; their X would be 1.2 GB of doubles made just to print
        // min, mean and max and to draw 20 pictures. The digits' values are small integers: exact in float32.
        var digits = Digits.Load();
        var rows = digits.AsRows(Dtype.Float32);
        var html = DatasetFormatter.Html(rows);
        Assert.False(rows.HoldsMadeX);
        Assert.Contains("float32 rows", html);
        string Values(string page) => page[page.IndexOf("min ", StringComparison.Ordinal)..][..40];
        Assert.Equal(Values(DatasetFormatter.Html(digits)), Values(html));
        Assert.Equal(Images(DatasetFormatter.Html(digits)), Images(html));
        Assert.Equal(DatasetFormatter.SampleImagesHtml(digits), DatasetFormatter.SampleImagesHtml(rows)); // the same pictures, pixel for pixel
        Assert.Equal(digits.X.Row(17).ToArray(), rows.Example(17));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Example(digits.Count));
    }

    [Fact]
    public void Samples_take_the_first_examples_of_each_class_in_class_order()
    {
        var digits = Digits.Load();
        var samples = DatasetFormatter.Samples(digits);
        Assert.Equal(20, samples.Count);
        Assert.Equal(["0", "0", "1", "1"], samples.Take(4).Select(s => s.Label));
        Assert.All(samples, s => Assert.Equal(s.Label, digits.Labels[s.Index].ToString()));
    }

    [Fact]
    public void The_spiral_is_drawn_as_points_coloured_by_class_and_has_no_images()
    {
        var spiral = Spiral.Create();
        var html = DatasetFormatter.Html(spiral);
        Assert.Equal(0, Images(html));
        var charts = DatasetFormatter.Charts(spiral);
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.Null(c.Error));
        Assert.Equal(new double[] { 100, 100, 100 }, charts[0].Spec.Panels[0].Traces[0].Y!);
        Assert.Equal(3, charts[1].Spec.Panels[0].Traces.Length); // one trace per class
        Assert.Equal(spiral.X[5, 1], charts[1].Spec.Panels[0].Traces[0].Y![5]);
    }

    [Fact]
    public void Splits_show_one_column_of_counts_per_part_and_grouped_bars()
    {
        var splits = Split.Random(Digits.Load(), val: 300, test: 100, seed: 0);
        var html = DatasetFormatter.Html(splits);
        Assert.Contains("train 1,397, val 300, test 100", html);
        foreach (var part in new[] { ">train<", ">val<", ">test<" }) Assert.Contains(part, html);
        var bars = DatasetFormatter.Charts(splits)[0].Spec.Panels[0].Traces;
        Assert.Equal(["train", "val", "test"], bars.Select(t => t.Name));
        Assert.Equal(300, bars[1].Y!.Sum());
        HtmlChecks.AssertReadable(html);
    }

    [SkippableFact]
    public void Cifar10_images_are_colour_pngs_of_64_pixels_with_their_class_names()
    {
        var folder = SharedData.Require("cifar10");
        var cifar = Cifar10.LoadFile(Path.Combine(folder, "test_batch_first1000.bin"));
        var html = DatasetFormatter.Html(cifar);
        Assert.Equal(20, Images(html));
        Assert.Contains("width=\"64\" height=\"64\"", html);
        Assert.Contains("<figcaption>airplane</figcaption>", html);
        Assert.Contains("<figcaption>truck</figcaption>", html);
        var first = html.IndexOf("base64,", StringComparison.Ordinal) + 7;
        var png = Convert.FromBase64String(html[first..html.IndexOf('"', first)]);
        var (w, h, type, _) = PngTests.Decode(png);
        Assert.Equal((64, 64, 2), (w, h, type));
    }

    [Fact]
    public async Task A_data_set_returned_from_a_cell_renders_with_images_and_a_bar_chart()
    {
        var cell = await _kernel.SubmitAsync("NotebookDL.Data.Digits.Load()");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("examples per class", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html);
        Assert.Equal(20, Images(cell.Html));
        Assert.Contains("digits: 1,797 examples", cell.Text);
    }
}
