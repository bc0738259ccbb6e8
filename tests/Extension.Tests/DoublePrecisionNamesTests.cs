using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// The engine's generic types keep their double-precision names in a notebook (Parameter = Parameter&lt;double&gt;):
/// the extension declares the aliases the engine's build file lists.
/// </summary>
public class DoublePrecisionNamesTests
{
    [Fact]
    public void Every_name_is_a_generic_engine_type_closed_over_double()
    {
        Assert.NotEmpty(DoublePrecisionNames.All);
        var engine = typeof(NotebookDL.Mode).Assembly;
        foreach (var (alias, type) in DoublePrecisionNames.All)
        {
            Assert.EndsWith("<double>", type);
            var generic = engine.GetType(type[..^"<double>".Length] + "`1");
            Assert.True(generic is not null, $"{alias} = {type}: no such generic type in the engine");
            Assert.Equal(alias, generic!.Name.Split('`')[0]);
        }
    }

    [Fact]
    public async Task A_cell_after_the_load_writes_the_double_names()
    {
        using var kernel = new NotebookKernel();
        var cell = await kernel.SubmitAsync("""
            using NotebookDL.Layers;
            using NotebookDL.Tensors;
            Parameter p = new Parameter("W", Mat.Zeros(2, 3), regularized: true);
            var count = p.Count;
            """);
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Equal(6, kernel.Variable<int>("count"));
    }
}
