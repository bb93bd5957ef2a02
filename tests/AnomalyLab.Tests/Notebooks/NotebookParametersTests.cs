using AnomalyLab.Notebooks;

namespace AnomalyLab.Tests.Notebooks;

public sealed class NotebookParametersTests
{
    private static (string Source, HashSet<string> Unused) Apply(string source, params (string Name, string Value)[] values)
    {
        var unused = new HashSet<string>(values.Select(v => v.Name));
        return (NotebookParameters.Apply(source, values.ToDictionary(v => v.Name, v => v.Value), unused), unused);
    }

    [Fact]
    public void Values_become_literals_of_the_declared_type_and_comments_stay()
    {
        var (source, unused) = Apply(
            "var data = \"\";  // empty: synthetic\nvar epochs = 3;\ndouble rate = 1e-3;\nvar on = false;\nfloat gain = 1f;\nvar n = 5L;\nvar keep = 1;",
            ("data", "C:\\x\\\"y\"\n"), ("epochs", "12"), ("rate", "0.25"), ("on", "True"), ("gain", "2.5"), ("n", "9"), ("other", "1"));
        Assert.Equal(
            "var data = \"C:\\\\x\\\\\\\"y\\\"\\n\";  // empty: synthetic\nvar epochs = 12;\ndouble rate = 0.25;\nvar on = true;\nfloat gain = 2.5f;\nvar n = 9L;\nvar keep = 1;",
            source);
        Assert.Equal(["other"], unused);
    }

    [Theory]
    [InlineData("var count = 2;", "count", "2.5", "as int")]
    [InlineData("var rate = 0.5;", "rate", "NaN", "as double")]
    [InlineData("bool on = true;", "on", "yes", "as bool")]
    [InlineData("var when = DateTime.Now;", "when", "x", "no literal of a settable type")]
    public void A_value_that_does_not_fit_is_refused_with_the_parameter_named(string declaration, string name, string value, string expected)
    {
        var error = Assert.Throws<NotebookParameterException>(() => Apply(declaration, (name, value)));
        Assert.Contains($"parameter '{name}'", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
