using System.CommandLine;
using System.Reflection;

namespace AnomalyLab.Cli.Commands;

/// <summary>Marks a static class with <c>public static Command Create()</c> as an <c>anomalylab</c> sub-command.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class CliCommandAttribute(int order) : Attribute
{
    /// <summary>Position in <c>--help</c> (lower first).</summary>
    public int Order { get; } = order;
}

/// <summary>Every sub-command of <c>anomalylab</c>, found by <see cref="CliCommandAttribute"/>; each lives in its own file and only parses arguments.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
        typeof(CommandCatalog).Assembly.GetTypes()
            .Select(type => (type, attribute: type.GetCustomAttribute<CliCommandAttribute>()))
            .Where(pair => pair.attribute != null)
            .OrderBy(pair => pair.attribute!.Order)
            .Select(pair => (Command)pair.type.GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!);
}
