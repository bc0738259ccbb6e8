using System.Globalization;
using System.Text;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A network as a layer table: per layer its index, name, output shape (N, width), parameter count and
/// parameters with their shapes; then the totals, the loss and the regularisation.
/// </summary>
public static class NetworkFormatter
{
    public static string Html(Network net)
    {
        var rows = new List<string[]>
        {
            new[] { "", "input", $"(N, {net.InputSize})", "", "" },
        };
        rows.AddRange(Layers(net).Select(l => new[]
        {
            l.Index.ToString(CultureInfo.InvariantCulture), Reports.Html.Encode(l.Name), $"(N, {l.Width})",
            l.Count == 0 ? "" : l.Count.ToString("N0", CultureInfo.InvariantCulture), Reports.Html.Encode(l.Parameters),
        }));
        rows.Add(["", "<b>total</b>", "", $"<b>{net.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)}</b>", ""]);
        return Reports.Html.Block(
            Reports.Html.Heading($"Network: {net.InputSize} → {string.Join(" → ", Widths(net))}"),
            Reports.Html.Table(["#", "layer", "output", "parameters", "tensors"], rows),
            Reports.Html.Detail(Footer(net)));
    }

    public static string Text(Network net)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"#",3}  {"layer",-28} {"output",-12} {"params",10}  tensors");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"",3}  {"input",-28} {$"(N, {net.InputSize})",-12}");
        foreach (var l in Layers(net))
            sb.AppendLine(CultureInfo.InvariantCulture, $"{l.Index,3}  {l.Name,-28} {$"(N, {l.Width})",-12} {(l.Count == 0 ? "" : l.Count.ToString("N0", CultureInfo.InvariantCulture)),10}  {l.Parameters}");
        sb.Append(Footer(net));
        return sb.ToString();
    }

    private static string Footer(Network net)
    {
        int weights = net.Parameters.Where(p => p.Regularized).Sum(p => p.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"{net.ParameterCount:N0} parameters ({weights:N0} in regularised weights); loss: {net.Loss.Name}; regularisation: {net.Regularizer}");
    }

    /// <summary>The widths after each linear layer (Dense, Maxout): the architecture as the lecture writes it, 3072 → 50 → 10.</summary>
    private static IEnumerable<int> Widths(Network net) =>
        Layers(net).Where(l => net.Layers[l.Index] is Dense or Maxout).Select(l => l.Width);

    private static IEnumerable<(int Index, string Name, int Width, int Count, string Parameters)> Layers(Network net)
    {
        int width = net.InputSize;
        for (int i = 0; i < net.Layers.Count; i++)
        {
            var layer = net.Layers[i];
            width = layer.OutputSize(width);
            yield return (i, layer.Name, width, layer.Parameters.Sum(p => p.Count),
                string.Join(", ", layer.Parameters.Select(p => $"{p.Name} {p.Value.Shape()}")));
        }
    }
}
