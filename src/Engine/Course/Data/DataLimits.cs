namespace NotebookDL.Data;

/// <summary>
/// The most a loader takes from a file, checked against what the file's header (or length, or first rows) says
/// before anything of that size is allocated: a corrupt header or a wrong column is refused in milliseconds with
/// the file named, instead of filling the memory for half a minute and failing without saying where.
/// </summary>
public static class DataLimits
{
    /// <summary>
    /// The most values (examples × features) one loaded data set may hold: 2^28 = 268,435,456, 2 GiB as doubles.
    /// CIFAR-10's 50,000 training images are 153,600,000 values and MNIST's 60,000 are 47,040,000, so the course's
    /// data sets load whole; a larger file loads its first records (a loader's <c>maxRecords</c>). Splitting and
    /// preprocessing copy the data, so this keeps a whole notebook within a few GiB.
    /// </summary>
    public const long MaxValues = 1L << 28;

    /// <summary>
    /// The most classes a CSV label column may hold: 1,000, ImageNet's count and the most of any data set in the
    /// course. Every class is a row of the counts table, a bar of the chart, an output unit and a row and a column
    /// of the confusion matrix (C² cells); a column with more distinct values is a continuous target or an id,
    /// not classes. (Also at most the number of rows: a class index at or above it leaves classes with no example.)
    /// </summary>
    public const int MaxCsvClasses = 1000;

    /// <summary>
    /// The longest line a CSV may have: 1,048,576 characters, over 100,000 numeric fields. A binary file passed as
    /// CSV has no line ends: it is refused at this length rather than read into one string.
    /// </summary>
    public const int MaxLineLength = 1 << 20;

    /// <summary>Values as a size people read: "2.0 GiB as doubles".</summary>
    internal static string AsDoubles(long values) => $"{values * 8.0 / (1L << 30):0.0} GiB as doubles";
}

/// <summary>
/// A data file that may be well formed but holds more than <see cref="DataLimits"/> allows: load its first records
/// (<c>maxRecords</c>). An <see cref="IOException"/>, as .NET's own refusal to read a file over 2 GB into one array.
/// </summary>
public sealed class DataLimitException(string message) : IOException(message);
