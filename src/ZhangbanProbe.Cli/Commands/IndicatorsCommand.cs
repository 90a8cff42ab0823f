using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Cli.Runs;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban indicators`: the catalogue (layer, index indicator, probe, what it measures).</summary>
public static class IndicatorsCommand
{
    public static Command Create()
    {
        var command = new Command("indicators", "List the indicator catalogue: layer, index indicators, probe, what it measures, settings");
        command.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], services =>
        {
            var data = services.GetRequiredService<ProbeDataLoader>();
            Core.Catalogue.IndicatorCatalogue catalogue;
            try { catalogue = data.LoadCatalogue(); }
            catch (ManifestException ex)
            {
                foreach (var p in ex.Problems) Console.Error.WriteLine(p);
                return Task.FromResult(2);
            }
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("layer", "index indicators", "probe", "measures", "settings");
            foreach (var e in catalogue.Entries.OrderBy(e => Array.IndexOf(Core.Catalogue.IndicatorCatalogue.Layers, e.Layer)))
                table.AddRow(Markup.Escape(e.Layer), Markup.Escape(string.Join("、", e.IndexIndicators)), Markup.Escape(e.ProbeKey),
                    Markup.Escape(e.Measures), Markup.Escape(string.Join(", ", e.Settings.Values.Select(kv => $"{kv.Key}={kv.Value}"))));
            Output.Stdout().Write(table);
            return Task.FromResult(0);
        }, ct));
        return command;
    }
}
