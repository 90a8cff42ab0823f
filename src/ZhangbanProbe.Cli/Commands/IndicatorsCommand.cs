using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban indicators`: the catalogue (layer, index indicator, probe, what it measures).</summary>
public static class IndicatorsCommand
{
    public static Command Create()
    {
        var coverage = new Option<bool>("--coverage") { Description = "Every indicator of the index: the probes that measure it, or why it is human only, and the audience" };
        var command = new Command("indicators", "List the indicator catalogue: layer, index indicators, probe, what it measures, settings");
        command.Options.Add(coverage);
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
            if (parse.GetValue(coverage))
            {
                var cov = new Table().Border(TableBorder.Rounded).AddColumns("indicator", "layer", "probes", "audience");
                foreach (var row in catalogue.Coverage())
                    cov.AddRow(Markup.Escape(row.Indicator), Markup.Escape(row.Layer.Length > 0 ? row.Layer : "(2023 list)"),
                        Markup.Escape(row.Probes.Count > 0 ? string.Join(", ", row.Probes) : $"human only: {row.HumanOnlyReason}"),
                        Markup.Escape(row.Probes.Count > 0 ? string.Join(", ", row.Audiences) : ""));
                Output.Stdout().Write(cov);
                return Task.FromResult(0);
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
