using NotebookDL.Charts.Spec;
using Plotly.NET;
using Plotly.NET.TraceObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotebookDL.Charts.Building;

/// <summary>One validated <see cref="TraceSpec"/> to a one-trace Plotly.NET chart (Chart.Line, Point, Column, Heatmap, Contour).</summary>
internal static class TraceCharts
{
    public static GenericChart Build(TraceSpec t, ColorBarPlacement? placement)
    {
        var chart = t.Kind switch
        {
            TraceKinds.Heatmap or TraceKinds.Contour => (t.Categories, t.YCategories) switch
            {
                ({ } columns, { } rows) => Grid(t, columns, rows, placement),
                ({ } columns, null) => Grid(t, columns, t.Y, placement),
                (null, { } rows) => Grid(t, t.X, rows, placement),
                _ => Grid(t, t.X, t.Y, placement),
            },
            _ => t.Categories is { } categories
                ? Series(t, categories, placement)
                : Series(t, t.X ?? [.. Enumerable.Range(0, t.Y!.Length).Select(i => (double)i)], placement),
        };
        FillGaps(chart, t);
        return chart;
    }

    /// <summary>Lines, markers and bars: y over x positions (numbers or category labels).</summary>
    private static GenericChart Series<TX>(TraceSpec t, TX[] x, ColorBarPlacement? placement) where TX : IConvertible
    {
        var y = t.Y!;
        var scale = PlotlyStyles.ColorScaleOf(t.ColorScale, t.ColorScaleColors)
                    ?? (t.ColorValues is null ? null : StyleParam.Colorscale.Viridis);
        var markerColor = t.ColorValues is { } values ? Color.fromColorScaleValues(values)
                        : t.Color is { } css ? Color.fromString(css) : null;
        var marker = MarkerOf(t, placement);
        var text = Opt.Ref<IEnumerable<string>>(t.Text);
        // An unnamed trace would show up in the legend as "trace 3": keep it out.
        var showLegend = t.Name is null ? false : Opt.Val<bool>(null);

        return t.Kind switch
        {
            TraceKinds.Line or TraceKinds.LinesMarkers => CSharpChart.Line<TX, double, string>(
                x, y, ShowMarkers: t.Kind == TraceKinds.LinesMarkers, Name: Opt.Ref(t.Name), ShowLegend: showLegend,
                Opacity: Opt.Val(t.Opacity), MultiText: text,
                LineColor: Opt.Ref(t.Color is { } c ? Color.fromString(c) : null),
                LineDash: Opt.Ref(t.Dash is { } d ? PlotlyStyles.TryDash(d) : null), LineWidth: Opt.Val(t.LineWidth),
                MarkerColor: Opt.Ref(markerColor), MarkerColorScale: Opt.Ref(scale), Marker: Opt.Ref(marker)),
            TraceKinds.Scatter => CSharpChart.Point<TX, double, string>(
                x, y, Name: Opt.Ref(t.Name), ShowLegend: showLegend, Opacity: Opt.Val(t.Opacity), MultiText: text,
                MarkerColor: Opt.Ref(markerColor), MarkerColorScale: Opt.Ref(scale), Marker: Opt.Ref(marker)),
            _ => CSharpChart.Column<double, TX, string>(
                y, Keys: x, Name: Opt.Ref(t.Name), ShowLegend: showLegend, Opacity: Opt.Val(t.Opacity), MultiText: text,
                MarkerColor: Opt.Ref(markerColor), MarkerColorScale: Opt.Ref(scale), Marker: Opt.Ref(marker),
                Width: Opt.Val(t.BarWidth)),
        };
    }

    /// <summary>The marker attributes the facade has no parameter for: size, colour bar, colour range.</summary>
    private static Marker? MarkerOf(TraceSpec t, ColorBarPlacement? placement)
    {
        var scaled = t.ColorValues is not null;
        if (!scaled && t.MarkerSize is null) return null;
        var marker = new Marker();
        if (t.MarkerSize is { } size) marker.SetProperty("size", size);
        if (scaled)
        {
            var show = t.ShowScale ?? true;
            marker.SetProperty("showscale", show);
            if (show) marker.SetProperty("colorbar", DynamicParts.ColorBar(t.ColorTitle, placement));
            if (t.ColorRange is { } range)
            {
                marker.SetProperty("cmin", range.Min);
                marker.SetProperty("cmax", range.Max);
            }
        }
        return marker;
    }

    /// <summary>Heatmap or contour of Z; columns at x (numbers or labels), rows at y.</summary>
    private static GenericChart Grid<TX, TY>(TraceSpec t, TX[]? x, TY[]? y, ColorBarPlacement? placement)
        where TX : IConvertible where TY : IConvertible
    {
        var scale = PlotlyStyles.ColorScaleOf(t.ColorScale, t.ColorScaleColors);
        var show = t.ShowScale ?? true;
        var colorBar = show ? DynamicParts.ColorBar(t.ColorTitle, placement) : null;
        var z = t.Z!;
        var chart = t.Kind == TraceKinds.Heatmap
            ? CSharpChart.Heatmap<double, TX, TY, string>(
                z, X: Opt.Ref<IEnumerable<TX>>(x), Y: Opt.Ref<IEnumerable<TY>>(y), Name: Opt.Ref(t.Name),
                Opacity: Opt.Val(t.Opacity), ColorBar: Opt.Ref(colorBar), ColorScale: Opt.Ref(scale), ShowScale: show)
            : CSharpChart.Contour<double, TX, TY, string>(
                z, Name: Opt.Ref(t.Name), Opacity: Opt.Val(t.Opacity), X: Opt.Ref<IEnumerable<TX>>(x),
                Y: Opt.Ref<IEnumerable<TY>>(y), ColorBar: Opt.Ref(colorBar), ColorScale: Opt.Ref(scale), ShowScale: show);

        var trace = SingleTrace(chart);
        if (t.ColorRange is { } range)
        {
            trace.SetProperty("zmin", range.Min);
            trace.SetProperty("zmax", range.Max);
        }
        if (t.ShowValues) trace.SetProperty("texttemplate", "%{z}");
        return chart;
    }

    /// <summary>Non-finite data becomes null (a gap), see <see cref="TraceSpec"/>.</summary>
    private static void FillGaps(GenericChart chart, TraceSpec t)
    {
        var numericX = t.Categories is null ? t.X : null;
        var numericY = t.Kind is TraceKinds.Heatmap or TraceKinds.Contour && t.YCategories is not null ? null : t.Y;
        if (!(DynamicParts.HasNonFinite(numericX) || DynamicParts.HasNonFinite(numericY)
              || DynamicParts.HasNonFinite(t.Z) || DynamicParts.HasNonFinite(t.ColorValues)))
            return;

        var trace = SingleTrace(chart);
        if (DynamicParts.HasNonFinite(numericX)) trace.SetProperty("x", DynamicParts.WithGaps(numericX!));
        if (DynamicParts.HasNonFinite(numericY)) trace.SetProperty("y", DynamicParts.WithGaps(numericY!));
        if (DynamicParts.HasNonFinite(t.Z)) trace.SetProperty("z", Array.ConvertAll(t.Z!, DynamicParts.WithGaps));
        if (DynamicParts.HasNonFinite(t.ColorValues))
        {
            var marker = (DynamicObj.DynamicObj)trace.GetPropertyValue("marker");
            marker.SetProperty("color", DynamicParts.WithGaps(t.ColorValues!));
        }
    }

    private static Trace SingleTrace(GenericChart chart) => GenericChart.getTraces(chart).Single();
}
