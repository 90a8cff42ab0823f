using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Application.Access;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban tokens add|list|revoke`: dashboard and API tokens per role and per province.</summary>
public static class TokensCommand
{
    public static Command Create()
    {
        var command = new Command("tokens", "Dashboard and API tokens: researcher, operator, or province (read-only, its own portals)");

        var role = new Option<string>("--role") { Description = "researcher | operator | province", Required = true };
        var province = new Option<string?>("--province") { Description = "For --role province: the province (浙江 or 浙江省), as the manifests name it" };
        var name = new Option<string?>("--name") { Description = "Who holds it (shown in lists and recorded with their actions)" };
        var add = new Command("add", "Make a token; its secret is printed once and only its SHA-256 is stored");
        foreach (var o in new Option[] { role, province, name }) add.Options.Add(o);
        add.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            if (!StateCode.TryParse<AccessRole>(parse.GetValue(role), out var r))
            {
                Console.Error.WriteLine($"--role '{parse.GetValue(role)}' must be researcher, operator or province");
                return 2;
            }
            var loaded = services.GetRequiredService<ProbeDataLoader>().LoadPortals();
            await services.GetRequiredService<ProbeStore>().MigrateAsync(ct);
            try
            {
                var (secret, info) = await services.GetRequiredService<AccessTokens>().AddAsync(r, parse.GetValue(province), parse.GetValue(name),
                    loaded.Portals.Select(p => p.Province).ToList(), ct);
                Console.Error.WriteLine($"token {info.Id} ({info.Name}, {StateCode.Of(info.Role)}{(info.Province is null ? "" : ", " + info.Province)}); keep it secret, it is not shown again:");
                Console.WriteLine(secret);
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        }, ct));
        command.Subcommands.Add(add);

        var list = new Command("list", "List tokens (never their secrets)");
        list.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            await services.GetRequiredService<ProbeStore>().MigrateAsync(ct);
            var table = new Table().AddColumns("id", "name", "role", "province", "created (UTC)", "revoked (UTC)");
            foreach (var t in await services.GetRequiredService<AccessTokens>().ListAsync(ct))
                table.AddRow(t.Id.ToString(), Markup.Escape(t.Name), StateCode.Of(t.Role), t.Province ?? "", t.CreatedAtUtc.ToString("u"), t.RevokedAtUtc?.ToString("u") ?? "");
            Output.Stdout().Write(table);
            return 0;
        }, ct));
        command.Subcommands.Add(list);

        var id = new Argument<long>("token") { Description = "The token id (see `zhangban tokens list`)" };
        var revoke = new Command("revoke", "Revoke a token now: its sessions end on their next request");
        revoke.Arguments.Add(id);
        revoke.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            await services.GetRequiredService<ProbeStore>().MigrateAsync(ct);
            try
            {
                var t = await services.GetRequiredService<AccessTokens>().RevokeAsync(parse.GetValue(id), ct);
                Console.WriteLine($"token {t.Id} ({t.Name}) revoked at {t.RevokedAtUtc:u}");
                return 0;
            }
            catch (KeyNotFoundException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        }, ct));
        command.Subcommands.Add(revoke);
        return command;
    }
}
