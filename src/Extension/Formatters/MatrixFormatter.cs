using System.Text;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// MathNet matrices and vectors as tables: small ones whole, large ones as their first and last
/// <see cref="Edge"/> rows and columns with "…" between, captioned with the shape (N, D), and a line with
/// the minimum, mean and maximum of all elements (so a weight matrix or a batch of activations can be
/// judged at a glance, as the lecture prints np.mean and np.std).
/// </summary>
public static class MatrixFormatter
{
    /// <summary>Rows (and columns) shown at each end of a large matrix.</summary>
    public const int Edge = 5;

    public static string Html(Matrix<double> m)
    {
        var rows = Indices(m.RowCount);
        var cols = Indices(m.ColumnCount);
        var headers = new List<string> { "" };
        headers.AddRange(cols.Select(j => j < 0 ? "…" : j.ToString()));
        var body = rows.Select(i =>
        {
            var cells = new List<string> { i < 0 ? "⋮" : $"<b>{i}</b>" };
            cells.AddRange(cols.Select(j => i < 0 ? (j < 0 ? "⋱" : "⋮") : j < 0 ? "…" : Reports.Html.Num(m[i, j])));
            return cells;
        });
        var caption = $"Matrix {Shape(m)}" + (rows.Contains(-1) || cols.Contains(-1) ? $", first and last {Edge} rows and columns" : "");
        return Reports.Html.Block(
            Reports.Html.Table(headers, body, Reports.Html.Encode(caption)),
            Reports.Html.Detail(Summary(Values(m))));
    }

    public static string Text(Matrix<double> m)
    {
        var rows = Indices(m.RowCount);
        var cols = Indices(m.ColumnCount);
        var sb = new StringBuilder();
        sb.AppendLine($"Matrix {Shape(m)}");
        foreach (var i in rows)
        {
            sb.Append(i < 0 ? "  ⋮  " : $"{i,4} ");
            if (i >= 0)
                foreach (var j in cols) sb.Append(j < 0 ? "       …" : $" {Reports.Html.Num(m[i, j]),10}");
            sb.AppendLine();
        }
        sb.Append(Summary(Values(m)));
        return sb.ToString();
    }

    public static string Html(Vector<double> v)
    {
        var cols = Indices(v.Count);
        var caption = $"Vector ({v.Count})" + (cols.Contains(-1) ? $", first and last {Edge} elements" : "");
        return Reports.Html.Block(
            Reports.Html.Table(cols.Select(j => j < 0 ? "…" : j.ToString()),
                [cols.Select(j => j < 0 ? "…" : Reports.Html.Num(v[j]))], Reports.Html.Encode(caption)),
            Reports.Html.Detail(Summary(v is DenseVector d ? d.Values : v.Enumerate())));
    }

    public static string Text(Vector<double> v)
    {
        var cols = Indices(v.Count);
        return $"Vector ({v.Count}): [" + string.Join(", ", cols.Select(j => j < 0 ? "…" : Reports.Html.Num(v[j]))) + "]\n" +
               Summary(v is DenseVector d ? d.Values : v.Enumerate());
    }

    /// <summary>"(N, D)".</summary>
    public static string Shape(Matrix<double> m) => $"({m.RowCount}, {m.ColumnCount})";

    /// <summary>
    /// The indices shown: all of 0..n-1 when n ≤ 2·Edge + 1, else the first and last <see cref="Edge"/> with
    /// -1 standing for the elided middle.
    /// </summary>
    public static IReadOnlyList<int> Indices(int n) =>
        n <= 2 * Edge + 1
            ? Enumerable.Range(0, n).ToArray()
            : [.. Enumerable.Range(0, Edge), -1, .. Enumerable.Range(n - Edge, Edge)];

    private static IEnumerable<double> Values(Matrix<double> m) => m is DenseMatrix d ? d.Values : m.Enumerate();

    /// <summary>"min -1.2, mean 0.003, max 2.4" over the finite values, with the count of NaN/∞ when there are any.</summary>
    public static string Summary(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        long finite = 0, other = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) { other++; continue; }
            finite++;
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (finite == 0) return other == 0 ? "no elements" : $"all {other:N0} elements are NaN or infinite";
        var line = $"min {Reports.Html.Num(min)}, mean {Reports.Html.Num(sum / finite)}, max {Reports.Html.Num(max)}";
        return other == 0 ? line : line + $" (over the finite elements; {other:N0} are NaN or infinite)";
    }
}
