using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZhangbanProbe.Application.Composition;

/// <summary>
/// Builds the generic host every verb runs in. Configuration, later sources winning: appsettings.json beside
/// the program, appsettings.json in the working directory, environment variables prefixed ZHANGBAN_
/// (e.g. ZHANGBAN_Storage__PostgresConnectionString), then command-line options.
/// </summary>
public static class ZhangbanHost
{
    /// <summary>The configuration sources every verb and the service read, later ones winning.</summary>
    public static IConfigurationBuilder AddSources(IConfigurationBuilder configuration, IEnumerable<KeyValuePair<string, string?>> overrides) =>
        configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("ZHANGBAN_")
            .AddInMemoryCollection(overrides);

    public static IHost Build(IDictionary<string, string?> overrides, bool verbose = false, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        AddSources(builder.Configuration, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        // Retries are reported in the result (attempts); Polly's own lines would drown the progress output.
        builder.Logging.AddFilter("Polly", verbose ? LogLevel.Warning : LogLevel.Error);
        builder.Services.AddZhangbanProbe(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
