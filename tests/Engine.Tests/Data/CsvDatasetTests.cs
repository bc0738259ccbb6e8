using NotebookDL.Data;

namespace NotebookDL.Tests.Data;

public class CsvDatasetTests
{
    [Fact]
    public void A_small_csv_with_a_header_loads_features_and_integer_classes()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("points.csv", "x1,x2,label\n1.5,-2,0\n3,4e-1,2\n\n5, 6 ,1\n");

        var data = CsvDataset.Load(path);

        Assert.Equal("points", data.Name);
        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.Features);
        Assert.Equal([0, 2, 1], data.Labels);
        Assert.Equal(3, data.Classes);
        Assert.Equal([1.5, -2, 3, 0.4, 5, 6], new[] { data.X[0, 0], data.X[0, 1], data.X[1, 0], data.X[1, 1], data.X[2, 0], data.X[2, 1] });
    }

    [Fact]
    public void Without_a_header_the_first_line_is_data()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("plain.csv", "1,2,1\n3,4,0\n");
        Assert.Equal(2, CsvDataset.Load(path).Count);
        Assert.Equal(1, CsvDataset.Load(path, hasHeader: true).Count);
    }

    [Fact]
    public void Class_names_map_to_indices_in_sorted_order_and_become_the_class_names()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("iris.csv", "species;a;b\nversicolor;1;2\nsetosa;3;4\nvirginica;5;6\nsetosa;7;8\n");

        var data = CsvDataset.Load(path, labelColumn: 0, separator: ';');

        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal([1, 0, 2, 0], data.Labels);
        Assert.Equal(7, data.X[3, 0]);
    }

    [Fact]
    public void A_ragged_row_is_an_error_naming_the_file_and_line()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("ragged.csv", "a,b,y\n1,2,0\n3,4,5,1\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("line 3 has 4 fields, expected 3", error.Message);
    }

    [Fact]
    public void A_non_number_is_an_error_naming_the_file_line_and_column()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("bad.csv", "1,2,0\n3,abc,1\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("line 2, column 2: 'abc' is not a number", error.Message);
    }

    [Fact]
    public void A_non_integer_label_after_integer_labels_is_an_error_with_line_and_column()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("labels.csv", "1,2,0\n3,4,1.5\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains("line 2, column 3", error.Message);
    }

    [Fact]
    public void A_first_line_mixing_numbers_and_text_asks_for_hasHeader()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("mixed.csv", "1,b,0\n3,4,1\n5,6,0\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains($"{path}: line 1 mixes numbers and text in its feature columns", error.Message);
        Assert.Equal("hasHeader", error.Data[CsvDataset.OptionKey]);
        Assert.Equal(2, CsvDataset.Load(path, hasHeader: true).Count);
    }

    [Fact]
    public void Scikit_learn_s_header_of_rows_features_and_class_names_gives_the_class_names()
    {
        using var temp = new TempFolder();
        // As scikit-learn ships its CSVs: "N,D,name0,name1,...", here 4 rows of 2 features and 3 classes (5 fields, not 3).
        var path = temp.WriteText("flowers.csv", "4,2,setosa,versicolor,virginica\n5.1,3.5,0\n7.0,3.2,1\n6.3,3.3,2\n4.9,3.0,0\n");

        var data = CsvDataset.Load(path);

        Assert.Equal((4, 2), (data.Count, data.Features));
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal([0, 1, 2, 0], data.Labels);
        Assert.Equal(["setosa", "versicolor", "virginica"], CsvDataset.Load(path, hasHeader: true).ClassNames);
    }

    [Fact]
    public void A_scikit_learn_header_whose_counts_differ_from_the_file_is_an_error_naming_both()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("short.csv", "5,2,a,b\n1,2,0\n3,4,1\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains($"{path}: line 1 reads as scikit-learn's header (rows, features, class names) but says 5 rows of 2 features; the file has 2 rows of 2 features", error.Message);
    }

    [Fact]
    public void A_header_naming_more_columns_than_the_rows_have_is_an_error()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("names.csv", "a,b,c,y\n1,2,0\n3,4,1\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains($"{path}: line 1 (the header) names 4 columns but line 2 has 3 fields", error.Message);
    }

    [SkippableFact]
    public void The_shipped_iris_loads_150_flowers_of_4_features_in_3_named_classes_of_50()
    {
        var data = CsvDataset.Load(Path.Combine(SharedData.Require("sklearn"), "iris.csv"));
        Assert.Equal((150, 4), (data.Count, data.Features));
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal([50, 50, 50], Cifar10Tests.ClassCounts(data.Labels, 3));
        Assert.Equal([5.1, 3.5, 1.4, 0.2], Enumerable.Range(0, 4).Select(j => data.X[0, j]));
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var path = temp.File("none.csv");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => CsvDataset.Load(path)).Message);
    }

    /// <summary>A CSV of two feature columns and the label column y: line 1 the header, then one line per label.</summary>
    private static string WriteLabels(TempFolder temp, string name, IEnumerable<string> labels) =>
        temp.WriteText(name, "x1,x2,y\n" + string.Concat(labels.Select((y, i) => $"{i % 7},{i % 3}.5,{y}\n")));

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void A_continuous_label_column_is_refused_naming_the_line_and_value_as_a_regression_target()
    {
        using var temp = new TempFolder();
        var path = WriteLabels(temp, "prices.csv", Enumerable.Range(0, 200).Select(i => (i * 0.37 + 1).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains(path, error.Message);
        // 1.00 (line 2) is a whole number: the first fraction is on line 3; 1.00 and 38.00 are the only whole ones.
        Assert.Contains("line 3, column 3 ('y'): label '1.37' is not a whole number", error.Message);
        Assert.Contains("198 of the 200 labels have a fractional part", error.Message);
        Assert.Contains("continuous target (regression is not supported)", error.Message);
        Assert.Contains("is column 3 of 3 the label column?", error.Message);
    }

    [Fact]
    public void Whole_number_labels_up_to_514160_in_200_rows_are_refused_before_any_class_is_made()
    {
        using var temp = new TempFolder();
        var path = WriteLabels(temp, "ids.csv", Enumerable.Range(0, 200).Select(i => (i * 2584 % 514161).ToString()).Append("514160"));
        InvalidDataException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path)));
        Assert.True(allocated < 4 << 20, $"refusing 514,161 classes allocated {allocated:N0} bytes");
        Assert.Contains(path, error!.Message);
        Assert.Contains("line 3, column 3 ('y'): label 2584 would make 2,585 classes, more than the 201 rows", error.Message);
        Assert.Contains("201 different values in 201 rows", error.Message);
        Assert.Contains("continuous target", error.Message);
        Assert.Contains("is column 3 of 3 the label column?", error.Message);
    }

    [Fact]
    public void One_label_of_999999_among_classes_0_1_2_is_refused_naming_its_line()
    {
        using var temp = new TempFolder();
        var path = WriteLabels(temp, "typo.csv", Enumerable.Range(0, 200).Select(i => i == 7 ? "999999" : (i % 3).ToString()));
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains("line 9, column 3 ('y'): label 999999 would make 1,000,000 classes, more than the 200 rows", error.Message);
        Assert.Contains("4 different values in 200 rows", error.Message);
    }

    [Fact]
    public void More_than_1000_class_indices_are_refused_even_with_more_rows()
    {
        using var temp = new TempFolder();
        var path = WriteLabels(temp, "many.csv", Enumerable.Range(0, 3000).Select(i => (i % 1500).ToString()));
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains("line 1002, column 3 ('y'): label 1000 would make 1,001 classes, more than the limit of 1,000", error.Message);
    }

    [Fact]
    public void More_than_1000_class_names_are_refused_at_the_line_of_the_1001st()
    {
        using var temp = new TempFolder();
        var path = WriteLabels(temp, "names.csv", Enumerable.Range(0, 2004).Select(i => $"name{i / 2}"));
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains("line 2002, column 3 ('y'): label 'name1000' makes 1,001 different labels, more than the limit of 1,000 classes", error.Message);
    }

    [Fact]
    public void Whole_numbers_written_as_decimals_are_class_indices()
    {
        using var temp = new TempFolder();
        var path = WriteLabels(temp, "floats.csv", ["0.0", "2.0", "1.0", "2"]);
        var data = CsvDataset.Load(path);
        Assert.Equal([0, 2, 1, 2], data.Labels);
        Assert.Equal(["0", "1", "2"], data.ClassNames);
    }

    [Fact]
    public void Negative_whole_number_labels_are_class_names_in_numeric_order()
    {
        using var temp = new TempFolder();
        var path = WriteLabels(temp, "signs.csv", ["1", "-1", "10", "-2", "1"]);
        var data = CsvDataset.Load(path);
        Assert.Equal(["-2", "-1", "1", "10"], data.ClassNames);
        Assert.Equal([2, 1, 3, 0, 2], data.Labels);
    }

    [Fact]
    public void Rows_past_the_values_limit_are_refused_at_the_line_that_passes_it()
    {
        var lines = Enumerable.Range(0, 10).Select(i => $"{i},{i},{i % 2}");
        var error = Assert.Throws<DataLimitException>(() =>
            CsvDataset.Parse(lines, "big.csv", "big", -1, null, ',', null, null, maxValues: 10));
        Assert.Contains("big.csv: line 6: 6 rows of 2 features are 12 values; the limit is 10", error.Message);
    }

    [Fact]
    public void A_file_without_line_ends_is_refused_at_the_line_length_limit_without_reading_it_whole()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("binary.csv", new string('x', 3 * DataLimits.MaxLineLength));
        InvalidDataException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path)));
        Assert.True(allocated < 3L * DataLimits.MaxLineLength, $"reading the first line allocated {allocated:N0} bytes");
        Assert.Contains(path, error!.Message);
        Assert.Contains($"line 1 is longer than {DataLimits.MaxLineLength:N0} characters", error.Message);
    }
}
