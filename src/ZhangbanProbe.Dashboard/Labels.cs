namespace ZhangbanProbe.Dashboard;

/// <summary>Every label of the dashboard in Chinese (default) and English; a page asks for a key, never writes a label itself.</summary>
public sealed class Labels(string language)
{
    public string Language { get; } = language == "en" ? "en" : "zh";
    public bool English => Language == "en";

    private static readonly Dictionary<string, (string Zh, string En)> Table = new()
    {
        ["app"] = ("掌办探针", "ZhangbanProbe"),
        ["overview"] = ("总览", "Overview"),
        ["runs"] = ("运行", "Runs"),
        ["compare"] = ("人机对比", "Compare"),
        ["incidents"] = ("事件", "Incidents"),
        ["logout"] = ("退出", "Sign out"),
        ["switch"] = ("English", "中文"),
        ["login.title"] = ("登录", "Sign in"),
        ["login.token"] = ("访问令牌", "Access token"),
        ["login.submit"] = ("登录", "Sign in"),
        ["login.help"] = ("令牌由研究团队用 zhangban tokens add 发放；省级平台团队只能看到本省平台。", "Tokens are issued by the research team with `zhangban tokens add`; a province's team sees its own platforms only."),
        ["login.wrong"] = ("令牌无效或已撤销。", "The token is unknown or revoked."),
        ["run"] = ("运行", "Run"),
        ["started"] = ("开始（北京时间）", "Started (Beijing time)"),
        ["status"] = ("状态", "Status"),
        ["progress"] = ("进度", "Progress"),
        ["pairs"] = ("项", "pairs"),
        ["norun"] = ("还没有运行记录。", "No run yet."),
        ["portal"] = ("平台", "Platform"),
        ["province"] = ("省份", "Province"),
        ["layer"] = ("层级", "Layer"),
        ["outcome"] = ("结果", "Outcome"),
        ["all"] = ("全部", "all"),
        ["filter"] = ("筛选", "Filter"),
        ["notyet"] = ("尚无结果", "no result yet"),
        ["reason"] = ("原因", "Reason"),
        ["detail"] = ("说明", "Detail"),
        ["value"] = ("数值", "Value"),
        ["urls"] = ("访问路径", "URL chain"),
        ["measurements"] = ("测量值", "Measurements"),
        ["evidence"] = ("证据", "Evidence"),
        ["screenshot"] = ("检测时的页面截图", "screenshot of the page when probed"),
        ["reproduce"] = ("复现命令", "Reproduce"),
        ["sha.intact"] = ("文件完整：SHA-256 与检测时记录的一致", "intact: the SHA-256 matches the one recorded when probed"),
        ["sha.changed"] = ("警告：文件在检测后被改动，不能作为证据", "WARNING: the file was changed after it was taken; it is not the evidence"),
        ["sha.missing"] = ("警告：证据文件缺失", "WARNING: the evidence file is missing"),
        ["sha.notrecorded"] = ("检测时未记录指纹，无法证明", "no fingerprint was recorded when taken: cannot be proven"),
        ["sha.recorded"] = ("记录的 SHA-256", "recorded SHA-256"),
        ["sha.current"] = ("当前 SHA-256", "current SHA-256"),
        ["download"] = ("下载", "download"),
        ["attempts"] = ("尝试次数", "Attempts"),
        ["duration"] = ("耗时", "Duration"),
        ["profile"] = ("浏览器配置", "Browser profile"),
        ["forbidden"] = ("无权查看：此平台不属于您的省份。", "Not yours to see: this platform belongs to another province."),
        ["notfound"] = ("没有这条结果。", "No such result."),
        ["heatmap"] = ("平台 × 指标", "Platform × indicator"),
        ["runs.history"] = ("运行记录", "Run history"),
        ["runs.new"] = ("发起临时运行", "Start an ad-hoc run"),
        ["runs.start"] = ("开始运行", "Start the run"),
        ["runs.portals"] = ("平台", "Platforms"),
        ["runs.indicators"] = ("指标", "Indicators"),
        ["runs.started"] = ("已开始运行", "Run started"),
        ["runs.live"] = ("页面每 5 秒刷新一次，直到运行结束。", "This page refreshes every 5 s while a run is in progress."),
        ["runs.trigger"] = ("触发", "Trigger"),
        ["runs.none"] = ("请至少选择一个平台和一个指标。", "Choose at least one platform and one indicator."),
        ["runs.busy"] = ("已有多个临时运行在进行，请稍后再试。", "Too many ad-hoc runs are in progress; try again when one completes."),
        ["finished"] = ("结束（北京时间）", "Finished (Beijing time)"),
        ["incidents.open"] = ("未关闭的事件", "Open incidents"),
        ["incidents.closed"] = ("已关闭的事件", "Closed incidents"),
        ["incident"] = ("事件", "Incident"),
        ["kind"] = ("类型", "Kind"),
        ["since"] = ("开始于", "Since"),
        ["summary"] = ("摘要", "Summary"),
        ["events"] = ("经过", "Transitions"),
        ["deliveries"] = ("通知", "Deliveries"),
        ["channel"] = ("渠道", "Channel"),
        ["delivery"] = ("投递状态", "Delivery"),
        ["by"] = ("操作人与说明", "By and note"),
        ["at"] = ("时间（北京时间）", "At (Beijing time)"),
        ["approve"] = ("批准通知省份", "Approve (notify the province)"),
        ["reject"] = ("驳回（误报）", "Reject (false alarm)"),
        ["acknowledge"] = ("确认已知悉", "Acknowledge"),
        ["dispute"] = ("提出异议", "Dispute"),
        ["comment"] = ("说明", "Comment"),
        ["noincidents"] = ("没有事件。", "No incidents."),
        ["done"] = ("已完成", "Done"),
        ["error.input"] = ("输入有误", "Bad input"),
        ["portal.strips"] = ("近 30 次例行检测", "The last 30 scheduled sweeps"),
        ["portal.timing"] = ("响应时间趋势（毫秒）", "Timing trends (ms)"),
        ["portal.notiming"] = ("还没有可用的时间数据。", "No timing data yet."),
        ["portal.grades"] = ("各版次人工评价", "Human grades by edition"),
        ["portal.nogrades"] = ("尚无该省份的人工评价。", "No human grades for this province yet."),
        ["portal.entry"] = ("入口", "Entry"),
        ["year"] = ("年度", "Year"),
        ["health.outbox"] = ("等待写入数据库的结果", "Results waiting for the database"),
        ["health.aside"] = ("被数据库拒收的结果", "Results the database refused"),
        ["health.dead"] = ("已放弃投递的通知", "Notifications given up"),
        ["portal.editions"] = ("各版次：人工评价与同期机器结果", "Each edition: human grade beside the machine results of its period"),
        ["portal.machine"] = ("机器：通过 / 已观测", "Machine: passes / observed"),
        ["scope"] = ("范围", "Scope"),
        ["group"] = ("评价群体", "Evaluator group"),
        ["grade"] = ("等级/分数", "Grade/score"),
        ["rank"] = ("排名", "Rank"),
        ["compare.title"] = ("人机对比", "Human grades and machine results"),
        ["compare.year"] = ("年度（版次）", "Edition (year)"),
        ["compare.show"] = ("显示", "Show"),
        ["compare.human"] = ("人工评价（层级）", "Human grade (level)"),
        ["compare.agreement"] = ("一致性（Spearman ρ，95% 自助法区间）", "Agreement (Spearman's ρ, 95% bootstrap interval)"),
        ["compare.probe"] = ("指标", "Indicator"),
        ["compare.measure"] = ("机器度量", "Machine measure"),
        ["compare.interval"] = ("区间", "Interval"),
        ["compare.note"] = ("备注", "Note"),
        ["compare.disagreements"] = ("需复核的分歧（人机排名相差较大）", "Disagreements to re-review (human and machine ranks far apart)"),
        ["compare.none"] = ("无", "none"),
        ["compare.download"] = ("下载", "Download"),
        ["compare.period"] = ("机器结果取自该版次评测期内的例行检测", "Machine results from the scheduled sweeps in the edition's evaluation period"),
    };

    public string this[string key] => Table.TryGetValue(key, out var t) ? (English ? t.En : t.Zh) : key;

    public string Outcome(ZhangbanProbe.Core.Outcomes.Outcome o) =>
        ZhangbanProbe.Alerting.MessageTable.Outcomes.TryGetValue(o, out var s) ? (English ? s.En : s.Zh) : o.ToString();

    public string Reason(ZhangbanProbe.Core.Outcomes.Reason r) =>
        ZhangbanProbe.Alerting.MessageTable.Reasons.TryGetValue(r, out var s) ? (English ? s.En : s.Zh) : r.ToString();

    public string Layer(string layer) => !English ? (layer == "overall" ? "总体" : layer) : layer switch
    {
        "可用" => "Available", "管用" => "Effective", "好用" => "Usable", "爱用" => "Liked", "敢用" => "Trusted", "overall" => "Overall", _ => layer,
    };

    public static IReadOnlyCollection<string> Keys => Table.Keys;
    public static (string Zh, string En) Entry(string key) => Table[key];
}
