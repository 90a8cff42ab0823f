using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Replicas;

namespace ZhangbanProbe.Tests.Core;

[Trait("Category", "Unit")]
public class BlockDetectorTests
{
    private static readonly ReplicaSite Site = new() { Id = "x", Province = "浙江", Platform = "浙里办" };

    private static PageSnapshot Page(string html, int status = 200, string url = "https://zwfw.example.gov.cn/", string? text = null, string title = "") =>
        new(url, status, title, text ?? System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " "), html);

    [Fact]
    public void A_normal_portal_home_page_is_not_blocked_even_with_login_links()
    {
        var html = ReplicaPages.Home(Site).Replace("个人服务", "用户登录");
        Assert.Null(BlockDetector.Detect(Page(html)));
    }

    [Fact]
    public void A_slider_captcha_is_blocked_captcha() =>
        Assert.Equal(Reason.Captcha, BlockDetector.Detect(Page(ReplicaPages.SliderCaptcha(Site)))!.Value.Reason);

    [Fact]
    public void A_waf_page_is_blocked_waf() =>
        Assert.Equal(Reason.Waf, BlockDetector.Detect(Page(ReplicaPages.Waf(Site), 403))!.Value.Reason);

    [Fact]
    public void A_412_cookie_challenge_is_blocked_js_challenge() =>
        Assert.Equal(Reason.JsChallenge, BlockDetector.Detect(Page(ReplicaPages.JsChallenge(), 412, text: ""))!.Value.Reason);

    [Fact]
    public void A_redirect_to_a_login_page_is_blocked_login_wall() =>
        Assert.Equal(Reason.LoginWall, BlockDetector.Detect(Page("<form><input type=password></form>", 200, "https://x.gov.cn/sso/login?service=/", "统一身份认证 用户登录"))!.Value.Reason);

    [Theory]
    // Short H5 home pages (tiles are icons) that mention signing in are content, not walls.
    [InlineData("<div>皖事通 合肥市</div><div>社保查询</div><div>公积金</div><div>好差评</div><p>温馨提示：部分服务需实名登录后办理</p>")]
    [InlineData("<div>粤省事</div><a href=/sso>统一身份认证</a><div>社保</div><div>医保</div><div>公积金</div>")]
    [InlineData("<div>鄂汇办</div><a href=/u>用户登录</a><div>办事指南</div><div>登录后查看我的办件</div>")]
    public void A_short_home_page_mentioning_sign_in_is_not_a_wall(string html) =>
        Assert.Null(BlockDetector.Detect(Page(html)));

    [Theory]
    [InlineData("<h2>统一身份认证</h2><form><input placeholder=\"请输入手机号\"><input placeholder=\"短信验证码\"><button>登录</button></form>")]
    [InlineData("<p>请先登录</p><button>去登录</button>")]
    [InlineData("<form><input type=password></form><p>用户登录</p>")]
    public void A_short_page_asking_to_sign_in_with_a_form_or_in_so_many_words_is_a_login_wall(string html) =>
        Assert.Equal(Reason.LoginWall, BlockDetector.Detect(Page(html))!.Value.Reason);

    [Fact]
    public void A_plain_server_error_page_is_not_mistaken_for_a_wall() =>
        Assert.Null(BlockDetector.Detect(Page(ReplicaPages.ServerError(Site, 500), 500)));

    [Theory]
    [InlineData("https://zwfw.example.gov.cn/login?redirect=%2F", true)]
    [InlineData("https://zwfw.example.gov.cn/sso/auth?service=x", true)]
    [InlineData("https://login.example.gov.cn/", true)]
    [InlineData("https://passport.example.gov.cn/index", true)]
    [InlineData("https://zwfw.signin-news.localhost:8080/", false)] // a word inside a host name is not a sign-in page
    [InlineData("https://zwfw.example.gov.cn/index?from=login", false)]
    [InlineData("https://zwfw.example.gov.cn/loginfo/news.html", false)]
    [InlineData("https://zwfw.example.gov.cn/portal/login.do", true)]
    public void Sign_in_addresses_are_read_from_the_path_and_the_host_first_label(string url, bool login) =>
        Assert.Equal(login, BlockDetector.IsLoginUrl(url));
}
