using System.Text.Json;

namespace NotebookDL.Replay.Grading;

/// <summary>A student's notebook as the grader reads it: an .ipynb, or a .dib converted as the course's own are.</summary>
public static class SubmissionFile
{
    /// <summary>A notebook larger than this is not read (a class's notebooks are kilobytes; outputs rarely reach megabytes).</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>The notebook at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">It cannot be read as a notebook; the message says why in a student's terms.</exception>
    public static NotebookFile Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new InvalidDataException($"{path} does not exist");
            if (info.Length > MaxBytes) throw new InvalidDataException($"{info.Name} is {info.Length >> 20} MB: more than a notebook ({MaxBytes >> 20} MB at most)");
            var extension = info.Extension.ToLowerInvariant();
            if (extension == ".dib")
            {
                return NotebookFile.Parse(NotebookConverter.ToIpynb(File.ReadAllText(path)), path);
            }
            if (extension != ".ipynb") throw new InvalidDataException($"{info.Name} is not a notebook (.ipynb or .dib)");
            var notebook = NotebookFile.Read(path);
            _ = notebook.Cells; // a JSON object without cells is not a notebook
            return notebook;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} could not be read as a notebook: {e.Message}", e);
        }
    }
}
