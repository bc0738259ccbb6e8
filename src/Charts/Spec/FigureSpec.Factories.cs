namespace NotebookDL.Charts.Spec;

public sealed partial record FigureSpec
{
    /// <summary>One panel of lines, one per named series: loss curves, train vs validation accuracy.</summary>
    /// <example><c>FigureSpec.Lines("Loss", "epoch", "loss", ("train", epochs, train), ("val", epochs, val))</c></example>
    public static FigureSpec Lines(string? title, string? xTitle, string? yTitle,
                                   params (string Name, double[] X, double[] Y)[] series) =>
        new()
        {
            Title = title,
            Panels = [new PanelSpec
            {
                XTitle = xTitle, YTitle = yTitle,
                Traces = [.. series.Select(s => TraceSpec.Line(s.Name, s.X, s.Y))],
            }],
        };

    /// <summary>One panel of grouped bars over shared categories, one bar series per named value array.</summary>
    /// <example><c>FigureSpec.Bars("Class counts", "class", "count", names, ("train", trainCounts), ("val", valCounts))</c></example>
    public static FigureSpec Bars(string? title, string? xTitle, string? yTitle, string[] categories,
                                  params (string Name, double[] Values)[] series) =>
        new()
        {
            Title = title,
            Panels = [new PanelSpec
            {
                XTitle = xTitle, YTitle = yTitle,
                Traces = [.. series.Select(s => TraceSpec.Bars(s.Name, categories, s.Values))],
            }],
        };

    /// <summary>
    /// A grid of pre-binned histograms, one panel per histogram (the activations of each layer, lecture's
    /// initialisation demo); each panel is titled with its name. Bars of one panel touch (width = bin spacing).
    /// </summary>
    /// <param name="title">Figure title.</param>
    /// <param name="xTitle">Title of every panel's x axis (e.g. "activation").</param>
    /// <param name="histograms">Per panel: its title, the bin centres (b) and the counts (b).</param>
    public static FigureSpec Histograms(string? title, string? xTitle,
                                        params (string Name, double[] BinCenters, double[] Counts)[] histograms) =>
        new()
        {
            Title = title,
            ShowLegend = false,
            Panels = [.. histograms.Select(h => new PanelSpec
            {
                Title = h.Name, XTitle = xTitle, YTitle = "count",
                Traces = [TraceSpec.Histogram(h.Name, h.BinCenters, h.Counts)],
            })],
        };

    /// <summary>
    /// A heatmap of <paramref name="z"/> (r, c) drawn as a matrix (row 0 at the top): a confusion matrix with
    /// <paramref name="showValues"/>, a weight matrix with <see cref="ColorScales.RdBu"/>.
    /// </summary>
    public static FigureSpec Heatmap(string? title, double[][] z, string[]? columnLabels = null, string[]? rowLabels = null,
                                     string? xTitle = null, string? yTitle = null,
                                     string colorScale = ColorScales.Viridis, bool showValues = false) =>
        new()
        {
            Title = title,
            Panels = [new PanelSpec
            {
                XTitle = xTitle, YTitle = yTitle, ReverseY = true,
                Traces = [TraceSpec.Heatmap(z, columnLabels, rowLabels, colorScale) with { ShowValues = showValues }],
            }],
        };

    /// <summary>
    /// Points (x[i], y[i]) coloured by class, one legend entry per class, over an optional
    /// <paramref name="background"/> (usually <see cref="TraceSpec.Boundary"/>: the classifier's decision regions).
    /// A heatmap background of class indices with no colour scale of its own is given the classes' colours.
    /// </summary>
    /// <param name="title">Figure title.</param>
    /// <param name="x">First feature (n).</param>
    /// <param name="y">Second feature (n).</param>
    /// <param name="classes">Class index of each point (n), in 0..k-1.</param>
    /// <param name="classNames">Legend names (k); null: "class 0", "class 1", ...</param>
    /// <param name="background">A trace drawn behind the points, or null.</param>
    /// <param name="xTitle">x-axis title.</param>
    /// <param name="yTitle">y-axis title.</param>
    public static FigureSpec Scatter(string? title, double[] x, double[] y, int[] classes, string[]? classNames = null,
                                     TraceSpec? background = null, string? xTitle = null, string? yTitle = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(classes);
        if (x.Length != y.Length || x.Length != classes.Length)
            throw new ArgumentException(
                $"x, y and classes must have one entry per point; got {x.Length}, {y.Length} and {classes.Length}.",
                nameof(classes));
        var negative = Array.FindIndex(classes, c => c < 0);
        if (negative >= 0)
            throw new ArgumentOutOfRangeException(nameof(classes), classes[negative],
                $"Class indices must be ≥ 0; point {negative} has class {classes[negative]}.");

        var classCount = classes.Length == 0 ? 0 : classes.Max() + 1;
        if (classNames is not null && classNames.Length < classCount)
            throw new ArgumentException(
                $"classNames has {classNames.Length} names but the classes go up to {classCount - 1}.", nameof(classNames));

        var traces = new List<TraceSpec>();
        if (background is not null)
        {
            var colourByClass = background.Kind == TraceKinds.Heatmap && background.ColorScale is null
                                && background.ColorScaleColors is null && classCount >= 2;
            traces.Add(colourByClass
                ? background with
                {
                    ColorScaleColors = [.. Enumerable.Range(0, classCount).Select(Palette.ForClass)],
                    ColorRange = new AxisRange(0, classCount - 1),
                }
                : background);
        }

        for (var c = 0; c < classCount; c++)
        {
            var members = Enumerable.Range(0, classes.Length).Where(i => classes[i] == c).ToArray();
            if (members.Length == 0) continue;
            traces.Add(new TraceSpec
            {
                Kind = TraceKinds.Scatter,
                Name = classNames?[c] ?? $"class {c}",
                X = [.. members.Select(i => x[i])],
                Y = [.. members.Select(i => y[i])],
                Color = Palette.ForClass(c),
            });
        }

        return new FigureSpec
        {
            Title = title,
            Panels = [new PanelSpec { XTitle = xTitle, YTitle = yTitle, Traces = [.. traces] }],
        };
    }

    /// <summary>
    /// A parallel-coordinates figure of a hyperparameter search: one axis per dimension, one line per trial,
    /// coloured by <paramref name="colorValues"/> (e.g. validation accuracy).
    /// </summary>
    public static FigureSpec ParallelCoordinates(string? title, ParallelDimensionSpec[] dimensions,
                                                 double[]? colorValues = null, string? colorTitle = null) =>
        new()
        {
            Title = title,
            Parallel = new ParallelCoordinatesSpec
            {
                Dimensions = dimensions, ColorValues = colorValues, ColorTitle = colorTitle,
            },
        };

    /// <summary>Several panels in a grid of <paramref name="columns"/> columns (null: the default, see <see cref="Columns"/>).</summary>
    public static FigureSpec Grid(string? title, int? columns, params PanelSpec[] panels) =>
        new() { Title = title, Columns = columns, Panels = panels };
}
