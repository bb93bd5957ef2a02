using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Architecture;

/// <summary>
/// The shape rules of the library, checked on the compiled assembly: one concept, one name (no two types share a simple
/// name, in the library and the CLI) and no namespace cycles in the library, counting every type a namespace's code touches — signatures, base types, attributes and
/// the tokens of every method body (lambdas and iterators included, as their compiler-generated types); and the reading
/// shape of the repository: notebooks that only call the library (short cells) and a README that is a front page.
/// </summary>
public sealed class CodeShapeTests
{
    private static readonly Assembly Library = typeof(AnomalyLab.Data.FeatureBlock).Assembly;

    [Fact]
    public void No_two_types_of_the_library_and_the_cli_share_a_simple_name()
    {
        var named = Library.GetTypes().Concat(Assembly.Load("AnomalyLab.Cli").GetTypes())
            .Where(t => !t.IsNested && !IsCompilerGenerated(t) && t.Namespace?.StartsWith("AnomalyLab", StringComparison.Ordinal) == true)
            .GroupBy(t => t.Name.Split('`')[0])
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();
        Assert.True(named.Count == 0, "types sharing a simple name:\n" + string.Join("\n", named));
    }

    [Fact]
    public void The_library_namespaces_form_no_cycle()
    {
        var graph = NamespaceGraph();
        Assert.Contains("AnomalyLab.Data", graph["AnomalyLab.Studies"]);   // the graph sees real references
        List<List<string>> cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles.Select(c =>
            string.Join(", ", c.Order()) + "  (" + string.Join("; ", c.SelectMany(a => graph[a].Where(c.Contains).Select(b => $"{a} → {b}"))) + ")")));
    }

    [Fact]
    public void The_cycle_finder_sees_a_cycle_through_three_namespaces()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A", "D"], ["D"] = [],
        };
        Assert.Equal(["A", "B", "C"], Assert.Single(StronglyConnected(graph), c => c.Count > 1).Order());
    }

    [Fact]
    public void Notebook_code_cells_stay_short_enough_to_only_call_the_library()
    {
        const int MaxLines = 25;
        var notebooks = Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb");
        Assert.NotEmpty(notebooks);
        var longCells = new List<string>();
        foreach (string path in notebooks)
        {
            using JsonDocument notebook = JsonDocument.Parse(File.ReadAllText(path));
            int index = 0;
            foreach (JsonElement cell in notebook.RootElement.GetProperty("cells").EnumerateArray())
            {
                index++;
                if (cell.GetProperty("cell_type").GetString() != "code") continue;
                JsonElement source = cell.GetProperty("source");
                string text = source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(l => l.GetString())) : source.GetString() ?? "";
                int lines = text.TrimEnd('\n').Split('\n').Length;
                if (lines > MaxLines) longCells.Add($"{Path.GetFileName(path)} cell {index}: {lines} lines");
            }
        }
        Assert.True(longCells.Count == 0, $"code cells over {MaxLines} lines (move the logic into the library):\n" + string.Join("\n", longCells));
    }

    [Fact]
    public void The_readme_is_a_front_page_and_the_manual_lives_in_docs()
    {
        string[] readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.True(readme.Length <= 250, $"README.md has {readme.Length} lines; keep it a front page (≤ 250) and move the manual into docs/.");
        string[] pages = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md");
        Assert.True(pages.Length >= 4, $"docs/ has {pages.Length} pages.");
        string text = string.Join("\n", readme);
        var unlinked = pages.Select(Path.GetFileName).Where(p => !text.Contains("docs/" + p, StringComparison.Ordinal)).ToList();
        Assert.True(unlinked.Count == 0, "docs pages the README does not link: " + string.Join(", ", unlinked));
    }

    private static bool IsCompilerGenerated(Type type) => type.IsDefined(typeof(CompilerGeneratedAttribute), false) || type.Name.Contains('<');

    /// <summary>Namespace → the other library namespaces its types reference.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (Type type in Library.GetTypes())
        {
            string? from = Outermost(type).Namespace;
            if (from is null || !from.StartsWith("AnomalyLab", StringComparison.Ordinal)) continue;
            if (!graph.TryGetValue(from, out var targets)) graph[from] = targets = [];
            foreach (Type used in References(type))
            {
                string? to = Outermost(used).Namespace;
                if (to is not null && to != from && used.Assembly == Library && to.StartsWith("AnomalyLab", StringComparison.Ordinal)) targets.Add(to);
            }
        }
        foreach (string ns in graph.Values.SelectMany(v => v).ToList()) graph.TryAdd(ns, []);
        return graph;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> References(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericType && !t.IsGenericTypeDefinition) foreach (Type a in t.GetGenericArguments()) Add(a);
            if (!t.IsGenericParameter) found.Add(t.IsGenericType ? t.GetGenericTypeDefinition() : t);
        }
        Add(type.BaseType);
        foreach (Type i in type.GetInterfaces()) Add(i);
        foreach (CustomAttributeData a in type.CustomAttributes) Add(a.AttributeType);
        foreach (FieldInfo f in type.GetFields(Everything)) Add(f.FieldType);
        foreach (PropertyInfo p in type.GetProperties(Everything))
        {
            Add(p.PropertyType);
            foreach (CustomAttributeData a in p.CustomAttributes)
            {
                Add(a.AttributeType);
                foreach (var arg in a.ConstructorArguments) if (arg.Value is Type t) Add(t);
            }
        }
        foreach (MethodBase m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (ParameterInfo p in m.GetParameters()) Add(p.ParameterType);
            foreach (Type t in BodyReferences(m)) Add(t);
        }
        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Types named by the metadata tokens of <paramref name="method"/>'s IL (calls, fields, casts, allocations, ldtoken).</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        Module module = method.Module;
        Type[]? typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            OpCode op = OpCodesByValue[value];
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                int token = BitConverter.ToInt32(il, i);
                MemberInfo? member = null;
                try
                {
                    member = module.ResolveMember(token, typeArgs, methodArgs);
                }
                catch (ArgumentException)
                {
                }
                switch (member)
                {
                    case Type t: yield return t; break;
                    case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                    case MethodBase m:
                        yield return m.DeclaringType!;
                        if (m is MethodInfo mi) yield return mi.ReturnType;
                        if (m.IsGenericMethod) foreach (Type a in m.GetGenericArguments()) yield return a;
                        break;
                }
            }
            i += size;
        }
    }

    /// <summary>Tarjan's strongly connected components of <paramref name="graph"/>.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            }
            while (x != v);
            result.Add(component);
        }
        foreach (string v in graph.Keys.Order()) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }
}
