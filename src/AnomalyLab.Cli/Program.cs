using System.CommandLine;
using AnomalyLab.Cli.Commands;

ConsoleWidth.Configure();
var root = new RootCommand("anomalylab — research workbench for unsupervised anomalous sound detection.");
foreach (Command command in CommandCatalog.All()) root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
