// NotebookDL's main job: replays every course notebook headless in an in-process .NET Interactive kernel.
//   dotnet run --project src/Replay -c Release -- notebooks --out out
// Writes out/<name>.ipynb (executed, outputs filled), out/<name>.html (self-contained report) and out/index.html;
// exits non-zero naming the notebook and the cell that failed.
using System.Diagnostics;
using NotebookDL.Replay;

if (args.Length > 0 && args[0] == "convert")
{
    // Writes each notebooks/*.dib's .ipynb twin (the .dib is what authors edit).
    var folder = args.Length > 1 ? args[1] : "notebooks";
    foreach (var written in NotebookConverter.ConvertFolder(folder)) Console.WriteLine($"wrote {written}");
    return 0;
}

if (args.Length > 0 && args[0] == "student")
{
    // The student version of exercise notebooks: solutions replaced by stubs, checks kept, in a folder of its own.
    string studentIn = "notebooks", studentOut = Path.Combine("out", "student");
    for (int i = 1; i < args.Length; i++)
    {
        if (args[i] == "--out" && i + 1 < args.Length) studentOut = args[++i];
        else if (!args[i].StartsWith("--", StringComparison.Ordinal)) studentIn = args[i];
        else { Console.Error.WriteLine($"unknown student option {args[i]}: use [notebooks-folder] --out DIR"); return 2; }
    }
    try
    {
        foreach (var (name, solutions) in StudentVersion.WriteFolder(studentIn, studentOut))
            Console.WriteLine($"wrote {Path.Combine(studentOut, name)}.dib and .ipynb: " + (solutions == 0 ? "no solutions (copied as is)" : $"{solutions} solutions replaced by stubs"));
        return 0;
    }
    catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

if (args.Length > 0 && args[0] == "bundle")
{
    // An offline bundle for classrooms: a folder feed with NotebookDL and what it needs, plus the notebooks.
    string bundleOut = "bundle", version = "0.1.0";
    for (int i = 1; i < args.Length; i++)
    {
        if (args[i] == "--out" && i + 1 < args.Length) bundleOut = args[++i];
        else if (args[i] == "--version" && i + 1 < args.Length) version = args[++i];
        else { Console.Error.WriteLine($"unknown bundle option {args[i]}: use --out DIR --version V"); return 2; }
    }
    var root = Directory.GetCurrentDirectory();
    while (!File.Exists(Path.Combine(root, "NotebookDL.sln")))
        root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("run the bundle command inside the NotebookDL repository");
    return OfflineBundle.Write(root, bundleOut, version, Console.WriteLine);
}

var inputs = new List<string>();
string outDir = "out";
double cellTimeoutSeconds = 600;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
        case "--cell-timeout" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var t): cellTimeoutSeconds = t; i++; break;
        case "-h" or "--help":
            Console.WriteLine("usage: NotebookDL.Replay [notebooks-folder-or-files...] [--out DIR] [--cell-timeout SECONDS]\n" +
                              "       NotebookDL.Replay convert [notebooks-folder]   (writes each .dib's .ipynb twin)\n" +
                              "       NotebookDL.Replay student [notebooks-folder] [--out DIR]   (the student version: solutions replaced by stubs; default out/student)\n" +
                              "       NotebookDL.Replay bundle [--out DIR] [--version V]   (an offline bundle: folder feed + notebooks)");
            return 0;
        default:
            if (args[i].StartsWith("--", StringComparison.Ordinal)) { Console.Error.WriteLine($"unknown option {args[i]} (try --help)"); return 2; }
            inputs.Add(args[i]);
            break;
    }
}
if (inputs.Count == 0) inputs.Add("notebooks");

var files = new List<string>();
foreach (var p in inputs)
{
    if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*.ipynb").Order(StringComparer.Ordinal));
    else if (File.Exists(p)) files.Add(p);
    else { Console.Error.WriteLine($"no notebook or folder '{p}'"); return 2; }
}
if (files.Count == 0) { Console.Error.WriteLine($"no .ipynb files in {string.Join(", ", inputs)}"); return 2; }

Directory.CreateDirectory(outDir);
var clock = Stopwatch.StartNew();
var results = new List<NotebookResult>();
var runner = new NotebookRunner(TimeSpan.FromSeconds(cellTimeoutSeconds), Console.WriteLine);
for (int n = 0; n < files.Count; n++)
{
    var notebook = NotebookFile.Read(files[n]);
    Console.WriteLine($"[{n + 1}/{files.Count}] {notebook.Name}: {notebook.Title}");
    var result = await runner.RunAsync(notebook);
    results.Add(result);
    notebook.Write(Path.Combine(outDir, notebook.Name + ".ipynb"));
    ReportWriter.WriteNotebook(result, Path.Combine(outDir, notebook.Name + ".html"));
    Console.WriteLine(result.Succeeded
        ? $"  ok in {result.Elapsed.TotalSeconds:F1} s; shows {string.Join(", ", result.Found)}"
        : $"  FAILED in {result.Elapsed.TotalSeconds:F1} s: {result.Failure}");
}
ReportWriter.WriteIndex(results, Path.Combine(outDir, "index.html"));
Console.WriteLine($"{results.Count(r => r.Succeeded)}/{results.Count} notebooks ran clean in {clock.Elapsed.TotalSeconds:F0} s; open {Path.GetFullPath(Path.Combine(outDir, "index.html"))}");
foreach (var failed in results.Where(r => !r.Succeeded))
    Console.Error.WriteLine($"FAILED: {failed.Notebook.Path}: {failed.Failure}");
return results.All(r => r.Succeeded) ? 0 : 1;
