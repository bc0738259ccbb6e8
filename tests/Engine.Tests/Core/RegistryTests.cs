using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Schedules;
using NotebookDL.Training;

namespace NotebookDL.Tests.Core;

/// <summary>
/// The registries: one line per activation, initialisation, optimiser and schedule, read by every factory
/// (Activation.Parse, Mlp, LayerFactory, Optimizer.Parse, ...). The engine's registries are shared by every
/// test in the process, so the rules of registering are tested on registries of their own.
/// </summary>
public class RegistryTests
{
    [Fact]
    public void The_built_in_names_are_the_lecture_s_in_their_order()
    {
        Assert.Equal(["relu", "tanh", "sigmoid", "leaky-relu", "prelu", "elu", "maxout"], ActivationRegistry.Names.Take(7));
        Assert.Equal("sgd, momentum, nesterov, rmsprop or adam", OptimizerRegistry.NameList);
        Assert.Equal(["constant", "step", "exp", "inv", "cosine-restarts"], Schedule.Names.Take(5));
        Assert.Equal(["zeros", "small", "large", "xavier", "xavier-normal", "he"], InitializerRegistry.Names.Take(6));
        Assert.Equal("gaussian:<scale>", Initializer.Names[^1]);
    }

    [Theory]
    [InlineData("relu", "ReLU")]
    [InlineData(" LReLU ", "LeakyReLU(0.01)")]
    [InlineData("leaky_relu", "LeakyReLU(0.01)")]
    [InlineData("elu", "ELU(1)")]
    [InlineData("Sigmoid", "Sigmoid")]
    public void Activation_Parse_reads_names_and_aliases_from_the_registry(string name, string layer) =>
        Assert.Equal(layer, Activation.Parse(name).Name);

    [Fact]
    public void Activations_with_weights_are_built_by_Mlp_but_not_by_Activation_Parse()
    {
        var e = Assert.Throws<ArgumentException>(() => Activation.Parse("prelu"));
        Assert.Contains("needs the layer's width", e.Message);
        Assert.True(ActivationRegistry.Get("maxout").IncludesWeights);
        Assert.False(ActivationRegistry.Get("prelu").IsElementwise);
        Assert.True(ActivationRegistry.Get("elu").IsElementwise);
        var net = Mlp.Create(new MlpOptions { InputSize = 3, Classes = 2, Hidden = [4], Activation = "prelu" });
        Assert.Equal(["Dense 3→4", "PReLU(4)", "Dense 4→2"], net.Layers.Select(l => l.Name));
        var maxout = Mlp.Create(new MlpOptions { InputSize = 3, Classes = 2, Hidden = [4], Activation = "maxout", MaxoutPieces = 3 });
        Assert.Equal(["Maxout 3→4 (k=3)", "Dense 4→2"], maxout.Layers.Select(l => l.Name));
    }

    [Fact]
    public void An_unknown_name_is_an_error_listing_the_registered_ones()
    {
        Assert.Contains("unknown activation 'swish': use one of relu, tanh, sigmoid, leaky-relu, prelu, elu, maxout",
            Assert.Throws<ArgumentException>(() => Activation.Parse("swish")).Message);
        Assert.Contains("unknown optimiser 'adagrad': use one of sgd, momentum, nesterov, rmsprop, adam",
            Assert.Throws<ArgumentException>(() => Optimizer.Parse("adagrad")).Message);
        Assert.Contains("unknown schedule 'triangle': use one of constant, step",
            Assert.Throws<ArgumentException>(() => Schedule.Parse("triangle", 1e-3)).Message);
        Assert.Contains("unknown init 'glorious': use one of zeros, small, large, xavier, xavier-normal, he, gaussian:<scale>",
            Assert.Throws<ArgumentException>(() => Initializer.Parse("glorious")).Message);
    }

    [Fact]
    public void An_option_a_rule_does_not_take_is_refused_by_its_entry()
    {
        Assert.Contains("momentum does not take beta1, eps",
            Assert.Throws<ArgumentException>(() => Optimizer.Parse("momentum", new OptimizerOptions { Beta1 = 0.9, Eps = 1e-8 })).Message);
        Assert.Equal(0.5, ((Momentum)Optimizer.Parse("momentum", new OptimizerOptions { Beta = 0.5 })).Beta);
        Assert.Contains("the sgdr schedule does not take decay = 0.5",
            Assert.Throws<ArgumentException>(() => Schedule.Parse("sgdr", 1, decay: 0.5)).Message);
        Assert.Equal(4, ((CosineRestarts)Schedule.Parse("cosine", 1, t0: 4)).T0);
    }

    [Fact]
    public void Every_activation_kind_is_rebuilt_from_its_entry()
    {
        foreach (var entry in ActivationRegistry.Entries)
        {
            var layer = entry.Create(new ActivationSettings { Inputs = 3, Units = 5, Slope = 0.2, Alpha = 0.4, Pieces = 3 });
            var rebuilt = LayerFactory.Create(layer.Spec);
            Assert.Equal(layer.Name, rebuilt.Name);
            Assert.Same(entry, ActivationRegistry.FindKind(layer.Spec.Kind));
        }
    }

    private static Registry<ScheduleEntry> NewRegistry() =>
        new("schedule", [new ScheduleEntry("constant", "lr0", (lr0, _) => new Constant(lr0)) { Aliases = ["const"] }]);

    private static ScheduleEntry Halving(string name = "halving", params string[] aliases) =>
        new(name, "lr0 halved every epoch", (lr0, _) => new ExponentialDecay(lr0, 0.5)) { Aliases = aliases };

    [Fact]
    public void Registering_adds_an_entry_after_the_built_in_ones_and_again_replaces_it()
    {
        var registry = NewRegistry();
        registry.Register(Halving());
        var again = Halving(aliases: "half");
        registry.Register(again); // running the cell twice
        Assert.Equal(["constant", "halving"], registry.Names);
        Assert.Same(again, registry.Find(" HALF "));
        Assert.Equal("constant or halving", registry.NameList);
    }

    [Fact]
    public void A_built_in_entry_a_taken_alias_and_a_name_with_a_comma_are_refused()
    {
        var registry = NewRegistry();
        Assert.Contains("'constant' is a built-in schedule", Assert.Throws<ArgumentException>(() => registry.Register(Halving("constant"))).Message);
        Assert.Contains("'const' is taken by 'constant'", Assert.Throws<ArgumentException>(() => registry.Register(Halving(aliases: "const"))).Message);
        Assert.Contains("without spaces, commas or colons", Assert.Throws<ArgumentException>(() => registry.Register(Halving("a,b"))).Message);
        Assert.Contains("lower case", Assert.Throws<ArgumentException>(() => registry.Register(Halving("Halving"))).Message);
        Assert.Equal(["constant"], registry.Names);
    }

    [Fact]
    public void An_activation_entry_that_makes_a_kind_already_known_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Register(new ActivationEntry("relu2", "max(0, x) again", _ => new ReLU())));
        Assert.Contains("makes ReLU layers, as 'relu' does", e.Message);
        Assert.Null(ActivationRegistry.Find("relu2"));
    }
}
