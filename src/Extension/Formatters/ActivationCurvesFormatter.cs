using NotebookDL.Charts.Spec;
using NotebookDL.Probes;

namespace NotebookDL.Extension.Formatters;

/// <summary>Activation functions side by side: f(x) and f'(x) as two panels, and a table of where each saturates or dies.</summary>
public static class ActivationCurvesFormatter
{
    public static FigureSpec Figure(ActivationCurves a) => FigureSpec.Grid("activation functions and their gradients", 2,
            new PanelSpec { Title = "f(x)", XTitle = "x", YTitle = "f(x)", Traces = [.. a.Curves.Select(v => TraceSpec.Line(v.Name, v.X, v.Value))] },
            new PanelSpec { Title = "f'(x) (backward pass with dOut = 1)", XTitle = "x", YTitle = "f'(x)", Traces = [.. a.Curves.Select(v => TraceSpec.Line(v.Name, v.X, v.Gradient))] })
        with { Height = 400 };

    /// <summary>The values at both ends and at 0, the largest gradient and the gradients at both ends, with what they mean.</summary>
    public static string Html(ActivationCurves a) => Reports.Html.Block(
        Reports.Html.Table(["function", $"f(−{a.Range:G3})", "f(0)", $"f({a.Range:G3})", "largest f'", $"f'(−{a.Range:G3})", $"f'({a.Range:G3})"], Rows(a)),
        Reports.Html.Detail("A gradient near 0 at both ends means the unit saturates (sigmoid, tanh); exactly 0 for x < 0 means a ReLU unit " +
                               "whose inputs stay negative stops learning (it is dead). Leaky ReLU, PReLU and ELU keep a gradient there."));

    public static string Text(ActivationCurves a) => string.Join("\n", Rows(a).Select(r => string.Join("  ", r)));

    private static IEnumerable<string[]> Rows(ActivationCurves a) => a.Curves.Select(c => new[]
    {
        Reports.Html.Encode(c.Name), Reports.Html.Num(c.ValueAtLow), Reports.Html.Num(c.ValueAtZero), Reports.Html.Num(c.ValueAtHigh),
        Reports.Html.Num(c.LargestGradient), Reports.Html.Num(c.GradientAtLow), Reports.Html.Num(c.GradientAtHigh),
    });
}
