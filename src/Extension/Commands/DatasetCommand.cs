using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Training;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLDataset : MagicDirective;

/// <summary>
/// <c>#!dataset cifar10 --val 1000 --preprocess mean</c>: loads a data set, splits it into train / val / test
/// (seeded), fits the preprocessing on the training part only, and makes it the notebook's current data for
/// the commands that follow. Shows what was found, the sizes, examples per class and sample images (or the
/// points of 2-D data). <c>#!dataset auto</c> takes the first of <c>--prefer</c> that this machine has (the real
/// data sets from <c>NOTEBOOKDL_DATA</c>, the built-in ones always) and says which it took and why, so one
/// notebook serves a classroom with or without the real data.
/// </summary>
public sealed class DatasetCommand : MagicCommand<NotebookDLDataset>
{
    /// <summary>PCA and whitening of more features than this are refused (an eigendecomposition of a D×D covariance).</summary>
    public const int MaxPcaFeatures = 1024;

    /// <summary>At most this many synthetic images (3,072 doubles each: about 120 MB).</summary>
    public const int MaxSyntheticImages = 5000;

    private const string CifarHow =
        "download the binary version (cifar-10-binary.tar.gz) from https://www.cs.toronto.edu/~kriz/cifar.html and unpack it; " +
        "then pass --path /path/to/cifar-10-batches-bin, or set NOTEBOOKDL_DATA to a folder holding cifar10/ with the data_batch_*.bin and test_batch.bin files (and restart the kernel)";

    private const string MnistHow =
        "download train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz (and the t10k-* test files) from http://yann.lecun.com/exdb/mnist/; " +
        "then pass --path /path/to/that/folder, or set NOTEBOOKDL_DATA to a folder holding mnist/ with those files (and restart the kernel)";

    public override string Name => "dataset";
    public override string Summary => "loads a data set (spiral, digits, synthetic, cifar10, mnist, csv, or auto: the best one here), splits and preprocesses it, and makes it the notebook's current data";

    /// <summary>The data sets <c>--name</c> takes.</summary>
    private static readonly string[] Kinds = ["spiral", "digits", "synthetic", "cifar10", "mnist", "csv", "auto"];

    private static readonly Option<string> Kind = Option.Choice("--name",
        "the data set (spiral, digits, synthetic: built in; cifar10, mnist: from --path or NOTEBOOKDL_DATA; csv: --path FILE; auto: the first of --prefer found here)",
        "digits", Kinds).NameOptional();

    private static readonly Option<string[]> Prefer = Option.Custom<string[]>("--prefer",
        $"auto only: comma list of {string.Join(", ", DatasetChoice.Candidates)}, in order; the first that is here is used",
        [.. DatasetChoice.DefaultPreference], ReadPreference, p => string.Join(",", p));

    private static readonly Option<string?> DataPath = Option.FilePath("--path", "the cifar10 / mnist folder, or the csv file").Echoed();
    private static readonly Option<int?> Train = Option.OptionalWhole("--train", "training examples (default: what the other parts leave; synthetic: 20)", 1).Echoed();
    private static readonly Option<int?> Val = Option.OptionalWhole("--val", "validation examples (digits 300, spiral 20%, cifar10 / mnist 1000, csv 20%, synthetic 0)", 0).Echoed();
    private static readonly Option<int?> Test = SharedOptions.Test.With(help: "test examples (cifar10 / mnist: from the test file, all of it by default; else 0)", echo: Echo.Always);

    private static readonly Option<string?> Preprocess = Option.Text("--preprocess",
        "comma list: mean, per-channel-mean, std, pca, whiten, or none; fitted on train only (digits, csv: mean,std; cifar10, mnist, synthetic: mean; spiral: none)").Echoed();

