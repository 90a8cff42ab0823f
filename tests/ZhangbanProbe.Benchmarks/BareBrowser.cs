using Microsoft.Playwright;
using ZhangbanProbe.Probing.Browser;

/// <summary>
/// The bare Playwright side of every benchmark: the browser `zhangban run` would pick (discovery, so both sides drive
/// the same binary), launched with the same arguments, phone contexts as its mobile profile opens them, and evidence
/// screenshots as it takes them (JPEG at CSS scale).
/// </summary>
public static class BareBrowser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = BrowserLocator.Locate(null),
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
    });

    /// <summary>A fresh Pixel 7 context in zh-CN / Asia/Shanghai without service workers, as the mobile profile's.</summary>
    public static Task<IBrowserContext> PhoneContextAsync(IPlaywright playwright, IBrowser browser, bool ignoreHttpsErrors = false)
    {
        var device = playwright.Devices["Pixel 7"];
        return browser.NewContextAsync(new()
        {
            ViewportSize = device.ViewportSize, ScreenSize = device.ScreenSize, UserAgent = device.UserAgent, DeviceScaleFactor = device.DeviceScaleFactor,
            IsMobile = true, HasTouch = true, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", ServiceWorkers = ServiceWorkerPolicy.Block,
            IgnoreHTTPSErrors = ignoreHttpsErrors, AcceptDownloads = false,
        });
    }

    public static Task ScreenshotAsync(IPage page, string path) =>
        page.ScreenshotAsync(new() { Path = path, Type = ScreenshotType.Jpeg, Quality = 80, Scale = ScreenshotScale.Css, Timeout = 10_000 });
}
