using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Application.Composition;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>Builds and starts the host for a verb; invalid configuration is bad input (exit 2) named by its key.</summary>
public static class HostRunner
{
    public static async Task<int> WithHostAsync(ParseResult parse, Dictionary<string, string?> extra, Func<IServiceProvider, Task<int>> body, CancellationToken ct)
    {
        var overrides = GlobalOptions.Overrides(parse);
        foreach (var (k, v) in extra) overrides[k] = v;
        using var host = ZhangbanHost.Build(overrides, parse.GetValue(GlobalOptions.Verbose));
        try
        {
            await host.StartAsync(ct); // runs ValidateOnStart for every options class
        }
        catch (OptionsValidationException ex)
        {
            foreach (var f in ex.Failures) Console.Error.WriteLine($"configuration: {f}");
            return 2;
        }
        try
        {
            return await body(host.Services);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            if (host.Services.GetService(typeof(Probing.Browser.BrowserSession)) is IAsyncDisposable b) await b.DisposeAsync();
        }
    }
}
