using Microsoft.Extensions.DependencyInjection;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Tests.Support;

/// <summary>Every registered probe's declaration, as the application registers them (no browser needed).</summary>
public static class RegisteredProbes
{
    public static readonly IReadOnlyDictionary<string, ProbeDeclaration> Declarations =
        new ServiceCollection().AddOptions().AddIndicatorProbes().BuildServiceProvider()
            .GetServices<IIndicatorProbe>()
            .ToDictionary(p => p.Key, p => p.Declaration, StringComparer.OrdinalIgnoreCase);

    public static ProbeDeclaration? Find(string key) => Declarations.GetValueOrDefault(key);
}
