using Plotly.NET.CSharp;

namespace NotebookDL.Charts.Building;

/// <summary>Plotly.NET.CSharp's <see cref="Optional{T}"/> from C# nullables: null means "not set".</summary>
internal static class Opt
{
    public static Optional<T> Ref<T>(T? value) where T : class => value is null ? default : new(value, true);

    public static Optional<T> Val<T>(T? value) where T : struct => value is { } v ? new(v, true) : default;
}
