using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NotebookDL.Charts.Spec;

/// <summary>
/// The one JSON form of a <see cref="FigureSpec"/>, shared by the writer (the extension) and the reader (the
/// chart assembly): camelCase names, nulls, false and 0 left out (they read back as the defaults), NaN and ±Infinity written as "NaN" / "Infinity" /
/// "-Infinity" (JSON has no literal for them), and unknown properties rejected so a typo fails loudly.
/// </summary>
public static class SpecJson
{
    /// <summary>
    /// The serializer options both sides use. The reflection-based resolver is set explicitly, so specs still
    /// serialise in an app that turns reflection off by default (a file-based app such as samples/train.cs is
    /// published AOT by default, which sets System.Text.Json's IsReflectionEnabledByDefault to false).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The spec as JSON.</summary>
    public static string Serialize(FigureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JsonSerializer.Serialize(spec, Options);
    }

    /// <summary>A spec from JSON; throws <see cref="ArgumentException"/> naming the problem when it is not one.</summary>
    public static FigureSpec Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<FigureSpec>(json, Options)
                   ?? throw new ArgumentException("The figure spec JSON is 'null'.", nameof(json));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The figure spec JSON is not a valid FigureSpec: {e.Message}", nameof(json), e);
        }
    }
}
