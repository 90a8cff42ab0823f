namespace ZhangbanProbe.Replicas;

/// <summary>
/// The default set of replicas: one per real platform (healthy, with latencies like real portals seen from
/// afar), plus demo replicas showing each outcome. Used by `zhangban run --replicas` and the tests.
/// </summary>
public static class ReplicaCatalogue
{
    private static readonly (string Id, string Province, string Platform)[] Platforms =
    [
        ("beijing", "北京", "京通"), ("tianjin", "天津", "津心办"), ("hebei", "河北", "冀时办"), ("shanxi", "山西", "三晋通"),
        ("neimenggu", "内蒙古", "蒙速办"), ("liaoning", "辽宁", "辽事通"), ("jilin", "吉林", "吉事办"), ("heilongjiang", "黑龙江", "龙易办"),
        ("shanghai", "上海", "随申办"), ("jiangsu", "江苏", "苏服办"), ("zhejiang", "浙江", "浙里办"), ("anhui", "安徽", "皖事通"),
        ("fujian", "福建", "闽政通"), ("jiangxi", "江西", "赣服通"), ("shandong", "山东", "爱山东"), ("henan", "河南", "豫事办"),
        ("hubei", "湖北", "鄂汇办"), ("hunan", "湖南", "湘易办"), ("guangdong", "广东", "粤省事"), ("guangxi", "广西", "智桂通"),
        ("hainan", "海南", "海易办"), ("chongqing", "重庆", "渝快办"), ("sichuan", "四川", "天府通办"), ("guizhou", "贵州", "贵人服务"),
        ("yunnan", "云南", "一部手机办事通"), ("xizang", "西藏", "西藏政务服务"), ("shaanxi", "陕西", "秦务员"), ("gansu", "甘肃", "甘快办"),
        ("qinghai", "青海", "青松办"), ("ningxia", "宁夏", "我的宁夏"), ("xinjiang", "新疆", "新服办"), ("xjbt", "新疆生产建设兵团", "兵团政务服务"),
        ("national", "国家政务服务平台", "国家政务服务平台"),
    ];

    public static List<ReplicaSite> Default()
    {
        var sites = new List<ReplicaSite>();
        for (var i = 0; i < Platforms.Length; i++)
        {
            var (id, province, platform) = Platforms[i];
            // Deterministic spread of latencies (20–250 ms) so the demo table shows differences.
            sites.Add(new ReplicaSite
            {
                Id = id, Province = province, Platform = platform,
                Latency = TimeSpan.FromMilliseconds(20 + (i * 37) % 230),
                Redirects = i % 7 == 3 ? 1 : 0,
                // A few platforms with an app in the replica App Store (made-up ids and ratings: replicas only).
                App = id switch
                {
                    "zhejiang" => new ReplicaApp("9000000011", 4.7, 52000),
                    "shanghai" => new ReplicaApp("9000000009", 4.6, 38000),
                    "guangdong" => new ReplicaApp("9000000019", 3.1, 9100),
                    "xizang" => new ReplicaApp("9000000026", 4.9, 7),
                    _ => null,
                },
                Note = "replica of the real platform's entry page",
            });
        }
        sites.Add(new ReplicaSite { Id = "demo-slow", Province = "示例", Platform = "慢速示例", Latency = TimeSpan.FromMilliseconds(3400), Note = "answers after 3.4 s: degraded" });
        sites.Add(new ReplicaSite { Id = "demo-hang", Province = "示例", Platform = "无响应示例", Hang = true, Note = "never answers: error (timeout)" });
        sites.Add(new ReplicaSite { Id = "demo-500", Province = "示例", Platform = "故障示例", Status = 500, Note = "answers HTTP 500: fail" });
        sites.Add(new ReplicaSite { Id = "demo-captcha", Province = "示例", Platform = "滑块示例", Wall = ReplicaWall.SliderCaptcha, Note = "slider captcha in front: blocked" });
        var flawed = new ReplicaSite { Id = "demo-flawed", Province = "示例", Platform = "缺陷示例", Note = "dead English link, elderly mode without effect, partial footer, no privacy policy, broken image, 公积金 page under construction, dead 电子证照 link, service guides at the counter only" };
        flawed.Features.English = EnglishMode.DeadLink;
        flawed.Features.Elderly = ElderlyMode.NoEffect;
        flawed.Features.Footer = FooterMode.Partial;
        flawed.Features.Privacy = PrivacyMode.Missing;
        flawed.Features.BrokenImage = true;
        flawed.Features.Services = ServicesMode.EmptyShell;
        flawed.Features.Licence = LicenceMode.DeadLink;
        flawed.Features.Guides = GuideMode.Offline;
        sites.Add(flawed);
        var walled = new ReplicaSite { Id = "demo-walled", Province = "示例", Platform = "墙后示例", Note = "English link that changes nothing, progress query behind a slider, no viewport, script errors, 电子证照 behind the sign-in page" };
        walled.Features.English = EnglishMode.NoEffect;
        walled.Features.Progress = ProgressMode.Slider;
        walled.Features.NoViewport = true;
        walled.Features.ConsoleError = true;
        walled.Features.Licence = LicenceMode.SignIn;
        sites.Add(walled);
        sites.Add(new ReplicaSite
        {
            Id = "demo-tls", Province = "示例", Platform = "安全示例", Tls = new ReplicaTls(),
            Note = "HTTPS only (HTTP redirects), HSTS, Secure cookies: transport-security passes",
        });
        sites.Add(new ReplicaSite
        {
            Id = "demo-expired", Province = "示例", Platform = "证书过期示例",
            Tls = new ReplicaTls { Certificate = ReplicaCertificate.Expired, RedirectHttp = false, Hsts = false, SecureCookies = false, MixedContent = true },
            Note = "expired certificate, HTTP served too, mixed content: transport-security fails",
        });
        return sites;
    }
}
