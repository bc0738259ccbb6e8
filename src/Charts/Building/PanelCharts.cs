using NotebookDL.Charts.Spec;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotebookDL.Charts.Building;

/// <summary>One validated <see cref="PanelSpec"/> to a chart: its traces combined, its axes titled and scaled.</summary>
internal static class PanelCharts
{
    public static GenericChart Build(PanelSpec panel, ColorBarPlacement? placement)
    {
        var traces = panel.Traces.Select(t => TraceCharts.Build(t, placement)).ToArray();
        var chart = traces.Length == 1 ? traces[0] : CSharpChart.Combine(traces);

        if (panel.ReverseY)
        {
            var reversed = new LinearAxis();
            reversed.SetProperty("autorange", "reversed");
            chart = Plotly.NET.Chart.withYAxis(reversed, null).Invoke(chart);
        }

        return chart
            .WithXAxisStyle<double, double, string>(
                TitleText: Opt.Ref(panel.XTitle), AxisType: Opt.Ref(panel.LogX ? StyleParam.AxisType.Log : null),
                MinMax: Opt.Ref(RangeOf(panel.XRange, panel.LogX)))
            .WithYAxisStyle<double, double, string>(
                TitleText: Opt.Ref(panel.YTitle), AxisType: Opt.Ref(panel.LogY ? StyleParam.AxisType.Log : null),
                MinMax: Opt.Ref(RangeOf(panel.YRange, panel.LogY)));
    }

    /// <summary>plotly.js takes a log axis's range as log10 of the data range.</summary>
    private static Tuple<double, double>? RangeOf(AxisRange? range, bool log) => range switch
    {
        null => null,
        _ when log => Tuple.Create(Math.Log10(range.Min), Math.Log10(range.Max)),
        _ => Tuple.Create(range.Min, range.Max),
    };
}
