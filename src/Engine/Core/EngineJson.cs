using System.Text.Json.Serialization.Metadata;

namespace NotebookDL;

/// <summary>
/// The type-info resolver every JSON option set of the engine names (network files, histories, trial specs, data set
/// blobs). Reflection-based, as the default would be, but named: where reflection-based JSON is off by default — a
/// file-based app (<c>dotnet run app.cs</c>) — an option set without one throws "Reflection-based serialization has
/// been disabled".
/// </summary>
internal static class EngineJson
{
    public static readonly IJsonTypeInfoResolver Resolver = new DefaultJsonTypeInfoResolver();
}