    private static readonly Option<int?> Components = Option.OptionalWhole("--components", "k for pca / whiten", 1, defaultText: "all");
    private static readonly Option<int> Points = Option.Whole("--points", "spiral: points per class", 100, 1, 10_000);
    private static readonly Option<int> Classes = Option.Whole("--classes", "spiral: classes (arms)", 3, 2, 10);
    private static readonly Option<int> LabelColumn = Option.Whole("--label-column", "csv: 0-based label column, negative from the end", -1).Echoed(Echo.UnlessDefault);
    private static readonly Option<string> Header = Option.Choice("--header",
        "csv: whether line 1 is a header (auto: when its features are not numbers; scikit-learn's 'rows,features,class names' line also names the classes)",
        "auto", "yes", "no", "auto").Echoed(Echo.UnlessDefault);
    private static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of the split (and of the spiral's noise, the synthetic pixels)");
    private static readonly Option<Dtype> StoredAs = TrainingOptionTable.Dtype.With(
        help: "the precision the examples are stored in, as rows: float32 takes half the memory and is what a --dtype float32 run computes in " +
              "(pixels are exact in both; preprocessed values round to nearest); cifar10 and mnist load straight into it");
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the data", "data");

    public override IReadOnlyList<CommandOption> Options { get; } =
        [Kind, Prefer, DataPath, Train, Val, Test, Preprocess, Components, Points, Classes, LabelColumn, Header, Seed, StoredAs, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!dataset digits",
        "#!dataset spiral --points 100 --classes 3",
        "#!dataset cifar10 --path ~/data/cifar-10-batches-bin --val 1000 --preprocess mean",
        "#!dataset mnist --train 5000 --val 1000 --preprocess mean,std",
        "#!dataset cifar10 --dtype float32",
        "#!dataset csv --path iris.csv --val 30",
        "#!dataset auto",
        "#!dataset auto --prefer cifar10,synthetic --train 20 --val 0 --test 0",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var v = c.Values;
        var kind = c.Get(Kind);
        DatasetChoice? choice = null;
        if (kind == "auto") kind = (choice = Auto(v)).Name;
        else if (v.Given(Prefer)) throw new CommandException($"{Prefer.Name} is only for auto (the data set here is {kind})");
        int seed = c.Get(Seed);
        int? train = c.Get(Train), val = c.Get(Val), test = c.Get(Test);
        var name = c.Get(As);

        DatasetDefaults defaults;
        Loaded loaded;
        while (true)
        {
            OnlyFor(kind, v);
            defaults = DatasetDefaults.For(kind);
            try
            {
                loaded = Load(kind, defaults, v, seed, train, val, test, explain: choice is null);
                break;
            }
            catch (Exception e) when (choice is { BuiltIn: false } && e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // auto: a real data set whose files are here but do not load gives way to the next of --prefer.
                var reason = UserMessage(e);
                kind = (choice = choice.Reject(reason) ?? throw new CommandException(DatasetChoiceFormatter.NoneUsable(choice, reason))).Name;
            }
        }
        string? chosen = choice is null ? null : DatasetChoiceFormatter.Why(choice);
        bool fellBack = choice?.FellBack ?? false;
        c.CancellationToken.ThrowIfCancellationRequested();
        int valCount = val ?? defaults.ValOf(loaded.Pool.Count);
        if (PoolSplit.Shortfall(loaded.Pool, loaded.TestFile, train, valCount, test) is { } shortfall) throw new CommandException(Refusal(shortfall));
        var raw = PoolSplit.Split(loaded.Pool, loaded.TestFile, train, valCount, test, seed);

        var preprocess = c.Get(Preprocess) ?? defaults.Preprocessing;
        var pipeline = Pipeline.Parse(preprocess, raw.Train.Image, c.Get(Components));
        if (pipeline.Steps.Any(s => s is Pca or Whitening) && raw.Train.Features > MaxPcaFeatures)
            throw new CommandException(
                $"{Preprocess.Name} {preprocess}: PCA of {raw.Train.Features:N0} features needs the eigendecomposition of a {raw.Train.Features:N0}×{raw.Train.Features:N0} covariance, " +
                $"about {PcaSeconds(raw.Train.Count, raw.Train.Features):N0} s here; the limit is {MaxPcaFeatures:N0} features (the lecture: PCA and whitening are uncommon for images)");
        var samples = raw.Train.Subset(DatasetFormatter.Samples(raw.Train).Select(s => s.Index).ToArray()); // before preprocessing, to show
        var splits = pipeline.FitTransform(raw);
        if (v.Given(StoredAs)) splits = splits.AsRows(c.Get(StoredAs)); // the loaders' rows already are; the others become rows

        var description = $"{(chosen is null ? "" : chosen + ". ")}{loaded.Source}: {Counts(splits)}, seed {seed}; preprocessing {pipeline.Name}";
        var current = new CurrentData(kind, splits, pipeline.Name, description) { RawVal = raw.Val?.Image is null ? null : raw.Val, RawTest = raw.Test?.Image is null ? null : raw.Test };
        c.Session.Data = current;
        var stored = await c.StoreAsync(name, current);

        // The sizes and the preprocessing as used, so that the line loads the same data again.
        var line = $"#!dataset {kind} " +
                   v.With(Train, splits.Train.Count).With(Val, splits.Val?.Count ?? 0).With(Test, splits.Test?.Count ?? 0).With(Preprocess, pipeline.Name).Echo("") +
                   (chosen is null ? "" : $" (chosen by {Kind.Name} auto)");
        c.Show(Html.Block(
                chosen is null ? null : Html.Note(chosen, fellBack ? "warn" : "ok"),
                Html.Note(loaded.Source),
                Html.Detail($"split (seed {seed}): {Counts(splits)}; preprocessing {pipeline} fitted on the {splits.Train.Count:N0} training examples only"),
                DatasetFormatter.Html(splits, samples.Image is null ? null : samples),
                Html.Detail($"now the current data of the notebook's commands · {line} · {stored}")),
            $"{description}\n{DatasetFormatter.Text(splits)}");
        foreach (var chart in DatasetFormatter.Charts(splits)) c.Show(chart);
    }

    /// <summary>What a loader gave: the examples to split, an optional separate test set, and a sentence saying where they came from.</summary>
    private sealed record Loaded(Dataset Pool, Dataset? TestFile, string Source);

    /// <summary>The options that only one data set takes, refused for the others.</summary>
    private static void OnlyFor(string kind, OptionValues v)
    {
        if (kind != "spiral")
            foreach (var only in new[] { Points, Classes })
                if (v.Given(only)) throw new CommandException($"{only.Name} is only for spiral (the data set here is {kind})");
        foreach (var only in new CommandOption[] { LabelColumn, Header })
            if (kind != "csv" && v.Given(only)) throw new CommandException($"{only.Name} is only for csv (the data set here is {kind})");
    }

    /// <summary>
    /// Loads <paramref name="kind"/>. With <paramref name="explain"/> a missing or oversized file of a real data set
    /// is a command error saying how to get or load it; without (auto), the loader's own error, for the next choice.
    /// </summary>
    private static Loaded Load(string kind, DatasetDefaults defaults, OptionValues v, int seed, int? train, int? val, int? test, bool explain)
    {
        switch (kind)
        {
            case "digits":
                NoPath(v, kind);
                return new Loaded(Digits.Load(), null, "built-in 8×8 digits (UCI, as scikit-learn ships them): 1,797 images of 0..16");
            case "synthetic":
            {
                NoPath(v, kind);
                long total = (long)(train ?? defaults.Train!.Value) + (val ?? defaults.Val!.Value) + (test ?? 0);
                if (total > MaxSyntheticImages)
                    throw new CommandException(
                        $"synthetic: {total:N0} images of 3,072 pixels would take about {total * Cifar10.PixelsPerImage * 8 / 1e6:N0} MB; the limit is {MaxSyntheticImages:N0} " +
                        "(they are noise, for the overfit check: 20 are enough)");
                var images = SyntheticImages.Create((int)total, seed: seed);
                return new Loaded(images, null,
                    $"synthetic CIFAR-10-shaped images (built in, not photographs): {total:N0} images of 3×32×32 pixels drawn at random from 0..255, " +
                    $"labels 0..9 in turn (seed {seed}); nothing in them predicts the label, so a network can only memorise them");
            }
            case "spiral":
            {
                NoPath(v, kind);
                int points = v.Get(Points), classes = v.Get(Classes);
                var spiral = Spiral.Create(points, classes, seed);
                return new Loaded(spiral, null, $"cs231n spiral: {classes} arms of {points:N0} points in 2-D (seed {seed})");
            }
            case "csv":
            {
                var path = v.Get(DataPath) ?? throw new CommandException($"csv needs {DataPath.Name} FILE: a CSV file with numeric feature columns and a label column");
                var data = LoadCsv(path, v.Get(LabelColumn), v.Get(Header) switch { "yes" => true, "no" => false, _ => null });
                return new Loaded(data, null, $"CSV {Path.GetFullPath(path)}: {data.Count:N0} rows of {data.Features} features, {data.Classes} classes");
            }
            default:
            {
                bool cifar = kind == "cifar10";
                var title = cifar ? "CIFAR-10" : "MNIST";
                var how = cifar ? CifarHow : MnistHow;
                var folder = v.Get(DataPath) ?? FromEnvironment(cifar, title, how);
                // Read only what the split needs: train + val from the training files when --train is given.
                int? maxTrain = train is int t ? t + (val ?? defaults.Val!.Value) + (test ?? 0) : null;
                var dtype = v.Get(StoredAs);
                DataFolder LoadFolder() => cifar ? Cifar10.LoadFolder(folder, maxTrain, test, dtype) : Mnist.LoadFolder(folder, maxTrain, test, dtype);
                var found = explain ? Rethrow(LoadFolder, how) : LoadFolder();
                var files = string.Join(", ", found.Files.Select(f => $"{Path.GetFileName(f.Path)} ({f.Records:N0})"));
                var pool = found.Train ?? throw new InvalidDataException($"{found.Folder} holds no {title} training files ({found.Description}){(explain ? "; " + how : "")}");
                return new Loaded(pool, found.Test, $"{title} from {found.Folder}: {files}");
            }
        }
    }

    /// <summary><c>--name auto</c>: the first of --prefer this machine has (it may still fail to load: see <see cref="RunAsync"/>).</summary>
    private static DatasetChoice Auto(OptionValues v)
    {
        if (v.Given(DataPath))
            throw new CommandException($"auto looks in NOTEBOOKDL_DATA and takes no {DataPath.Name}: to load a folder, name its data set, e.g. #!dataset cifar10 --path FOLDER");
        var prefer = v.Get(Prefer);
        var paths = DataPaths.FromEnvironment();
        var choice = DatasetChoice.Choose(prefer, paths) ?? throw new CommandException(
            $"{Kind.Name} auto: none of {Prefer.Name} {string.Join(",", prefer.Select(p => p.ToLowerInvariant()).Distinct())} is here ({paths}); end the list with a built-in data set (digits, spiral or synthetic) to fall back on");
        return choice;
    }

    /// <summary>Why the sizes asked cannot be split, naming the options that asked for them.</summary>
    private static string Refusal(SplitShortfall s)
    {
        var where = s.HasTestFile ? $"{s.PoolName}'s training files hold {s.Available:N0}" : $"{s.PoolName} has {s.Available:N0}";
        return s.Kind switch
        {
            SplitShortfallKind.MoreThanThePool => $"--train {s.Train:N0} + --val {s.Val:N0} + --test {s.Test:N0} = {s.Asked:N0} examples, but {where}; ask for fewer",
            SplitShortfallKind.NoneLeftForTraining => $"--val {s.Val:N0} + --test {s.Test:N0} = {s.Asked:N0} examples leave none for training: {where}; ask for fewer",
            _ => $"--test {s.Test:N0}, but the test file holds {s.Available:N0} examples",
        };
    }

    private static string FromEnvironment(bool cifar, string title, string how)
    {
        var paths = DataPaths.FromEnvironment();
        var folder = cifar ? paths.Cifar10 : paths.Mnist;
        if (folder is not null) return folder;
        throw new CommandException(paths.Root is null
            ? $"{title} was not found: no --path was given and {DataPaths.EnvironmentVariable} is not set. To use it, {how}"
            : $"{title} was not found: {DataPaths.EnvironmentVariable} = {paths.Root} holds no {(cifar ? "cifar10" : "mnist")}/ folder with its files. To use it, {how}");
    }

    /// <summary>The data sets <c>auto</c> may take, in order, each one of <see cref="DatasetChoice.Candidates"/> (any case).</summary>
    private static string[] ReadPreference(string text)
    {
        var prefer = Option.SplitList(text);
        if (prefer.Length == 0) throw new CommandException($"{Prefer.Name} needs at least one value, got '{text}'");
        foreach (var p in prefer)
            if (!DatasetChoice.Candidates.Contains(p, StringComparer.OrdinalIgnoreCase))
                throw new CommandException($"{Prefer.Name} takes {string.Join(", ", DatasetChoice.Candidates)}; got '{p}'");
        return prefer;
    }

    private static void NoPath(OptionValues v, string kind)
    {
        if (v.Given(DataPath)) throw new CommandException($"{kind} is built in: it takes no {DataPath.Name}");
    }

    /// <summary>
    /// A missing file or folder as a command error with how to get the data; image files holding more than the
    /// engine loads at once with how to load their first records.
    /// </summary>
    private static T Rethrow<T>(Func<T> load, string how)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandException($"{e.Message}; {how}");
        }
        catch (DataLimitException e)
        {
            throw new CommandException($"{e.Message}; {Train.Name} N reads only the first N + {Val.Name} + {Test.Name} of the training images");
        }
    }

    /// <summary>A CSV file, its errors naming the option that may fix them.</summary>
    private static Dataset LoadCsv(string path, int labelColumn, bool? header)
    {
        try
        {
            return CsvDataset.Load(path, labelColumn, header);
        }
        catch (FileNotFoundException e)
        {
            throw new CommandException(e.Message);
        }
        catch (InvalidDataException e) when (e.Data[CsvDataset.OptionKey] is "labelColumn")
        {
            throw new CommandException($"{e.Message} ({LabelColumn.Name} K chooses the label column: 0-based, negative from the end)");
        }
        catch (InvalidDataException e) when (e.Data[CsvDataset.OptionKey] is "hasHeader")
        {
            throw new CommandException($"{e.Message} with {Header.Name} yes or {Header.Name} no");
        }
    }

    private static string Counts(DatasetSplits s) =>
        string.Join(" / ", s.Parts().Select(p => $"{p.Data.Count.ToString("N0", CultureInfo.InvariantCulture)} {p.Part}"));

    /// <summary>Seconds for PCA: the covariance (N·D² multiply-adds at ~2e9/s) and its eigendecomposition (~2e-9·D³ s, measured 58 s for D = 3072).</summary>
    private static double PcaSeconds(int n, int d) => (double)n * d * d / 2e9 + 2e-9 * d * (double)d * d;
}
