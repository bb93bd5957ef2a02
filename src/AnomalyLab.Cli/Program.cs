using System.CommandLine;
using AnomalyLab.Cli.Commands;

ConsoleWidth.Configure();
var root = new RootCommand("anomalylab — research workbench for unsupervised anomalous sound detection.");
foreach (Command command in CommandCatalog.All()) root.Subcommands.Add(command);
ParseResult parsed = root.Parse(args);
// A command line that does not parse (misspelt option, missing value) is bad input: exit 2 like every other bad input,
// never 1, which some commands use for a result ("mismatch", "a cell failed").
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    string command = parsed.CommandResult.Command == root ? "anomalylab" : $"anomalylab {string.Join(' ', CommandPath(parsed.CommandResult.Command))}";
    string problems = string.Join(" ", parsed.Errors.Select(e => e.Message).Distinct());
    return CliErrors.Fail($"{command}: {problems} (see {command} --help)");
}
return await parsed.InvokeAsync();

static IEnumerable<string> CommandPath(Command command)
{
    var names = new List<string>();
    for (Command? c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault()) names.Insert(0, c.Name);
    return names;
}
