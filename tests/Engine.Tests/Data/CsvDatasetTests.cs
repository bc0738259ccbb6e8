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
        var path = temp.WriteText("mixed.csv", "1,b,0\n3,4,1\n");
        Assert.Contains("hasHeader", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path)).Message);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var path = temp.File("none.csv");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => CsvDataset.Load(path)).Message);
    }
}
