using System.Reflection;

namespace AnomalyLab.Plots;

/// <summary>
/// The plotly.js bundle that Plotly.NET embeds as a resource (<c>Plotly.NET.plotly-&lt;version&gt;.min.js</c>), so pages
/// can inline it and open offline. Never a CDN.
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<(string Name, string Source)> Bundle = new(Load);

    /// <summary>The minified library, safe to place between <c>&lt;script&gt;</c> tags (<c>&lt;/script</c> escaped).</summary>
    public static string Source => Bundle.Value.Source;

    /// <summary>The resource name, e.g. <c>Plotly.NET.plotly-2.28.0.min.js</c>.</summary>
    public static string ResourceName => Bundle.Value.Name;

    /// <summary>Marker comment placed before the inlined library; tests and readers find the one copy per page by it.</summary>
    public const string Marker = "/* plotly.js inlined by AnomalyLab */";

    /// <summary>The library as one <c>&lt;script&gt;</c> element.</summary>
    public static string ScriptElement => $"<script type=\"text/javascript\">{Marker}\n{Source}</script>";

    private static (string, string) Load()
    {
        Assembly assembly = typeof(Plotly.NET.GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames()
            .FirstOrDefault(resource => resource.Contains("plotly", StringComparison.OrdinalIgnoreCase) && resource.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{assembly.Location}: expected an embedded plotly*.min.js resource in Plotly.NET, found none.");
        using Stream stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        // "</script" inside the library (strings, regexes) would end the element early; "<\/" means the same in JavaScript.
        return (name, reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase));
    }
}
