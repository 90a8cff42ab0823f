using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban validate`: checks every manifest and the catalogue; problems as path:line:col, exit 2.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check the portal manifests and the indicator catalogue; print each problem as path:line:col: message");
        command.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], services =>
        {
            var data = services.GetRequiredService<ProbeDataLoader>();
            var problems = new List<ManifestProblem>();
            var portals = data.LoadPortals();
            problems.AddRange(portals.Problems);
            try { data.LoadCatalogue(); }
            catch (ManifestException ex) { problems.AddRange(ex.Problems); }

            foreach (var p in problems) Console.Error.WriteLine(p);
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"{problems.Count} problem(s); nothing was run.");
                return Task.FromResult(2);
            }
            Console.WriteLine($"{portals.Portals.Count} portal manifests in {data.PortalsDirectory} and the catalogue {data.CatalogueFile} are valid.");
            return Task.FromResult(0);
        }, ct));
        return command;
    }
}
