using System.Net;
using System.Text.RegularExpressions;
using ZhangbanProbe.Tests.Support;
using static ZhangbanProbe.Tests.Serve.ServeApiTests;

namespace ZhangbanProbe.Tests.Serve;

/// <summary>Sessions, links and headers of a real `serve` process, as an attacker with a copied cookie or a crafted link would try them.</summary>
[Trait("Category", "Integration")]
public class SessionSecurityTests
{
    private const string Token = "test-token-0123456789";

    private sealed class Browserless(string baseUrl) : IDisposable
    {
        public CookieContainer Cookies { get; } = new();
        public HttpClient Http { get; private set; } = default!;
        public Browserless Start()
        {
            Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
            return this;
        }

        public async Task<HttpResponseMessage> SignInAsync(string token, string returnUrl = "/dash")
        {
            var login = await Http.GetStringAsync("/login");
            var csrf = Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return await Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = csrf, ["token"] = token, ["returnUrl"] = returnUrl }));
        }

        public async Task<HttpResponseMessage> SignOutAsync()
        {
            var page = await Http.GetStringAsync("/dash");
            var csrf = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return await Http.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = csrf }));
        }

        public void Dispose() => Http.Dispose();
    }

    private static async Task<HttpStatusCode> WithCookieAsync(string baseUrl, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dash");
        request.Headers.Add("Cookie", cookie);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Logout_and_a_rotated_api_token_end_sessions_copied_cookies_included_and_pages_carry_security_headers()
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        File.WriteAllText(Path.Combine(portals, "alpha.yaml"), "id: alpha\nprovince: 北京\nentry_url: https://alpha.example.gov.cn/\n");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var serve = StartServe(dir, portals, TestPaths.FastCatalogue(dir), port, new Dictionary<string, string> { ["ZHANGBAN_Api__LoginAttemptsPerMinute"] = "1000" });
        try
        {
            using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) }) await WaitHealthyAsync(http, serve);
            using var user = new Browserless(baseUrl).Start();
            Assert.Equal(HttpStatusCode.Redirect, (await user.SignInAsync(Token)).StatusCode);
            var dash = await user.Http.GetAsync("/dash");
            Assert.Equal(HttpStatusCode.OK, dash.StatusCode);
            // Headers on every page; nothing authenticated is cached.
            Assert.Equal("nosniff", dash.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("frame-ancestors 'none'", dash.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("no-store", dash.Headers.CacheControl?.ToString());

            var copied = user.Cookies.GetCookieHeader(new Uri(baseUrl));
            Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(baseUrl, copied));
            await user.SignOutAsync();
            Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(baseUrl, copied)); // the copied cookie no longer works

            // Another session, then Api:Token is rotated: the old token's sessions end.
            using var second = new Browserless(baseUrl).Start();
            await second.SignInAsync(Token);
            var before = second.Cookies.GetCookieHeader(new Uri(baseUrl));
            Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(baseUrl, before));
            serve.Kill(true);
            await serve.WaitForExitAsync();
            serve = StartServe(dir, portals, TestPaths.FastCatalogue(dir), port, new Dictionary<string, string> { ["ZHANGBAN_Api__Token"] = "rotated-token-9876543210" });
            using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) }) await WaitHealthyAsync(http, serve);
            Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(baseUrl, before));

            // Return addresses are local paths only: a tab or backslash trick goes to /dash.
            using var third = new Browserless(baseUrl).Start();
            foreach (var evil in new[] { "/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example/", "/\n/evil.example" })
                Assert.Equal("/dash", (await third.SignInAsync("rotated-token-9876543210", evil)).Headers.Location?.ToString());
        }
        finally
        {
            if (!serve.HasExited) { serve.Kill(true); await serve.WaitForExitAsync(); }
        }
    }

    [Fact]
    public async Task Login_attempts_are_rate_limited_per_address()
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        File.WriteAllText(Path.Combine(portals, "alpha.yaml"), "id: alpha\nprovince: 北京\nentry_url: https://alpha.example.gov.cn/\n");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var serve = StartServe(dir, portals, TestPaths.FastCatalogue(dir), port, new Dictionary<string, string> { ["ZHANGBAN_Api__LoginAttemptsPerMinute"] = "3" });
        try
        {
            using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) }) await WaitHealthyAsync(http, serve);
            using var guesser = new Browserless(baseUrl).Start();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++) statuses.Add((await guesser.SignInAsync($"guess-{i}-0123456789")).StatusCode);
            Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, (HttpStatusCode)429, (HttpStatusCode)429], statuses);
        }
        finally
        {
            if (!serve.HasExited) { serve.Kill(true); await serve.WaitForExitAsync(); }
        }
    }

    [Fact]
    public async Task The_api_takes_role_tokens_with_their_rights_and_a_revoked_one_stops_at_once()
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        File.WriteAllText(Path.Combine(portals, "alpha.yaml"), "id: alpha\nprovince: 北京\nentry_url: https://alpha.example.gov.cn/\n");
        string[] common = ["--portals", portals, "--sqlite", Path.Combine(dir, "zhangban.db")];
        async Task<string> Add(params string[] args)
        {
            var r = await CliProcess.RunAsync(dir, null, ["tokens", "add", .. args, .. common]);
            Assert.True(r.ExitCode == 0, r.ToString());
            return r.Stdout.Trim();
        }
        var operatorToken = await Add("--role", "operator", "--name", "值班运维");
        var provinceToken = await Add("--role", "province", "--province", "北京", "--name", "北京市政务服务局");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var serve = StartServe(dir, portals, TestPaths.FastCatalogue(dir), port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await WaitHealthyAsync(http, serve);
            async Task<HttpStatusCode> Call(string token, HttpMethod method, string path, string? json = null)
            {
                using var request = new HttpRequestMessage(method, path);
                request.Headers.Authorization = new("Bearer", token);
                if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
                return (await http.SendAsync(request)).StatusCode;
            }
            Assert.Equal(HttpStatusCode.OK, await Call(operatorToken, HttpMethod.Get, "/metrics"));
            Assert.Equal(HttpStatusCode.Forbidden, await Call(operatorToken, HttpMethod.Post, "/api/incidents/1/approve", "{}"));
            Assert.Equal(HttpStatusCode.Forbidden, await Call(provinceToken, HttpMethod.Get, "/metrics"));
            Assert.Equal(HttpStatusCode.Forbidden, await Call(provinceToken, HttpMethod.Post, "/api/runs", "{\"portals\":[\"alpha\"]}"));
            Assert.Equal(HttpStatusCode.NotFound, await Call(provinceToken, HttpMethod.Get, $"/api/runs/{Guid.NewGuid()}")); // reads runs
            Assert.Equal(HttpStatusCode.NotFound, await Call(Token, HttpMethod.Post, "/api/incidents/424242/approve", "{\"note\":\"ok\"}")); // the researcher decides

            var list = await CliProcess.RunAsync(dir, null, ["tokens", "list", .. common]);
            var id = Regex.Match(list.Stdout, @"(\d+)\s*│\s*值班运维").Groups[1].Value;
            Assert.True((await CliProcess.RunAsync(dir, null, ["tokens", "revoke", id, .. common])).ExitCode == 0);
            Assert.Equal(HttpStatusCode.Unauthorized, await Call(operatorToken, HttpMethod.Get, "/metrics"));
        }
        finally
        {
            if (!serve.HasExited) { serve.Kill(true); await serve.WaitForExitAsync(); }
        }
    }
}
