namespace NotebookDL.Data;

/// <summary>
/// The checks every loader makes before reading: a missing file or folder is one clear line naming the
/// path and what was expected there, not a stack trace from deep inside a stream.
/// </summary>
internal static class DataFiles
{
    /// <summary>The file at <paramref name="path"/>, or a <see cref="FileNotFoundException"/> naming it.</summary>
    public static FileInfo RequireFile(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException(
                Directory.Exists(path)
                    ? $"{what}: '{file.FullName}' is a folder, expected a file"
                    : $"{what}: file '{file.FullName}' not found", file.FullName);
        return file;
    }

    /// <summary>The folder at <paramref name="path"/>, or a <see cref="DirectoryNotFoundException"/> naming it.</summary>
    public static DirectoryInfo RequireDirectory(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dir = new DirectoryInfo(path);
        if (!dir.Exists)
            throw new DirectoryNotFoundException(File.Exists(path)
                ? $"{what}: '{dir.FullName}' is a file; give the folder that holds it ('{Path.GetDirectoryName(dir.FullName)}')"
                : $"{what}: folder '{dir.FullName}' not found");
        return dir;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes from the start of a file.</summary>
    public static byte[] ReadPrefix(FileInfo file, long count)
    {
        if (count > Array.MaxLength)
            throw new InvalidDataException($"{file.FullName}: {count:N0} bytes is more than one read can hold; load fewer records");
        var bytes = GC.AllocateUninitializedArray<byte>((int)count);
        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Rejects a negative record limit (null means all records).</summary>
    public static void CheckMaxRecords(int? maxRecords, string paramName)
    {
        if (maxRecords is < 0)
            throw new ArgumentOutOfRangeException(paramName, maxRecords, $"{paramName} must be >= 0 (or null for all records), got {maxRecords}");
    }
}
