using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookDL.Extension.Formatters;

/// <summary>How a <see cref="Chart"/> and an <see cref="HtmlOutput"/> are written for each mime type.</summary>
public static class ChartFormatters
{
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";
    public static readonly string[] MimeTypes = ["text/html", PlotlyMimeType, "text/plain"];

    public static void Register()
    {
        Formatter.Register<Chart>((chart, writer) => writer.Write(chart.ToHtml()), "text/html");
        Formatter.Register<Chart>((chart, writer) => writer.Write(chart.ToPlotlyJson()), PlotlyMimeType);
        Formatter.Register<Chart>((chart, writer) => writer.Write(chart.ToString()), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(Chart), MimeTypes);

        Formatter.Register<HtmlOutput>((output, writer) => writer.Write(output.Html), "text/html");
        Formatter.Register<HtmlOutput>((output, writer) => writer.Write(output.Text), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(HtmlOutput), HtmlOutput.MimeTypes);
    }
}
