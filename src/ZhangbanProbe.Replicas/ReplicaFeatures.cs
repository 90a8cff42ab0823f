namespace ZhangbanProbe.Replicas;

/// <summary>How a replica offers its English version (modelled on what real portals do, good and bad).</summary>
public enum EnglishMode { None, Link, DeadLink, NoEffect, ScriptToggle, OtherHost, HreflangOnly, Select }

/// <summary>How a replica offers its elder-friendly mode (长辈版/关怀版).</summary>
public enum ElderlyMode { None, Link, NoEffect, ScriptToggle, NotSticky }

/// <summary>How a replica's progress query (办件查询) behaves.</summary>
/// <summary>
/// How the progress query behaves. <c>Hidden</c>: no 办件查询 link; the query sits behind 个人工作台 → 查件, in a form
/// revealed by a script, with an unlabeled field and a "GO" button answering in place (needs a manifest step script).
/// </summary>
public enum ProgressMode { None, Works, NotFoundAnswer, ServerError, Slider, Hang, LoginWall, ScriptError, Hidden }

/// <summary>Which identity items the footer carries.</summary>
public enum FooterMode { Full, Partial, None }

/// <summary>Privacy policy and user agreement.</summary>
public enum PrivacyMode { Full, Missing, NoPersonalInfo }

/// <summary>Feedback entries: all (好差评, 投诉, 咨询, 12345), a broken 好差评 link, or none.</summary>
public enum FeedbackMode { Full, Broken, None }

/// <summary>Other channels shown on the entry page: app download, mobile (H5) version, QR code, mini-program.</summary>
public enum ChannelsMode { Full, BrokenDownload, None }

/// <summary>
/// Everyday services (社保查询, 公积金, 生活缴费): all lead to working pages; the payment link is dead; the housing-fund
/// page is an empty shell (栏目建设中); the payment page only points to the app; or there are no such entries.
/// </summary>
public enum ServicesMode { Works, DeadLink, EmptyShell, AppOnly, None }

/// <summary>The 电子证照 entry: a working page, a redirect to the sign-in page, a dead link, an empty shell (即将上线), or none.</summary>
public enum LicenceMode { Works, SignIn, DeadLink, EmptyShell, None }

/// <summary>
/// What the 办事指南 found through the site search state: every service fully online (全程网办, 0 visits); some
/// (公积金, 身份证) fully online and the rest with one visit; all at the counter (with a 全程网办专区 menu link beside
/// the fields); or the results lead to pages that are no guides.
/// </summary>
public enum GuideMode { AllOnline, Mixed, Offline, NoGuides }

/// <summary>Site search: answers with results, answers "no results", or there is no search box.</summary>
public enum SearchMode { Works, NoResults, None }

/// <summary>Prefecture city channels: all working, half of them broken, or no city entries.</summary>
public enum CityMode { Works, HalfBroken, None }

/// <summary>The features of a replica's pages; the defaults are a well-built portal.</summary>
public sealed class ReplicaFeatures
{
    public EnglishMode English { get; set; } = EnglishMode.Link;
    /// <summary>The text of the English switch (English, EN, ENGLISH, 英文, English Version, ...).</summary>
    public string EnglishLabel { get; set; } = "English";
    public ElderlyMode Elderly { get; set; } = ElderlyMode.Link;
    /// <summary>The text of the elderly switch (长辈版, 关怀版, 适老化, 老年模式, ...).</summary>
    public string ElderlyLabel { get; set; } = "长辈版";
    public ProgressMode Progress { get; set; } = ProgressMode.Works;
    /// <summary>The case number the replica knows (answers with a status); others answer 查无此件.</summary>
    public string KnownCaseNumber { get; set; } = "BJ20250001234";
    public FooterMode Footer { get; set; } = FooterMode.Full;
    public PrivacyMode Privacy { get; set; } = PrivacyMode.Full;
    /// <summary>Page health faults: a broken image, a console error, a dead link, a failing script request.</summary>
    public bool BrokenImage { get; set; }
    public bool ConsoleError { get; set; }
    public bool DeadLink { get; set; }
    /// <summary>Mobile faults: no viewport meta, content wider than the screen, tiny base font.</summary>
    public bool NoViewport { get; set; }
    public bool WideContent { get; set; }
    public bool TinyFont { get; set; }
    /// <summary>Accessibility faults: an image link without alt text, a form field without a label, low-contrast text.</summary>
    public bool A11yFaults { get; set; }
    public FeedbackMode Feedback { get; set; } = FeedbackMode.Full;
    public ChannelsMode Channels { get; set; } = ChannelsMode.Full;
    /// <summary>Appointment (预约) and service-hall (办事大厅) entries.</summary>
    public bool OfflineEntries { get; set; } = true;
    /// <summary>The login page offers many methods (password, SMS, scan, e-ID, passport) or only a password.</summary>
    public bool AllLoginMethods { get; set; } = true;
    public SearchMode Search { get; set; } = SearchMode.Works;
    public ServicesMode Services { get; set; } = ServicesMode.Works;
    public LicenceMode Licence { get; set; } = LicenceMode.Works;
    public GuideMode Guides { get; set; } = GuideMode.AllOnline;
    public CityMode Cities { get; set; } = CityMode.Works;
}
