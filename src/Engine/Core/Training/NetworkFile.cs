using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Regularization;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>A network read back from a file, and the training history saved with it (as it was given).</summary>
public sealed record LoadedNetwork(Network Network, string? HistoryJson);

/// <summary>
/// Saves and loads a network: its input width, each layer's <see cref="LayerSpec"/>, parameters and buffers
/// (batch norm's running averages), the loss and the regulariser, plus an optional training-history JSON
/// string stored verbatim. The file is JSON; tensors are base64 of their float64 values (little-endian,
/// column-major as MathNet stores them), so every number, NaN included, comes back bit for bit and the
/// loaded network predicts exactly what the saved one did. Dropout layers restart their mask stream from
/// their seed.
/// </summary>
public static class NetworkFile
{
    /// <summary>The marker in every file's "format" field.</summary>
    public const string Format = "NotebookDL network";

    /// <summary>The file layout this version writes and reads.</summary>
    public const int Version = 1;

    // A file, not HTML: no need to escape '+' in base64 or quotes in the history as \u002B, \u0022.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = EngineJson.Resolver,
    };

    /// <summary>Writes <paramref name="net"/> (and <paramref name="historyJson"/>, if any) to <paramref name="path"/>, replacing it.</summary>
    public static void Save(Network net, string path, string? historyJson = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = ToJson(net, historyJson);
        // Write beside the target, then move: an interrupted save never leaves half a file behind.
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a network saved by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a NotebookDL network, or its contents do not fit together.</exception>
    public static LoadedNetwork Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"no network file at '{path}'", path);
        return FromJson(File.ReadAllText(path), $"'{path}'");
    }

    /// <summary>The file's text for <paramref name="net"/>, without writing it.</summary>
    public static string ToJson(Network net, string? historyJson = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        var file = new FileDto
        {
            Format = Format,
            Version = Version,
            InputSize = net.InputSize,
            Loss = LossToDto(net.Loss),
            Regularizer = new RegularizerDto { Kind = net.Regularizer.Kind.ToString(), Lambda = net.Regularizer.Lambda, L1Ratio = net.Regularizer.L1Ratio },
            Layers = net.Layers.Select(layer => new LayerDto
            {
                Kind = layer.Spec.Kind,
                Settings = new Dictionary<string, double>(layer.Spec.Settings),
                Parameters = layer.Parameters.Select(p => TensorToDto(p.Name, p.Value)).ToList(),
                Buffers = layer.Buffers.Select(b => TensorToDto(b.Key, b.Value)).ToList(),
            }).ToList(),
            History = historyJson,
        };
        return JsonSerializer.Serialize(file, Json);
    }

    /// <summary>A network from the text <see cref="ToJson"/> wrote; <paramref name="source"/> names it in errors.</summary>
    public static LoadedNetwork FromJson(string json, string source = "the text")
    {
        FileDto? file;
        try
        {
            file = JsonSerializer.Deserialize<FileDto>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not a NotebookDL network file (not valid JSON: {e.Message})", e);
        }
        if (file is null || file.Format != Format)
            throw new InvalidDataException($"{source} is not a NotebookDL network file (its \"format\" field is not \"{Format}\")");
        if (file.Version != Version)
            throw new InvalidDataException($"{source} has format version {file.Version}; this NotebookDL reads version {Version}");
        if (file.Layers is null || file.Layers.Count == 0) throw new InvalidDataException($"{source} holds no layers");

        var layers = new List<ILayer>();
        for (int i = 0; i < file.Layers.Count; i++) layers.Add(LayerFromDto(file.Layers[i], i, source));
        try
        {
            return new LoadedNetwork(new Network(file.InputSize, layers, LossFromDto(file.Loss, source), RegularizerFromDto(file.Regularizer, source)), file.History);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: the saved layers do not fit together: {e.Message}", e);
        }
    }

    private static ILayer LayerFromDto(LayerDto dto, int index, string source)
    {
        string where = $"{source}, layer {index} ({dto.Kind ?? "no kind"})";
        ILayer layer;
        try
        {
            layer = LayerFactory.Create(new LayerSpec(dto.Kind ?? "", dto.Settings ?? []));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{where}: {e.Message}", e);
        }
        var saved = dto.Parameters ?? [];
        if (saved.Count != layer.Parameters.Count)
            throw new InvalidDataException($"{where}: {saved.Count} parameters saved, the layer has {layer.Parameters.Count}");
        for (int k = 0; k < saved.Count; k++)
        {
            var p = layer.Parameters[k];
            if (saved[k].Name != p.Name) throw new InvalidDataException($"{where}: parameter {k} is '{saved[k].Name}' in the file, the layer's is '{p.Name}'");
            CopyTensor(saved[k], p.Value, where);
        }
        var buffers = dto.Buffers ?? [];
        if (buffers.Count != layer.Buffers.Count)
            throw new InvalidDataException($"{where}: {buffers.Count} buffers saved, the layer has {layer.Buffers.Count}");
        foreach (var b in buffers)
        {
            if (b.Name is null || !layer.Buffers.TryGetValue(b.Name, out var target))
                throw new InvalidDataException($"{where}: the layer has no buffer '{b.Name}'");
            CopyTensor(b, target, where);
        }
        return layer;
    }

    private static TensorDto TensorToDto(string name, Matrix<double> m)
    {
        var values = m.Data();
        var bytes = new byte[values.Length * sizeof(double)];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(k * sizeof(double)), values[k]);
        return new TensorDto { Name = name, Rows = m.RowCount, Columns = m.ColumnCount, Data = Convert.ToBase64String(bytes) };
    }

    private static void CopyTensor(TensorDto dto, Matrix<double> target, string where)
    {
        if (dto.Rows != target.RowCount || dto.Columns != target.ColumnCount)
            throw new InvalidDataException($"{where}: '{dto.Name}' has shape ({dto.Rows}, {dto.Columns}) in the file, the layer expects {target.Shape()}");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(dto.Data ?? "");
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{where}: the values of '{dto.Name}' are not valid base64", e);
        }
        var values = target.Data();
        if (bytes.Length != values.Length * sizeof(double))
            throw new InvalidDataException($"{where}: '{dto.Name}' holds {bytes.Length / sizeof(double)} values, its shape {target.Shape()} needs {values.Length}");
        for (int k = 0; k < values.Length; k++) values[k] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(k * sizeof(double)));
    }

    private static LossDto LossToDto(ILoss loss) => loss switch
    {
        SoftmaxCrossEntropy => new LossDto { Kind = "softmax" },
        MulticlassSvm svm => new LossDto { Kind = "svm", Margin = svm.Margin },
        SigmoidCrossEntropy => new LossDto { Kind = "sigmoid" },
        _ => throw new NotSupportedException($"cannot save a network whose loss is a {loss.GetType().Name}: NotebookDL files hold softmax, svm or sigmoid"),
    };

    private static ILoss LossFromDto(LossDto? dto, string source) => dto?.Kind switch
    {
        "softmax" => new SoftmaxCrossEntropy(),
        "svm" => new MulticlassSvm(dto.Margin ?? 1.0),
        "sigmoid" => new SigmoidCrossEntropy(),
        var kind => throw new InvalidDataException($"{source}: unknown loss '{kind}' (expected softmax, svm or sigmoid)"),
    };

    private static Regularizer RegularizerFromDto(RegularizerDto? dto, string source)
    {
        if (dto is null) return Regularizer.None;
        if (!Enum.TryParse<RegularizationKind>(dto.Kind, ignoreCase: false, out var kind))
            throw new InvalidDataException($"{source}: unknown regularisation kind '{dto.Kind}'");
        try
        {
            return kind switch
            {
                RegularizationKind.None => Regularizer.None,
                RegularizationKind.L2 => Regularizer.L2(dto.Lambda),
                RegularizationKind.L1 => Regularizer.L1(dto.Lambda),
                _ => Regularizer.ElasticNet(dto.Lambda, dto.L1Ratio),
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    // The file's shape, as System.Text.Json reads and writes it.
    private sealed class FileDto
    {
        public string? Format { get; set; }
        public int Version { get; set; }
        public int InputSize { get; set; }
        public LossDto? Loss { get; set; }
        public RegularizerDto? Regularizer { get; set; }
        public List<LayerDto>? Layers { get; set; }
        public string? History { get; set; }
    }

    private sealed class LossDto
    {
        public string? Kind { get; set; }
        public double? Margin { get; set; }
    }

    private sealed class RegularizerDto
    {
        public string? Kind { get; set; }
        public double Lambda { get; set; }
        public double L1Ratio { get; set; }
    }

    private sealed class LayerDto
    {
        public string? Kind { get; set; }
        public Dictionary<string, double>? Settings { get; set; }
        public List<TensorDto>? Parameters { get; set; }
        public List<TensorDto>? Buffers { get; set; }
    }

    private sealed class TensorDto
    {
        public string? Name { get; set; }
        public int Rows { get; set; }
        public int Columns { get; set; }

        /// <summary>Base64 of the float64 values, little-endian, column-major.</summary>
        public string? Data { get; set; }
    }
}
